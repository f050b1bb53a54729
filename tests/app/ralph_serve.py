"""Run Ralph's LRS app under uvicorn, its file-system backend appending to its .jsonl.

Ralph 5.1's FS LRS backend writes with its data backend's default operation, CREATE, which
refuses an existing file: every POST after the first one that stored something answers 500
("fs_lrs.jsonl already exists and overwrite is not allowed"). Appending is what an LRS on
one file must do, so this one class attribute is set before the app loads; the rest
(routes, auth, duplicate ids, queries) is Ralph's own code.
"""
from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), workers=1,
                log_level="warning")

"""Writing a file all at once: whoever reads it (another tablet, a spreadsheet, the game
after a crash or a pulled USB stick) finds the old file or the new one, never half of one."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, write: Callable[[TextIO], T], *, encoding: str = "utf-8",
                     newline: str | None = None) -> T:
    """Call ``write`` on a temporary file beside ``path``, flush it to the disk, then put it
    in place in one step; on any error the temporary file goes and ``path`` is untouched."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes it private; these files are for sharing
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result

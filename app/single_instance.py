"""One copy of the game per data folder: a second one would fight the first over the file.

An exclusive ``flock`` on ``.lock`` in the data folder, held for the life of the process;
the kernel releases it on exit, on a crash and on ``kill -9``, so a stale lock never
refuses a start. A folder where the lock file cannot be made (read-only) is not refused:
the store already says nothing will be saved there.
"""
from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import IO

LOCK_NAME = ".lock"
log = logging.getLogger(__name__)


class AlreadyRunning(Exception):
    """Another copy of the game holds the data folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"another copy of the game uses {folder}")
        self.folder = folder


def hold(folder: Path) -> IO[str] | None:
    """Take the folder's lock for this process; keep the returned file open to keep it.

    ``AlreadyRunning`` if another process holds it; None if no lock file can be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - kept open
    except OSError as error:
        log.warning("no single-instance lock in %s: %s", folder, error)
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise AlreadyRunning(folder) from None
    except OSError as error:  # a file system without locks (some network folders)
        log.warning("cannot lock %s: %s", folder / LOCK_NAME, error)
        return handle
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle

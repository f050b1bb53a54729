"""The LRS password, kept out of the progress file: a teacher may copy or export that file.

It lives in its own file beside it in the data folder (``lrs-password``), readable by the
device's user only (mode 0600 where the system has Unix permissions), written whole or not
at all. This keeps it out of copies of the progress file and away from the machine's other
users; it does not protect it from someone who can read this user's files (see
docs/ARCHITECTURE.md, "The LRS password"). A store in memory (no file) keeps none. The
password is never logged.
"""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "lrs-password"
MODE = 0o600


def password_file(conn: sqlite3.Connection) -> Path | None:
    """The password file beside the progress file ``conn`` has open (None: in memory)."""
    if not isinstance(conn, sqlite3.Connection):  # the save queue's recorder: in memory
        return None
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file).with_name(FILE_NAME) if file else None
    return None


def read_password(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        log.warning("the LRS password file %s cannot be read: %s", path, type(error).__name__)
        return ""


def write_password(path: Path, password: str) -> None:
    """Replace the password (an empty one removes the file); never half written, never
    readable by others, not even for a moment (the file is made with its mode)."""
    if not password:
        path.unlink(missing_ok=True)
        return
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
    try:
        with os.fdopen(fd, "wb") as file:
            if hasattr(os, "fchmod"):
                os.fchmod(file.fileno(), MODE)  # whatever the umask
            file.write(password.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)

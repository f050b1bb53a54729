"""Opening the progress file crash-safely, and saying why it could not be opened.

Crash safety: WAL journal with ``synchronous=FULL``. In WAL mode a COMMIT has written its
frames to the -wal file before it returns, so a process killed at any instant (SIGKILL, a
crash in Kivy or a driver) loses nothing that was committed, at either NORMAL or FULL: the
pages are in the OS, and the next open replays the WAL. FULL adds an fsync of the WAL per
commit, which also keeps the last commits through a power cut or a tablet whose battery
dies. Our commits are human-paced (an attempt, a draft save after an edit), so the fsync
is worth it: 0.15 ms per commit against 0.01 ms at NORMAL on the development VM's ext4,
a few milliseconds on an SD card.

SQLite error codes at open time say what to do: the file's fault (CORRUPT, NOTADB, a
schema that does not fit) moves it aside; the place's fault (READONLY, FULL, CANTOPEN,
IOERR) leaves it untouched and runs from memory; another program's lock (BUSY) runs from
memory too, queueing the saves until the lock ends (``waiting``, ``save_queue``).
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from app.storage.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    NotAProgressFile,
    migrate,
    schema_version,
)
from app.storage.rows import decode_text

BUSY_TIMEOUT_S = 1.0  # at open; then the store waits off the UI thread (``waiting``)
SESSION_BUSY_MS = 250  # a save on the UI thread waits this long for the lock, then queues
SQLITE_MAGIC = b"SQLite format 3\x00"
SYNCHRONOUS = "FULL"

log = logging.getLogger(__name__)


class Problem(Enum):
    """Why a file cannot be used; each leads to a different remedy."""

    DAMAGED = "damaged"  # not a database, truncated, garbage, fails quick_check: move aside
    NEWER = "newer"  # made by a newer version of the game: move aside, keep for later
    UNWRITABLE = "unwritable"  # read-only folder, full disk, I/O error: use memory
    BUSY = "busy"  # locked by another program: use memory, queue saves, wait for the lock


class OpenError(Exception):
    """The file could not be opened as a progress store (developer-facing message)."""

    def __init__(self, problem: Problem, detail: str, version: int | None = None) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail
        self.version = version


_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT,
           sqlite3.SQLITE_ERROR, sqlite3.SQLITE_SCHEMA, sqlite3.SQLITE_MISMATCH}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_ENVIRONMENT = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR,
                sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOLFS,
                sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_AUTH}


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def classify(error: sqlite3.Error) -> Problem | None:
    """The problem an SQLite error at open time means, or None for a bug in our code."""
    if isinstance(error, NotAProgressFile):
        return Problem.DAMAGED
    code = primary_code(error)
    if code in _DAMAGE:
        return Problem.DAMAGED
    if code in _BUSY:
        return Problem.BUSY
    if code in _ENVIRONMENT:
        return Problem.UNWRITABLE
    return None


def is_storage_failure(error: sqlite3.Error) -> bool:
    """An error during a write that is the disk's or the file's fault, not our SQL's."""
    return primary_code(error) in (_BUSY | _ENVIRONMENT | {sqlite3.SQLITE_CORRUPT,
                                                           sqlite3.SQLITE_NOTADB})


def is_damage(error: sqlite3.Error) -> bool:
    """An error while reading that means the file's pages cannot be trusted."""
    return primary_code(error) in {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB,
                                   sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_FORMAT}


def is_busy(error: sqlite3.Error) -> bool:
    """Another program holds the lock: nothing is wrong with the file or the disk."""
    return primary_code(error) in _BUSY


def damage_found(detail: str) -> sqlite3.DatabaseError:
    """The error SQLite would raise, for damage our own reads see (a row its index lost)."""
    error = sqlite3.DatabaseError(f"database disk image is malformed: {detail}")
    error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
    return error


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings: foreign keys (cascade deletes), WAL, synchronous level."""
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode not in ("wal", "memory"):
        # e.g. a network folder without shared memory: the rollback journal is crash-safe too
        log.warning("WAL not available (journal_mode=%s); using the rollback journal", mode)
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri)
    conn.text_factory = decode_text  # a cell that is not UTF-8 is read, not refused
    return conn


def _check_header(path: Path) -> None:
    """Refuse a file that is plainly not SQLite before SQLite opens it.

    SQLite would otherwise look for a -wal beside it, and on close delete one it cannot
    read: that could be the only copy of the last saves of a damaged file.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise OpenError(Problem.DAMAGED, f"{path} is not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise OpenError(Problem.UNWRITABLE, f"cannot read {path}: {error}") from error
    if header and (len(header) < 100 or not header.startswith(SQLITE_MAGIC)):
        raise OpenError(Problem.DAMAGED, f"no SQLite header ({len(header)} bytes read)")


def _check_ours(conn: sqlite3.Connection, version: int, latest: int) -> None:
    """Refuse versions we do not know and databases another program made."""
    if version > latest:
        raise OpenError(Problem.NEWER, f"schema {version} > {latest}", version)
    if version < 0:
        raise OpenError(Problem.DAMAGED, f"negative schema version {version}")
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise OpenError(Problem.DAMAGED, "version 0 but the file has tables: not a progress file")


def open_file(path: Path, steps: Sequence[Migration] = MIGRATIONS) -> sqlite3.Connection:
    """Open, check and migrate ``path``; ``OpenError`` says why it cannot be used.

    Nothing is written to the file (not even the WAL switch) until it has passed the checks.
    """
    _check_header(path)
    try:
        conn = _connect(str(path))
    except sqlite3.Error as error:
        if classify(error) is None:
            raise
        raise _open_error(error) from error
    try:
        version = schema_version(conn)  # the first read: a bad header fails here (NOTADB)
        _check_ours(conn, version, steps[-1].version if steps else 0)
        rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise OpenError(Problem.DAMAGED, "quick_check: " + "; ".join(map(str, rows[:3])))
        configure(conn)
        migrate(conn, steps)
        conn.execute(f"PRAGMA busy_timeout = {SESSION_BUSY_MS}")
        return conn
    except OpenError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        if classify(error) is None:
            raise
        raise _open_error(error) from error


def open_memory(steps: Sequence[Migration] = MIGRATIONS) -> sqlite3.Connection:
    """A fresh in-memory store with the current schema: the app runs, nothing is kept."""
    conn = _connect(":memory:")
    configure(conn)
    migrate(conn, steps)
    return conn


def read_only_copy(path: Path,
                   steps: Sequence[Migration] = MIGRATIONS) -> sqlite3.Connection | None:
    """What a file we may read but not write holds, copied into memory (None if unreadable).

    For a read-only folder or a file another copy of the game holds: the class list and the
    stars still show, even though nothing new will be kept. In a read-only folder a -wal
    without its -shm cannot be opened ``mode=ro`` (CANTOPEN), and ``immutable=1`` ignores the
    -wal, where the last saves (even the tables) may be: so the file and its -wal are first
    copied to a private folder where SQLite can replay them; ``immutable=1`` is the last try.
    """
    if not path.is_file():
        return None
    copy = _copy_into_memory(path, "mode=ro", steps)
    if copy is None:
        copy = _private_copy_into_memory(path, steps)
    return copy if copy is not None else _copy_into_memory(path, "immutable=1", steps)


def _private_copy_into_memory(path: Path,
                              steps: Sequence[Migration]) -> sqlite3.Connection | None:
    try:
        with tempfile.TemporaryDirectory(prefix="citizencode-read-") as folder:
            private = Path(folder) / path.name
            shutil.copyfile(path, private)
            wal = path.with_name(path.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, private.with_name(private.name + "-wal"))
            return _copy_into_memory(private, "mode=rw", steps)
    except OSError as error:
        log.warning("no private copy of %s: %s", path, error)
        return None


def _copy_into_memory(path: Path, query: str,
                      steps: Sequence[Migration]) -> sqlite3.Connection | None:
    try:
        source = _connect(f"{path.resolve().as_uri()}?{query}", uri=True)
    except sqlite3.Error:
        return None
    memory = _connect(":memory:")
    try:
        version = schema_version(source)
        if not 1 <= version <= (steps[-1].version if steps else 0):
            raise sqlite3.DatabaseError(f"schema version {version}")
        source.backup(memory)
        if memory.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise sqlite3.DatabaseError("quick_check failed on the copy")
        configure(memory)
        migrate(memory, steps)
        return memory
    except sqlite3.Error as error:
        log.warning("no read-only copy of %s (%s): %s", path, query, error)
        memory.close()
        return None
    finally:
        source.close()


def _open_error(error: sqlite3.Error) -> OpenError:
    problem = classify(error)
    assert problem is not None
    return OpenError(problem, f"{type(error).__name__}: {error} "
                              f"({getattr(error, 'sqlite_errorname', '?')})")


__all__ = [
    "BUSY_TIMEOUT_S",
    "LATEST_VERSION",
    "SESSION_BUSY_MS",
    "SYNCHRONOUS",
    "OpenError",
    "Problem",
    "classify",
    "configure",
    "damage_found",
    "is_busy",
    "is_damage",
    "is_storage_failure",
    "open_file",
    "open_memory",
    "read_only_copy",
]

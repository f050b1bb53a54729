"""The schema as an ordered list of steps, version N -> N+1, each in its own transaction.

The version lives in ``PRAGMA user_version`` (in the file header, so it commits or rolls back
with the step that changes it). A step never edits an earlier one: a file made by any past
version of the game walks the same path to the current schema.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.storage import secrets
from app.storage.transactions import transaction

log = logging.getLogger(__name__)


class NotAProgressFile(sqlite3.DatabaseError):
    """The file is an SQLite database, but not one this game made (version 0 with tables)."""


@dataclass(frozen=True)
class Migration:
    """One step: ``apply`` brings a version ``version - 1`` database to ``version``."""

    version: int
    summary: str
    apply: Callable[[sqlite3.Connection], None]


def _run(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)
    return apply


def _password_out_of_the_file(conn: sqlite3.Connection) -> None:
    """Move the LRS password an older version kept in ``settings`` to its own file (0600),
    and erase it from the progress file: ``secure_delete`` overwrites the freed bytes, which
    SQLite would otherwise leave in the page. If the file cannot be written the password is
    dropped all the same (the teacher types it again): a copy of the progress file must not
    carry it. A store in memory keeps it in memory."""
    path = secrets.password_file(conn)
    row = conn.execute("SELECT value FROM settings WHERE key = 'xapi.password'").fetchone()
    if path is None or row is None:
        return
    if row[0] and not secrets.read_password(path):
        try:
            secrets.write_password(path, str(row[0]))
        except OSError as error:
            log.error("the LRS password could not be moved to %s (%s): type it again",
                      path, type(error).__name__)
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("DELETE FROM settings WHERE key = 'xapi.password'")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "learners, progress per level, app settings", _run(
        """CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            avatar TEXT NOT NULL,
            locale TEXT NOT NULL,
            profile TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        """CREATE TABLE progress (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            level_id TEXT NOT NULL,
            stars INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            solved INTEGER NOT NULL DEFAULT 0,
            best_blocks INTEGER,
            seconds REAL NOT NULL DEFAULT 0,
            independence TEXT,
            updated TEXT NOT NULL,
            PRIMARY KEY (learner_id, level_id)
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    )),
    Migration(2, "drafts: the unfinished program per learner and level", _run(
        """CREATE TABLE drafts (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            level_id TEXT NOT NULL,
            program TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (learner_id, level_id)
        )""",
    )),
    Migration(3, "xapi_outbox: learning statements waiting for the school's LRS", _run(
        """CREATE TABLE xapi_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            queued TEXT NOT NULL,
            sent TEXT,
            rejected TEXT
        )""",
        "CREATE INDEX xapi_outbox_waiting ON xapi_outbox (seq) "
        "WHERE sent IS NULL AND rejected IS NULL",
    )),
    Migration(4, "badges: one per chapter a learner finished", _run(
        """CREATE TABLE badges (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            badge TEXT NOT NULL,
            earned TEXT NOT NULL,
            PRIMARY KEY (learner_id, badge)
        )""",
    )),
    Migration(5, "teacher: levels assigned per learner, and a dated log of attempts", _run(
        # no rows for a learner: every level is open (the default)
        """CREATE TABLE assignments (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            level_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (learner_id, level_id)
        )""",
        # one row per run of a level; help: guided mode's steps per help level, as JSON
        """CREATE TABLE attempt_log (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            level_id TEXT NOT NULL,
            solved INTEGER NOT NULL DEFAULT 0,
            stars INTEGER NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            help TEXT,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX attempt_log_learner ON attempt_log (learner_id, at)",
    )),
    Migration(6, "the LRS password leaves the progress file for its own file",
              _password_out_of_the_file),
)

LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, steps: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the steps above the file's version, one transaction each; return the new version.

    A step that fails rolls back whole, so the file stays at the last completed version and
    the next start tries again. The caller has already refused versions newer than ``steps``.
    """
    version = schema_version(conn)
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise NotAProgressFile("version 0 but the file already has tables")
    ran = False
    for step in steps:
        if step.version <= version:
            continue
        if step.version != version + 1:
            raise ValueError(f"migration {step.version} does not follow version {version}")
        with transaction(conn):
            step.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        version = step.version
        ran = True
    if ran:  # the main file holds the new pages now (no erased password left in it)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return version

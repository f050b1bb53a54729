"""What can still be read from a damaged progress file, copied row by row.

``PRAGMA quick_check`` can pass on a file whose pages hold garbage inside records, and a
read may later say "database disk image is malformed". A page-level backup copies that
damage along, so the store instead copies each table's rows until the first unreadable
one (then from the far end backwards), into a fresh database.
"""
from __future__ import annotations

import logging
import sqlite3

from app.storage.transactions import transaction

log = logging.getLogger(__name__)

TABLES = ("learners", "progress", "settings", "drafts", "xapi_outbox", "badges",
          "assignments", "attempt_log")  # parents before children
# a learner's own rows: none may outlive the learner (the outbox is pseudonymous already)
LEARNER_TABLES = ("progress", "drafts", "badges", "assignments", "attempt_log")


def _readable_rows(source: sqlite3.Connection, table: str) -> list[tuple]:
    """Rows read forwards until the damage, then backwards until it again."""
    found: dict[object, tuple] = {}
    for order in ("ASC", "DESC"):
        try:
            for row in source.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid {order}"):
                found.setdefault(row[0], row[1:])
        except sqlite3.Error as error:
            log.warning("salvage of %s stopped (%s): %s", table, order, error)
    return list(found.values())


def salvage(source: sqlite3.Connection, target: sqlite3.Connection) -> int:
    """Copy every readable row of ``source`` into ``target`` (same schema); rows copied."""
    copied = 0
    target.execute("PRAGMA foreign_keys = OFF")
    try:
        with transaction(target):
            copied = _copy(source, target)
    finally:
        target.execute("PRAGMA foreign_keys = ON")
    return copied


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> int:
    copied = 0
    for table in TABLES:
        for row in _readable_rows(source, table):
            marks = ", ".join("?" * len(row))
            try:
                target.execute(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", row)
                copied += 1
            except sqlite3.Error as error:  # NULL in a NOT NULL column, too many columns
                log.warning("row of %s not salvaged: %s", table, error)
    for child in LEARNER_TABLES:
        target.execute(f"DELETE FROM {child} WHERE learner_id NOT IN (SELECT id FROM learners)")
    return copied

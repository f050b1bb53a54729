"""Explicit write transactions on an autocommit connection.

Python's sqlite3 (3.11) only opens a transaction implicitly before DML, not before DDL or
PRAGMA user_version, so migrations would half-apply. The store therefore opens connections
with ``isolation_level=None`` and brackets every write here. ``BEGIN IMMEDIATE`` takes the
write lock at once, so a second copy of the game waits (busy timeout) instead of failing
half-way when a read lock cannot be upgraded.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls back and propagates."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # inside: a COMMIT that fails (disk full) is rolled back too
    except BaseException:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error as error:
                log.warning("rollback failed: %s", error)
        raise

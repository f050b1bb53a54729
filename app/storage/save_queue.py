"""Saves made while another program holds the lock, kept on disk until the file takes them.

While the store waits for a lock (``waiting``), each save runs in memory and its SQL is
appended, as one JSON line, to ``progress.sqlite3-queue`` beside the file, flushed and
fsynced before the save returns: a ``kill -9`` or a power cut during the wait loses no
acknowledged save. When the lock is free, or at the next start, the queue is written to the
file in one transaction that also records the queue's id in ``settings``, so a crash between
that commit and the queue's removal never applies it twice. A torn last line (killed while
writing it) was never acknowledged and is skipped.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from app.storage.transactions import transaction

log = logging.getLogger(__name__)

SUFFIX = "-queue"
APPLIED_KEY = "queue.applied"
Statement = tuple[str, Any]


class Recorder:
    """A connection stand-in that runs each statement and keeps it for the queue."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.statements: list[Statement] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.statements.append((sql, params if isinstance(params, dict) else list(params)))
        return self.conn.execute(sql, params)


class SaveQueue:
    """The saves waiting for the file, in memory and in the queue file beside it."""

    def __init__(self, database: Path) -> None:
        self.file = database.with_name(database.name + SUFFIX)
        self.id = uuid.uuid4().hex
        self.batches: list[list[Statement]] = []
        self._load()

    def _load(self) -> None:
        try:
            lines = self.file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            log.error("cannot read the save queue %s: %s", self.file, error)
            return
        for number, line in enumerate(lines):
            try:
                value = json.loads(line)
            except ValueError:
                log.warning("torn line %d of %s skipped (never acknowledged)", number, self.file)
                continue
            if number == 0 and isinstance(value, dict):
                self.id = str(value.get("id", self.id))
            elif isinstance(value, list):
                self.batches.append([(str(sql), params) for sql, params in value])

    def __len__(self) -> int:
        return len(self.batches)

    def add(self, statements: list[Statement]) -> None:
        """Keep one save; on disk before returning, if the folder lets us write."""
        self.batches.append(statements)
        try:
            new = not self.file.exists()
            with self.file.open("a", encoding="utf-8") as handle:
                if new:
                    handle.write(json.dumps({"id": self.id}) + "\n")
                handle.write(json.dumps(statements, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except (OSError, TypeError, ValueError) as error:
            log.error("save kept in memory only, not in %s: %s", self.file, error)

    def write_to(self, conn: sqlite3.Connection) -> None:
        """All queued saves in one transaction (sqlite3.Error if it cannot), then forget them."""
        if self.batches:
            with transaction(conn):
                done = conn.execute("SELECT 1 FROM settings WHERE key = ? AND value = ?",
                                    (APPLIED_KEY, self.id)).fetchone()
                if done is None:
                    for batch in self.batches:
                        for sql, params in batch:
                            conn.execute(sql, params)
                    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT "
                                 "(key) DO UPDATE SET value = excluded.value", (APPLIED_KEY, self.id))
        self.batches.clear()
        self.file.unlink(missing_ok=True)

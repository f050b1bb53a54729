"""The progress store: learners, their progress and drafts, and app settings, in SQLite.

Every write is one ``BEGIN IMMEDIATE`` transaction, so a crash keeps either all of it or
none of it. A file that cannot be used never stops the app: it is moved aside (damaged or
newer) or replaced by an in-memory database (read-only or full disk), and ``notice`` says
so in words for the teacher; ``status`` says what lasts (read-only, waiting for a lock) for
as long as it lasts. If the disk fails later, the store copies what it has into memory and
carries on. Another program's lock is waited for off the UI thread, the saves queued on disk
meanwhile (``waiting``, ``save_queue``). Reads never raise for what the file holds: odd cells
become defaults (``rows``), and damage a read finds is salvaged into a new file (``salvage``).
"""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from app.storage import notices, rows
from app.storage.class_records import LOG_ATTEMPT, ClassRecords, log_params
from app.storage.database import (
    OpenError,
    Problem,
    damage_found,
    is_busy,
    is_damage,
    is_storage_failure,
    open_file,
    open_memory,
    read_only_copy,
)
from app.storage.export import COLUMNS, DATA, Sheet, write_csv
from app.storage.models import Learner, LevelProgress, StoreNotice
from app.storage.move_aside import move_aside
from app.storage.queries import EXPORT as _EXPORT
from app.storage.queries import PROGRESS_COLUMNS as _PROGRESS_COLUMNS
from app.storage.queries import RECORD as _RECORD
from app.storage.queries import close_quietly, dumps, name_order, now
from app.storage.salvage import salvage
from app.storage.save_queue import Recorder, SaveQueue
from app.storage.transactions import transaction
from app.storage.waiting import LockWaiting, LockWatcher, lock_is_free

T = TypeVar("T")
log = logging.getLogger(__name__)

class UnknownLearner(LookupError):
    """A learner id that is not (or no longer) in the store: a bug in the caller."""


class ProgressStore(LockWaiting, ClassRecords):
    """Learners, progress, drafts and settings; see the module docstring for failures."""

    def __init__(self, path: Path,
                 on_notice: Callable[[StoreNotice], object] | None = None) -> None:
        self.path = Path(path)
        self.notice: StoreNotice | None = None
        self.notices: list[StoreNotice] = []  # every notice so far; ``notice`` is the last
        self.status: StoreNotice | None = None  # what lasts: read-only, waiting for a lock
        self._watcher: LockWatcher | None = None
        self._queue: SaveQueue | None = None
        self._on_notice = on_notice
        self._in_memory = False
        self._salvaged = False  # damage found by a read was salvaged once; not again
        self._conn: sqlite3.Connection | None = self._open()
        if not self._in_memory:
            self._write_left_over_queue()

    # --- opening and failing over ----------------------------------------------------------

    def _tell(self, notice: StoreNotice) -> None:
        self.notice = notice
        self.notices.append(notice)
        if self._on_notice is not None:
            self._on_notice(notice)

    def _memory(self, notice: StoreNotice, copy_of: Path | None = None) -> sqlite3.Connection:
        """Carry on in memory; start from what ``copy_of`` holds if it can still be read.

        ``status`` keeps saying so for as long as it lasts (a notice is shown for a while)."""
        self._in_memory = True
        copy = read_only_copy(copy_of) if copy_of is not None else None
        self.status = notices.read_only(self.path) if copy is not None else notice
        self._tell(notice)
        return copy if copy is not None else open_memory()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.error("cannot create %s: %s", self.path.parent, error)
            return self._memory(notices.not_saved(self.path))
        try:
            return open_file(self.path)
        except OpenError as error:
            log.error("progress file %s cannot be used: %s", self.path, error)
            first = error
        except (OSError, sqlite3.Error):  # unforeseen: keep the file as it is, start anyway
            log.exception("progress file %s cannot be opened", self.path)
            return self._memory(notices.not_saved(self.path), copy_of=self.path)
        if first.problem is Problem.UNWRITABLE:
            return self._memory(notices.not_saved(self.path), copy_of=self.path)
        if first.problem is Problem.BUSY:
            conn = self._memory(notices.waiting(self.path), copy_of=self.path)
            self._wait_for_lock()
            return conn
        try:
            kept = move_aside(self.path, first.problem.value)
        except OSError as error:
            log.error("cannot move %s aside: %s", self.path, error)
            return self._memory(notices.cannot_move(self.path))
        log.warning("moved %s aside to %s", self.path, kept)
        self._tell(notices.newer(kept, first.version) if first.problem is Problem.NEWER
                   else notices.damaged(kept))
        try:
            return open_file(self.path)
        except (OpenError, OSError, sqlite3.Error) as error:
            log.error("new progress file %s cannot be created: %s", self.path, error)
            return self._memory(notices.not_saved(self.path))

    def _fail_over(self, error: sqlite3.Error) -> None:
        """Copy what can still be read into memory and carry on there."""
        log.error("progress file %s failed (%s); keeping progress in memory", self.path, error)
        old = self._connection
        memory = open_memory()
        try:
            old.backup(memory)
        except sqlite3.Error as copy_error:
            log.error("could not copy the progress into memory: %s", copy_error)
            memory.close()
            memory = open_memory()
        memory.execute("PRAGMA foreign_keys = ON")
        close_quietly(old)
        self._conn = memory
        self._in_memory = True
        if is_busy(error):
            self._wait_for_lock()
            self._tell(notices.waiting(self.path))
        else:
            self.status = notices.stopped_saving(self.path)
            self._tell(self.status)

    def _salvage(self, error: sqlite3.Error) -> None:
        """A read found damage quick_check missed: keep what is readable, move the file aside.

        The old connection is closed before the move: closing it after would checkpoint and
        delete the -wal by name, which by then belongs to the new file.
        """
        log.error("progress file %s is damaged (%s); salvaging what is readable", self.path,
                  error)
        old = self._connection
        rescued = open_memory()
        salvage(old, rescued)
        close_quietly(old)
        self._conn, self._salvaged = rescued, True
        if self._in_memory:
            return  # already said: nothing is being saved
        try:
            kept = move_aside(self.path, Problem.DAMAGED.value)
            fresh = open_file(self.path)
        except (OpenError, OSError, sqlite3.Error) as move_error:
            log.error("cannot start a new progress file %s: %s", self.path, move_error)
            self._in_memory = True
            self._tell(notices.cannot_move(self.path))
            return
        salvage(rescued, fresh)
        rescued.close()
        self._conn = fresh
        self._tell(notices.damaged(kept))

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the progress store is closed")
        return self._conn

    def _do(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``operation``; if the disk or file fails under it, fail over and run it again."""
        if self._watcher is not None and self._watcher.free.is_set():
            self._back_to_disk()
        try:
            return operation(self._connection)
        except sqlite3.IntegrityError as error:
            if error.sqlite_errorcode == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
                raise UnknownLearner(str(error)) from error
            raise
        except sqlite3.Error as error:
            if is_damage(error) and not self._salvaged:
                self._salvage(error)
            elif self._in_memory or not is_storage_failure(error):
                raise
            else:
                self._fail_over(error)
        return self._do(operation)  # once more, on the salvaged or in-memory copy now

    def _write(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        def in_transaction(conn: sqlite3.Connection) -> T:
            if self._queue is None:
                with transaction(conn):
                    return operation(conn)
            recorder = Recorder(conn)  # in memory: its SQL waits for the file's lock
            with transaction(conn):
                result = operation(recorder)  # type: ignore[arg-type]
            self._queue.add(recorder.statements)
            return result
        return self._do(in_transaction)

    @property
    def in_memory(self) -> bool:
        """True when nothing is being kept on disk (see ``notice``)."""
        return self._in_memory

    def close(self) -> None:
        if self._watcher is not None and self._conn is not None:
            if lock_is_free(self.path):
                self._watcher.free.set()
                self._back_to_disk()  # last chance for the queued saves
            if self._watcher is not None and self._queue is not None:
                self._watcher.stop()
                log.error("%d saves wait in %s for the next start", len(self._queue),
                          self._queue.file)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- learners --------------------------------------------------------------------------

    @staticmethod
    def _learner(row: tuple[Any, ...]) -> Learner:
        return Learner(int(row[0]), rows.text(row[1]), rows.text(row[2]), rows.text(row[3]),
                       rows.json_value(row[4], dict, {}))

    def learners(self) -> list[Learner]:
        """Every learner, by name as a teacher reads a class list."""
        found = self._do(lambda c: c.execute(
            "SELECT id, name, avatar, locale, profile FROM learners").fetchall())
        return sorted((self._learner(r) for r in found), key=lambda l: (name_order(l.name), l.id))

    def learner(self, learner_id: int) -> Learner | None:
        row = self._do(lambda c: c.execute(
            "SELECT id, name, avatar, locale, profile FROM learners WHERE id = ?",
            (learner_id,)).fetchone())
        return None if row is None else self._learner(row)

    def add_learner(self, name: str, avatar: str, locale: str, profile: dict) -> Learner:
        values = (name, avatar, locale, dumps(profile), now())
        learner_id = self._write(lambda c: c.execute(
            "INSERT INTO learners (name, avatar, locale, profile, created) VALUES (?, ?, ?, ?, ?)",
            values).lastrowid or 0)  # an INSERT always sets it
        return Learner(learner_id, name, avatar, locale, json.loads(values[3]))

    def update_learner(self, learner: Learner) -> None:
        values = (learner.name, learner.avatar, learner.locale, dumps(learner.profile), learner.id)
        changed = self._write(lambda c: c.execute(
            "UPDATE learners SET name = ?, avatar = ?, locale = ?, profile = ? WHERE id = ?",
            values).rowcount)
        if not changed:
            raise UnknownLearner(f"no learner {learner.id}")

    def remove_learner(self, learner_id: int) -> None:
        """Remove the learner with their progress and drafts (foreign keys cascade)."""
        self._write(lambda c: c.execute("DELETE FROM learners WHERE id = ?", (learner_id,)))

    # --- progress --------------------------------------------------------------------------

    @staticmethod
    def _progress(row: tuple[Any, ...]) -> LevelProgress:
        level, stars, attempts, solved, best, seconds, independence, updated = row
        return LevelProgress(rows.text(level), rows.count(stars), rows.count(attempts),
                             rows.count(solved) > 0, rows.maybe_count(best),
                             rows.number(seconds), rows.json_value(independence, dict),
                             rows.text(updated))

    def progress(self, learner_id: int) -> dict[str, LevelProgress]:
        found = self._do(lambda c: c.execute(
            f"SELECT {_PROGRESS_COLUMNS} FROM progress WHERE learner_id = ? ORDER BY level_id",
            (learner_id,)).fetchall())
        return {p.level_id: p for p in map(self._progress, found)}

    def record_attempt(self, learner_id: int, level_id: str, *, solved: bool, stars: int,
                       blocks: int, seconds: float,
                       help: Sequence[int] | None = None) -> LevelProgress:
        """Count one run of a level, in one transaction.

        Attempts and time always add up; stars and the block count come only from solved
        attempts, and the best of them is kept (most stars, fewest blocks).
        """
        if stars < 0 or blocks < 0 or seconds < 0:
            raise ValueError(f"negative result: stars={stars} blocks={blocks} seconds={seconds}")
        params = {"learner": learner_id, "level": level_id, "stars": stars if solved else 0,
                  "solved": int(bool(solved)), "blocks": blocks if solved else None,
                  "seconds": float(seconds), "now": now(), "help": log_params(help)}

        def record(conn: sqlite3.Connection) -> tuple[Any, ...]:
            conn.execute(_RECORD, params)
            conn.execute(LOG_ATTEMPT, params)
            row = conn.execute(
                f"SELECT {_PROGRESS_COLUMNS} FROM progress WHERE learner_id = ? AND level_id = ?",
                (learner_id, level_id)).fetchone()
            if row is None:  # written but not found again: its index is damaged
                raise damage_found(f"progress row {learner_id}/{level_id} not found")
            return row
        return self._progress(self._write(record))

    def save_independence(self, learner_id: int, level_id: str, data: dict) -> None:
        """Guided mode's standing on a level; does not count as an attempt."""
        if not isinstance(data, dict):
            raise TypeError(f"independence is a dict, not {type(data).__name__}")
        params = (learner_id, level_id, dumps(data), now())
        self._write(lambda c: c.execute(
            "INSERT INTO progress (learner_id, level_id, independence, updated) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (learner_id, level_id) DO UPDATE SET "
            "independence = excluded.independence, updated = excluded.updated", params))

    def independence(self, learner_id: int, level_id: str) -> dict | None:
        row = self._do(lambda c: c.execute(
            "SELECT independence FROM progress WHERE learner_id = ? AND level_id = ?",
            (learner_id, level_id)).fetchone())
        return None if row is None else rows.json_value(row[0], dict)

    # --- drafts ----------------------------------------------------------------------------

    def save_draft(self, learner_id: int, level_id: str, program: list) -> None:
        """Keep the unfinished program (solution form) so the next session reopens it."""
        if not isinstance(program, list):
            raise TypeError(f"a draft is a list of blocks, not {type(program).__name__}")
        params = (learner_id, level_id, dumps(program), now())
        self._write(lambda c: c.execute(
            "INSERT INTO drafts (learner_id, level_id, program, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (learner_id, level_id) DO UPDATE SET "
            "program = excluded.program, updated = excluded.updated", params))

    def draft(self, learner_id: int, level_id: str) -> list | None:
        row = self._do(lambda c: c.execute(
            "SELECT program FROM drafts WHERE learner_id = ? AND level_id = ?",
            (learner_id, level_id)).fetchone())
        return None if row is None else rows.json_value(row[0], list)

    def clear_draft(self, learner_id: int, level_id: str) -> None:
        self._write(lambda c: c.execute(
            "DELETE FROM drafts WHERE learner_id = ? AND level_id = ?", (learner_id, level_id)))

    # --- settings --------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._do(lambda c: c.execute(
            "SELECT value FROM settings WHERE key = ?", (key,)).fetchone())
        return default if row is None else rows.text(row[0])

    def set_setting(self, key: str, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"setting {key!r} must be text, not {type(value).__name__}")
        self._write(lambda c: c.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)))

    def run_write(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """A caller's SQL in one write transaction, with the store's failover (app.sync)."""
        return self._write(operation)

    # --- export ----------------------------------------------------------------------------

    def export_csv(self, target: Path | TextIO, sheet: Sheet = DATA) -> int:
        """Write one CSV row per learner and level (one for a learner with no progress yet);
        return the rows written.

        Columns are ``export.COLUMNS``; ``sheet`` says the headers, separator and encoding
        (``export.locale_sheet`` for the teacher). A path is replaced atomically; an open text
        file should be opened with ``newline=""``. ``OSError`` if the target cannot be written
        (the app shows ``storage.export.failed``).
        """
        found = self._do(lambda c: c.execute(_EXPORT).fetchall())
        found.sort(key=lambda row: (name_order(rows.text(row[1])), row[0], rows.text(row[3])))
        return write_csv(found, target, sheet)


__all__ = ["COLUMNS", "ProgressStore", "UnknownLearner"]

"""Watching, off the UI thread, for another program to let go of the progress file's lock.

While another program holds the write lock, the store keeps the session in memory and queues
every save. This thread tries the lock every ``interval`` seconds with its own connection
(never waiting on it), and sets ``free`` once a write transaction could start: the store
then writes the queue to the file on its own thread, at its next call.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.storage import notices
from app.storage.database import OpenError, is_busy, open_file
from app.storage.models import StoreNotice
from app.storage.queries import close_quietly
from app.storage.save_queue import SaveQueue

log = logging.getLogger(__name__)

INTERVAL_S = 0.5


def lock_is_free(path: Path) -> bool:
    """True if a write transaction on ``path`` could start right now."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0,
                               isolation_level=None)  # rw: never create a missing file
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


class LockWatcher:
    """A daemon thread that sets ``free`` (and calls ``wake``) when the lock can be taken."""

    def __init__(self, path: Path, wake: Callable[[], None] | None = None,
                 interval: float = INTERVAL_S) -> None:
        self.free = threading.Event()
        self._stop = threading.Event()
        self._path, self._wake, self._interval = path, wake, interval
        self._thread = threading.Thread(target=self._run, name="progress-lock", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            if lock_is_free(self._path):
                log.info("the lock on %s is free again", self._path)
                self.free.set()
                if self._wake is not None:
                    self._wake()
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2 * self._interval + 1)


class LockWaiting:
    """The store's side of a lock held elsewhere: queue, watch, go back to the file."""

    path: Path
    status: StoreNotice | None
    _conn: sqlite3.Connection | None
    _in_memory: bool
    _watcher: LockWatcher | None
    _queue: SaveQueue | None

    def _tell(self, notice: StoreNotice) -> None:
        raise NotImplementedError

    def _fail_over(self, error: sqlite3.Error) -> None:
        raise NotImplementedError

    def _wait_for_lock(self) -> None:
        """Another program holds the write lock: queue the saves, watch the lock elsewhere."""
        self._queue = SaveQueue(self.path)  # with what a killed session left waiting
        self._watcher = LockWatcher(self.path)
        self.status = notices.waiting(self.path)

    def _back_to_disk(self) -> None:
        """The lock is free: write every queued save in one transaction, then use the file."""
        assert self._watcher is not None and self._queue is not None
        self._watcher.stop()
        self._watcher = None
        conn: sqlite3.Connection | None = None
        try:
            conn = open_file(self.path)
            try:
                self._queue.write_to(conn)
            except sqlite3.IntegrityError as error:
                self._set_queue_aside(error)
        except (OpenError, OSError, sqlite3.Error) as error:
            if conn is not None:
                close_quietly(conn)
            log.warning("progress file %s still unavailable: %s", self.path, error)
            self._watcher = LockWatcher(self.path)  # nothing was written: try later
            return
        if self._conn is not None:
            close_quietly(self._conn)
        self._conn, self._in_memory, self.status, self._queue = conn, False, None, None
        self._tell(notices.saved_again())

    def _set_queue_aside(self, error: Any) -> None:
        """Saves that no longer fit the file (its learner was removed, a new file started):
        kept under another name for someone to look at, never retried for ever."""
        assert self._queue is not None
        log.error("queued saves do not fit %s (%s); kept aside", self.path, error)
        try:
            self._queue.file.replace(self._queue.file.with_name(
                f"{self._queue.file.name}.unused-{self._queue.id}"))
        except OSError as rename_error:
            log.error("cannot set the queue aside: %s", rename_error)
        self._queue.batches.clear()

    def _write_left_over_queue(self) -> None:
        """At start: saves a killed session queued while it waited for the lock."""
        queue = SaveQueue(self.path)
        if not len(queue) or self._conn is None:
            queue.file.unlink(missing_ok=True)
            return
        try:
            queue.write_to(self._conn)
            log.info("wrote %d saves left waiting in %s", len(queue), queue.file)
        except sqlite3.IntegrityError as error:
            self._queue = queue
            self._set_queue_aside(error)
            self._queue = None
        except sqlite3.Error as error:
            if not is_busy(error):
                raise
            self._fail_over(error)  # locked again: wait, with the old queue kept

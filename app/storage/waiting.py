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

"""The sender's thread: a round now and then, never on the UI thread.

Each round reads the settings again, so turning sync on or off in the teacher's settings
takes effect without a restart; with sync off a round opens no socket at all. ``wake``
asks for a round at once (a level just ended, the teacher pressed "send now").
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from app.sync.sender import Outcome, Round, Sender

log = logging.getLogger(__name__)

INTERVAL_S = 60.0


class SyncWorker:
    def __init__(self, path: Path, interval: float = INTERVAL_S) -> None:
        self.sender = Sender(path)
        self.interval = interval
        self.last: Round = Round(Outcome.OFF)  # read by the UI for the status line
        self.rounds = 0  # rounds finished (tests wait for one)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="xapi-sync", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.last = self.sender.run()
            except sqlite3.Error as error:  # the file is busy or gone: try next round
                log.warning("sync round skipped: %s", error)
            self.rounds += 1
            self._wake.wait(self.interval)
            self._wake.clear()

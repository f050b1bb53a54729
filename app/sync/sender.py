"""Send the queued statements to the school's LRS: the only module of the game that opens a
network socket, and only when the teacher turned sync on and gave an address.

It runs off the UI thread with its own connection to the progress file (WAL lets it read
while the game writes). Batches are POSTed with their stable ids; a row is marked sent only
after the LRS answered OK, so a cut network or a killed app sends it again, and the LRS,
which already holds that id, keeps one copy (Ralph answers 204, or lists only the new ids).
A network or server error stops the round; the next round retries.
"""
from __future__ import annotations

import base64
import enum
import json
import logging
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.storage.transactions import transaction
from app.sync import outbox
from app.sync.statements import XAPI_VERSION

log = logging.getLogger(__name__)

BATCH = 50
TIMEOUT_S = 15.0
Batch = list[tuple[str, dict[str, Any]]]


class Outcome(enum.Enum):
    """How a round ended; the teacher's status line says it in words (``sync.status.*``)."""

    OFF = "off"  # sync is off or has no address: nothing was sent
    DONE = "done"  # the queue is empty
    OFFLINE = "offline"  # the LRS could not be reached: retried later
    REFUSED = "refused"  # wrong user name or password (401/403)
    SERVER = "server"  # the LRS answered with an error: retried later


@dataclass(frozen=True)
class Round:
    outcome: Outcome
    sent: int = 0
    detail: str = ""


class _Stop(Exception):
    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome, self.detail = outcome, detail


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _post(config: outbox.SyncConfig, statements: list[dict[str, Any]]) -> int:
    """POST a batch; return the HTTP status (an HTTPError's status too)."""
    token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode("ascii")
    request = urllib.request.Request(
        config.endpoint.rstrip("/") + "/statements", method="POST",
        data=json.dumps(statements, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}",
                 "X-Experience-API-Version": XAPI_VERSION})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)
    except (urllib.error.URLError, OSError) as error:  # refused, reset, timeout, DNS
        raise _Stop(Outcome.OFFLINE, type(error).__name__) from error


class Sender:
    """One progress file's queue against the LRS its settings name."""

    def __init__(self, path: Path, batch: int = BATCH,
                 after_post: Callable[[list[str]], None] | None = None) -> None:
        self.path = Path(path)
        self.batch = batch
        self.after_post = after_post  # tests: a kill between the LRS's OK and the mark

    def run(self) -> Round:
        """Send until the queue is empty or something stops the round."""
        conn = _connect(self.path)
        sent = 0
        try:
            config = outbox.load_config(conn)
            if not config.ready:
                return Round(Outcome.OFF)
            while batch := outbox.waiting(conn, self.batch):
                sent += self._deliver(conn, config, batch)
            return Round(Outcome.DONE, sent)
        except _Stop as stop:
            log.warning("sync stopped after %d statements: %s %s", sent, stop.outcome.value,
                        stop.detail)
            return Round(stop.outcome, sent, stop.detail)
        finally:
            conn.close()

    def _deliver(self, conn: sqlite3.Connection, config: outbox.SyncConfig,
                 batch: Batch) -> int:
        status = _post(config, [statement for _, statement in batch])
        ids = [sid for sid, _ in batch]
        if status in (200, 204):
            if self.after_post is not None:
                self.after_post(ids)
            with transaction(conn):
                outbox.mark_sent(conn, ids)
            return len(ids)
        if status in (401, 403):
            raise _Stop(Outcome.REFUSED, f"HTTP {status}")
        if status in (400, 409) and len(batch) > 1:
            return sum(self._deliver(conn, config, [item]) for item in batch)
        if status == 409:  # the LRS holds this id already (with other content): delivered
            log.warning("LRS already holds statement %s with other content", ids[0])
            with transaction(conn):
                outbox.mark_sent(conn, ids)
            return 1
        if status == 400:  # this statement will never be accepted: keep it, stop sending it
            log.error("LRS refused statement %s (HTTP 400)", ids[0])
            with transaction(conn):
                outbox.mark_rejected(conn, ids[0], "HTTP 400")
            return 0
        raise _Stop(Outcome.SERVER, f"HTTP {status}")

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
CHECK_TIMEOUT_S = 10.0  # the teacher waits for this one
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


def _headers(config: outbox.SyncConfig) -> dict[str, str]:
    token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}


def _open(request: urllib.request.Request, timeout: float) -> tuple[int, bytes]:
    """The HTTP status (an HTTPError's status too) and the body."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read()
    except (urllib.error.URLError, OSError, ValueError) as error:  # refused, reset, timeout,
        raise _Stop(Outcome.OFFLINE, type(error).__name__) from error  # DNS, a bad URL


def _post(config: outbox.SyncConfig, statements: list[dict[str, Any]]) -> int:
    """POST a batch; return the HTTP status."""
    request = urllib.request.Request(
        config.endpoint.rstrip("/") + "/statements", method="POST",
        data=json.dumps(statements, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", **_headers(config)})
    return _open(request, TIMEOUT_S)[0]


def check(config: outbox.SyncConfig, timeout: float = CHECK_TIMEOUT_S) -> str:
    """The teacher's "Test the connection": asks the LRS for one statement (nothing is
    sent) and says what happened: ``reached``, ``refused`` (user name or password),
    ``offline`` (no network, no server there), ``server`` (it answered with an error) or
    ``not_lrs`` (something answered, but not an xAPI statements API)."""
    request = urllib.request.Request(config.endpoint.rstrip("/") + "/statements?limit=1",
                                     headers=_headers(config))
    try:
        status, body = _open(request, timeout)
    except _Stop:
        return "offline"
    if status in (401, 403):
        return "refused"
    if status >= 500:
        return "server"
    try:
        answer = json.loads(body) if status == 200 else None
    except ValueError:
        answer = None
    return "reached" if isinstance(answer, dict) and "statements" in answer else "not_lrs"


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
            while True:  # the settings again before each batch: "off" stops at once
                config = outbox.load_config(conn)
                if not config.ready:
                    return Round(Outcome.OFF, sent)
                batch = outbox.waiting(conn, self.batch)
                if not batch:
                    return Round(Outcome.DONE, sent)
                sent += self._deliver(conn, config, batch)
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

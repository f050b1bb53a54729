"""The statement queue (table ``xapi_outbox``) and the sync settings, in the progress file.

Statements are queued whether or not sync is on: the teacher may turn it on later, and a
statement is only ever sent when it is on (``SyncConfig.ready``). A row leaves the queue
when the LRS has answered OK for it (``sent``), or refused it for good (``rejected``).
The settings live in the store's ``settings`` table, except the password: it is kept in
its own file beside the progress file (``app.storage.secrets``), never in it, never logged.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from accessibility.presenters.sync_presenter import SyncForm as SyncConfig
from app.storage import secrets
from app.storage.queries import now

ENABLED, ENDPOINT, USERNAME, PASSWORD = ("xapi.enabled", "xapi.endpoint", "xapi.username",
                                         "xapi.password")
TABLET = "xapi.tablet"


def config_from(values: Mapping[str, str]) -> SyncConfig:
    return SyncConfig(values.get(ENABLED, "0") == "1", values.get(ENDPOINT, "").strip(),
                      values.get(USERNAME, ""), values.get(PASSWORD, ""))


def config_settings(config: SyncConfig) -> dict[str, str]:
    """What goes in the ``settings`` table (no password)."""
    return {ENABLED: "1" if config.enabled else "0", ENDPOINT: config.endpoint.strip(),
            USERNAME: config.username}


def load_config(conn: sqlite3.Connection) -> SyncConfig:
    found = {str(k): str(v) for k, v in conn.execute(
        "SELECT key, value FROM settings WHERE key IN (?, ?, ?)",
        (ENABLED, ENDPOINT, USERNAME)).fetchall()}
    path = secrets.password_file(conn)
    found[PASSWORD] = secrets.read_password(path) if path is not None else ""
    return config_from(found)


def save_config(conn: sqlite3.Connection, config: SyncConfig) -> None:
    """The password to its own file first, then the rest. A store in memory (a read-only
    or locked progress file) keeps no password: it never sends, and its saves may wait in
    a queue file for the real one, which must not carry it either."""
    path = secrets.password_file(conn)
    if path is not None and config.password != secrets.read_password(path):
        secrets.write_password(path, config.password)
    for item in config_settings(config).items():  # one by one: the save queue records them
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", item)


def pseudonym(conn: sqlite3.Connection, key: str) -> str:
    """The random id kept under ``key`` (made the first time): never derived from a name."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is not None and row[0]:
        return str(row[0])
    made = str(uuid.uuid4())
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", (key, made))
    return made


def learner_key(learner_id: int) -> str:
    return f"learner.{learner_id}.xapi"


def enqueue(conn: sqlite3.Connection, statements: Iterable[dict[str, Any]]) -> int:
    """Queue statements (a known id is queued once); return how many were new."""
    stamp = now()
    rows = [(s["id"], json.dumps(s, ensure_ascii=False, sort_keys=True), stamp)
            for s in statements]
    before = conn.total_changes
    conn.executemany("INSERT OR IGNORE INTO xapi_outbox (statement_id, body, queued) "
                     "VALUES (?, ?, ?)", rows)
    return conn.total_changes - before


def waiting(conn: sqlite3.Connection, limit: int) -> list[tuple[str, dict[str, Any]]]:
    """The oldest statements not yet delivered, as (id, statement)."""
    found = conn.execute("SELECT statement_id, body FROM xapi_outbox WHERE sent IS NULL AND "
                         "rejected IS NULL ORDER BY seq LIMIT ?", (limit,)).fetchall()
    return [(str(sid), json.loads(body)) for sid, body in found]


def mark_sent(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    stamp = now()
    conn.executemany("UPDATE xapi_outbox SET sent = ? WHERE statement_id = ?",
                     [(stamp, sid) for sid in ids])


def mark_rejected(conn: sqlite3.Connection, sid: str, reason: str) -> None:
    conn.execute("UPDATE xapi_outbox SET rejected = ? WHERE statement_id = ?",
                 (f"{now()} {reason}"[:500], sid))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Waiting, sent and rejected statements, for the teacher's status line."""
    row = conn.execute(
        "SELECT coalesce(sum(sent IS NULL AND rejected IS NULL), 0), "
        "coalesce(sum(sent IS NOT NULL), 0), coalesce(sum(rejected IS NOT NULL), 0) "
        "FROM xapi_outbox").fetchone()
    return {"waiting": int(row[0]), "sent": int(row[1]), "rejected": int(row[2])}

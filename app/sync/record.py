"""Where the app hands a finished run or a hint to the queue: one store transaction each.

Queued always (sync may be turned on later); sent only by the sender, when sync is on.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Protocol

from app.storage.queries import now
from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.statements import Attempt, Learning, attempt_statements, hint_statement


@dataclass(frozen=True)
class Played:
    """The learner and level a statement is about, as the app knows them."""

    learner_id: int
    level_id: str
    level_title: str
    locale: str


class Result(Protocol):
    """What a finished run reports (``levels``' ``Outcome``)."""

    @property
    def solved(self) -> bool: ...

    @property
    def stars(self) -> int: ...

    @property
    def blocks(self) -> int: ...


def _learning(conn: sqlite3.Connection, played: Played) -> Learning:
    return Learning(outbox.pseudonym(conn, outbox.TABLET),
                    outbox.pseudonym(conn, outbox.learner_key(played.learner_id)),
                    played.level_id, played.level_title, played.locale)


def queue_attempt(store: ProgressStore, played: Played, *, number: int, solved: bool,
                  stars: int, blocks: int, seconds: float) -> None:
    """Queue the statements of run ``number`` (the store's attempt count after it)."""
    attempt = Attempt(number, solved, stars, blocks, seconds, now())
    store.run_write(lambda conn: outbox.enqueue(
        conn, attempt_statements(_learning(conn, played), attempt)))


def queue_outcome(store: ProgressStore, played: Played, number: int, outcome: Result,
                  seconds: float) -> None:
    """``queue_attempt`` for the app's ``Outcome`` of a finished run."""
    queue_attempt(store, played, number=number, solved=outcome.solved, stars=outcome.stars,
                  blocks=outcome.blocks, seconds=seconds)


def queue_hint(store: ProgressStore, played: Played) -> None:
    """Queue one hint; hints are numbered per learner and level for their stable ids."""
    key = f"{outbox.learner_key(played.learner_id)}.hints.{played.level_id}"

    def write(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        number = (int(row[0]) if row is not None and str(row[0]).isdigit() else 0) + 1
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (key, str(number)))
        outbox.enqueue(conn, [hint_statement(_learning(conn, played), number, now())])
    store.run_write(write)

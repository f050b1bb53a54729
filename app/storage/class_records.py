"""What the teacher's screens keep per learner: the levels assigned, in order, and a dated
log of every attempt with the help guided mode gave (for the class view and the report).

A mixin of ``ProgressStore``: it writes through the store's ``_write``/``_do``, so a failing
disk or a lock is handled the same way as for stars and drafts.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from app.storage import rows
from app.storage.queries import dumps

T = TypeVar("T")
HELP_LEVELS = 4  # guided_mode.Help: none, spoken prompt, highlight, shown

LOG_ATTEMPT = """
INSERT INTO attempt_log (learner_id, level_id, solved, stars, seconds, help, at)
VALUES (:learner, :level, :solved, :stars, :seconds, :help, :now)
"""


@dataclass(frozen=True)
class LoggedAttempt:
    """One run of a level; ``help``: steps that needed each help level (None: not guided)."""

    level_id: str
    solved: bool
    stars: int
    seconds: float
    help: tuple[int, ...] | None
    at: str  # ISO 8601 local time with offset

    @property
    def day(self) -> str:
        return self.at[:10]


def help_counts(value: object) -> tuple[int, ...] | None:
    """The log's JSON help cell as four counts; anything unreadable is None (not guided)."""
    found = rows.json_value(value, list)
    if found is None or len(found) != HELP_LEVELS:
        return None
    return tuple(rows.count(n) for n in found)


def log_params(help_: Sequence[int] | None) -> str | None:
    if help_ is None:
        return None
    if len(help_) != HELP_LEVELS or any(int(n) < 0 for n in help_):
        raise ValueError(f"help counts are {HELP_LEVELS} non-negative numbers, not {help_!r}")
    return dumps([int(n) for n in help_])


class ClassRecords:
    """Assignments and the attempt log (mixed into ``ProgressStore``)."""

    _do: Callable[..., Any]
    _write: Callable[..., Any]

    def assigned_levels(self, learner_id: int) -> list[str]:
        """The levels the teacher opened for this learner, in their order; [] means all."""
        found = self._do(lambda c: c.execute(
            "SELECT level_id FROM assignments WHERE learner_id = ? ORDER BY position, level_id",
            (learner_id,)).fetchall())
        return [rows.text(row[0]) for row in found]

    def assign_levels(self, learner_id: int, level_ids: Sequence[str]) -> None:
        """Open exactly ``level_ids`` for the learner, in this order ([]: every level)."""
        ordered = list(dict.fromkeys(level_ids))

        def replace(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM assignments WHERE learner_id = ?", (learner_id,))
            for position, level_id in enumerate(ordered):
                conn.execute("INSERT INTO assignments (learner_id, level_id, position) "
                             "VALUES (?, ?, ?)", (learner_id, level_id, position))
        self._write(replace)

    def attempt_log(self, learner_id: int) -> list[LoggedAttempt]:
        """Every logged run of the learner, oldest first."""
        found = self._do(lambda c: c.execute(
            "SELECT level_id, solved, stars, seconds, help, at FROM attempt_log "
            "WHERE learner_id = ? ORDER BY at, id", (learner_id,)).fetchall())
        return [LoggedAttempt(rows.text(level), rows.count(solved) > 0, rows.count(stars),
                              rows.number(seconds), help_counts(help_), rows.text(at))
                for level, solved, stars, seconds, help_, at in found]

    def forget_learner_settings(self, learner_id: int) -> None:
        """The per-learner app settings (``learner.<id>.*``) of a learner being removed."""
        self._write(lambda c: c.execute("DELETE FROM settings WHERE key LIKE ?",
                                        (f"learner.{int(learner_id)}.%",)))

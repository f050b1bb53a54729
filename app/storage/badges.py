"""The badges a learner earned (table ``badges``, migration 3), beside the progress.

Kept apart from ``store.py`` so the store stays one job; it uses the store's own
connection and transaction, so a badge is written (or falls back to memory) like progress.
"""
from __future__ import annotations

from datetime import UTC, datetime

from app.storage.store import ProgressStore


def badges(store: ProgressStore, learner_id: int) -> set[str]:
    rows = store._do(lambda c: c.execute(
        "SELECT badge FROM badges WHERE learner_id = ?", (learner_id,)).fetchall())
    return {str(row[0]) for row in rows}


def award(store: ProgressStore, learner_id: int, badge: str) -> None:
    """Keep ``badge`` for the learner (again is harmless: the first date stays)."""
    earned = datetime.now(UTC).isoformat(timespec="seconds")
    store._write(lambda c: c.execute(
        "INSERT OR IGNORE INTO badges (learner_id, badge, earned) VALUES (?, ?, ?)",
        (learner_id, badge, earned)))

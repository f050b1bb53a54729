"""The store's longer SQL and small helpers (name order, time, JSON), apart from its logic."""
from __future__ import annotations

import json
import logging
import sqlite3
import unicodedata
from datetime import datetime

log = logging.getLogger(__name__)

PROGRESS_COLUMNS = "level_id, stars, attempts, solved, best_blocks, seconds, independence, updated"
RECORD = """
INSERT INTO progress (learner_id, level_id, stars, attempts, solved, best_blocks, seconds, updated)
VALUES (:learner, :level, :stars, 1, :solved, :blocks, :seconds, :now)
ON CONFLICT (learner_id, level_id) DO UPDATE SET
    stars = max(stars, excluded.stars),
    attempts = attempts + 1,
    solved = max(solved, excluded.solved),
    best_blocks = CASE
        WHEN excluded.best_blocks IS NULL THEN best_blocks
        WHEN best_blocks IS NULL THEN excluded.best_blocks
        ELSE min(best_blocks, excluded.best_blocks) END,
    seconds = seconds + excluded.seconds,
    updated = excluded.updated
"""
EXPORT = """
SELECT l.id, l.name, l.locale, p.level_id, p.solved, p.stars, p.attempts, p.best_blocks,
       p.seconds, p.independence, p.updated
FROM learners AS l LEFT JOIN progress AS p ON p.learner_id = l.id
"""


def name_order(name: str) -> str:
    """Sort key for a class list: case and accents ignored, so Émile comes before Zoë."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error as error:
        log.warning("closing the progress file failed: %s", error)

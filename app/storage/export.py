"""Progress as CSV for educators: one row per learner and level, for a spreadsheet.

A data file, so the header is English snake_case and numbers are plain (``solved`` is 1/0).
UTF-8 without BOM, RFC 4180 quoting (names with commas or quotes stay one cell). A cell that
a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading ``'``:
learners type their own names, and the teacher opens the file in Excel or LibreOffice.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

COLUMNS: tuple[str, ...] = (
    "learner_id", "learner_name", "locale", "level_id", "solved", "stars", "attempts",
    "best_blocks", "seconds", "independence_score", "independence", "updated",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet will show, not evaluate."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _independence_score(data: dict) -> float:
    """Guided mode's own 0..1 score (imported here: the store itself needs no narrator)."""
    from accessibility.guided_mode import Independence

    return Independence.from_dict(data).score


def csv_row(row: Sequence[object]) -> list[object]:
    """A database row (in ``COLUMNS`` order, independence as JSON text) as CSV cells."""
    learner_id, name, locale, level_id, solved, stars, attempts, best, seconds, indep, updated = row
    data = json.loads(str(indep)) if indep else None
    score = "" if data is None else f"{_independence_score(data):.2f}"
    return [learner_id, safe_cell(str(name)), locale, safe_cell(str(level_id)), int(bool(solved)),
            stars, attempts, "" if best is None else best, f"{float(str(seconds)):.1f}", score,
            "" if data is None else json.dumps(data, sort_keys=True, separators=(",", ":")),
            updated]


def write_rows(rows: Iterable[Sequence[object]], handle: TextIO) -> int:
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(csv_row(row))
        count += 1
    return count


def write_csv(rows: Iterable[Sequence[object]], target: Path | TextIO) -> int:
    """Write the header and ``rows``; a path is replaced atomically (never half a file)."""
    if not isinstance(target, (str, os.PathLike)):
        return write_rows(rows, target)
    path = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the teacher shares this file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = write_rows(rows, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count

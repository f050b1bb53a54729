"""Progress as CSV for educators: one row per learner and level, for a spreadsheet.

Every learner has a row, also one without progress yet (the level cells stay empty). The
``Sheet`` says how: ``DATA`` is the plain data file (English snake_case header, ``,``, a
decimal point, UTF-8 without BOM); ``locale_sheet`` is what the teacher opens by a double
click: translated headers and level titles, UTF-8 with a BOM (so Excel reads the accents),
and ``;`` with a decimal comma where the locale writes ``3,5`` (fr, nl, de, it, es), which is
what a French or German spreadsheet expects without an import wizard. RFC 4180 quoting keeps
names with separators or quotes in one cell. A cell that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` first) gets a leading ``'``: learners type their own names.
"""
from __future__ import annotations

import csv
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from app.storage import rows
from levels.atomic_file import write_atomically

log = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = (
    "learner_id", "learner_name", "locale", "level_id", "level_title", "solved", "stars",
    "attempts", "best_blocks", "seconds", "independence_score", "independence", "updated",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DECIMAL_COMMA = ("fr", "nl", "de", "it", "es")  # languages that write 3,5 (then ; separates)


class SemicolonDialect(csv.excel):
    """What spreadsheets in decimal-comma locales open directly."""

    delimiter = ";"


@dataclass(frozen=True)
class Sheet:
    """How the table is written: headers, separator, decimal mark, BOM, level titles."""

    headers: tuple[str, ...] = COLUMNS
    dialect: type[csv.Dialect] = csv.excel
    decimal: str = "."
    bom: bool = False
    titles: Mapping[str, str] = field(default_factory=dict)


DATA = Sheet()


def locale_sheet(locale: str, translate: Callable[[str], str],
                 titles: Mapping[str, str]) -> Sheet:
    """The teacher's sheet: ``translate("storage.export.columns.<column>")`` for headers."""
    comma = locale.replace("-", "_").split("_")[0].lower() in DECIMAL_COMMA
    return Sheet(tuple(translate(f"storage.export.columns.{c}") for c in COLUMNS),
                 SemicolonDialect if comma else csv.excel, "," if comma else ".", True,
                 dict(titles))


def safe_cell(text: str) -> str:
    """Text a spreadsheet will show, not evaluate."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _independence_score(data: dict) -> float:
    """Guided mode's own 0..1 score (imported here: the store itself needs no narrator)."""
    from accessibility.guided_mode import Independence

    return Independence.from_dict(data).score


def csv_row(row: Sequence[object], sheet: Sheet = DATA) -> list[object]:
    """A database row (``queries.EXPORT`` order, independence as JSON text) as CSV cells."""
    learner_id, name, locale, level_id, solved, stars, attempts, best, seconds, indep, updated = row
    learner = [learner_id, safe_cell(rows.text(name)), safe_cell(rows.text(locale))]
    if level_id is None:  # a learner without progress yet: still on the class list
        return learner + [""] * (len(COLUMNS) - len(learner))
    data = rows.json_value(indep, dict)
    score = "" if data is None else _score_cell(data)
    best_blocks = rows.maybe_count(best)
    level = rows.text(level_id)
    return learner + [
        safe_cell(level), safe_cell(sheet.titles.get(level, "")), int(rows.count(solved) > 0),
        rows.count(stars), rows.count(attempts), "" if best_blocks is None else best_blocks,
        _decimal(f"{rows.number(seconds):.1f}", sheet), _decimal(score, sheet),
        "" if data is None else json.dumps(data, sort_keys=True, separators=(",", ":")),
        safe_cell(rows.text(updated))]


def _decimal(text: str, sheet: Sheet) -> str:
    return text.replace(".", sheet.decimal)


def _score_cell(data: dict) -> str:
    """The score, or an empty cell when the stored standing is not one guided mode made."""
    try:
        return f"{_independence_score(data):.2f}"
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        log.error("independence data the export cannot score: %s", error)
        return ""


def write_rows(rows: Iterable[Sequence[object]], handle: TextIO, sheet: Sheet = DATA) -> int:
    writer = csv.writer(handle, dialect=sheet.dialect)
    writer.writerow([safe_cell(h) for h in sheet.headers])
    count = 0
    for row in rows:
        writer.writerow(csv_row(row, sheet))
        count += 1
    return count


def write_csv(rows: Iterable[Sequence[object]], target: Path | TextIO,
              sheet: Sheet = DATA) -> int:
    """Write the header and ``rows``; a path is replaced atomically (never half a file).

    The BOM is written only to a path (an open text file has its own encoding)."""
    if not isinstance(target, (str, os.PathLike)):
        return write_rows(rows, target, sheet)
    return write_atomically(Path(target), lambda handle: write_rows(rows, handle, sheet),
                            encoding="utf-8-sig" if sheet.bom else "utf-8", newline="")

"""The teacher's CSV: translated headers and level titles, every learner, and the separator,
decimal mark and encoding a French or German spreadsheet opens without an import wizard."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accessibility.translator import Translator
from app.storage.export import COLUMNS, SemicolonDialect, locale_sheet
from app.storage.store import ProgressStore
from tests.app.test_controller import make_app

TITLES = {"loops_02": "Deux tours"}


def filled(path: Path) -> ProgressStore:
    store = ProgressStore(path)
    zoe = store.add_learner("Zoë; «la fusée»", "fox", "fr", {}).id
    store.add_learner("Émile", "cat", "de", {})  # no progress yet: still listed
    store.record_attempt(zoe, "loops_02", solved=True, stars=3, blocks=6, seconds=41.34)
    store.save_independence(zoe, "loops_02", {"start": 2, "streak": 1, "misses": 0})
    return store


@pytest.mark.parametrize("locale", ["fr", "de", "nl", "it", "es"])
def test_decimal_comma_locales_get_semicolons_a_bom_and_their_own_headers(
        tmp_path: Path, locale: str) -> None:
    translator = Translator(locale)
    target = tmp_path / "classe.csv"
    with filled(tmp_path / "p.sqlite3") as store:
        assert store.export_csv(target, locale_sheet(locale, translator.t, TITLES)) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, dialect=SemicolonDialect))
    assert header == [translator.t(f"storage.export.columns.{c}") for c in COLUMNS]
    assert header != list(COLUMNS) and len(set(header)) == len(COLUMNS)
    cells = [dict(zip(COLUMNS, row)) for row in rows]
    assert [c["learner_name"] for c in cells] == ["Émile", "Zoë; «la fusée»"]
    assert cells[0]["level_id"] == "" and cells[0]["stars"] == ""
    zoe = cells[1]
    assert (zoe["level_title"], zoe["stars"], zoe["seconds"]) == ("Deux tours", "3", "41,3")
    assert zoe["independence_score"] == "0,33"


def test_english_keeps_the_comma_and_the_decimal_point(tmp_path: Path) -> None:
    translator = Translator("en")
    target = tmp_path / "class.csv"
    with filled(tmp_path / "p.sqlite3") as store:
        store.export_csv(target, locale_sheet("en_GB", translator.t, TITLES))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, _emile, zoe = list(csv.reader(handle, dialect=csv.excel))
    assert header[1] == "Learner" and header[4] == "Level"
    assert zoe[1] == "Zoë; «la fusée»" and zoe[9] == "41.3"


def test_the_app_exports_the_teachers_sheet_in_its_language(tmp_path: Path) -> None:
    controller, _clock, _server = make_app(tmp_path)
    try:
        controller.activate(controller.model.children[0].id)
        controller.set_locale("de")  # the teacher's language in the settings
        controller.export_progress()
        [path] = list(tmp_path.glob("progress-*.csv"))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle, dialect=SemicolonDialect))
    finally:
        controller.services.close()
    assert header[1] == "Kind" and len(rows) == 1  # the learner, before any level

"""The progress store on a real SQLite file: learners, progress, drafts, settings, export."""
from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from accessibility.profiles import preset, profile_from_dict, profile_to_dict
from app.storage import Learner, ProgressStore, UnknownLearner
from app.storage.database import SYNCHRONOUS
from app.storage.export import COLUMNS
from app.storage.migrations import LATEST_VERSION

NAME = 'Zoë, "Zo"'


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


@pytest.fixture
def store(db: Path):
    with ProgressStore(db) as opened:
        assert opened.notice is None and not opened.in_memory
        yield opened


def _reopen(store: ProgressStore) -> ProgressStore:
    store.close()
    again = ProgressStore(store.path)
    assert again.notice is None
    return again


def test_a_new_file_is_created_with_the_current_schema_in_wal_mode(store: ProgressStore) -> None:
    assert store.path.is_file()
    store.close()
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"learners", "progress", "drafts", "settings"} <= tables
    conn.close()


def test_connection_settings_are_the_crash_safe_ones(store: ProgressStore) -> None:
    conn = store._connection
    levels = {"OFF": 0, "NORMAL": 1, "FULL": 2, "EXTRA": 3}
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == levels[SYNCHRONOUS] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # a save on the UI thread waits briefly for another program's lock, then queues (issue 17)
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 250


def test_learners_are_added_listed_updated_and_removed(store: ProgressStore) -> None:
    profile = profile_to_dict(preset("two_switch_step"))
    zoe = store.add_learner(NAME, "fox", "fr", profile)
    adam = store.add_learner("adam", "owl", "nl", {})
    emile = store.add_learner("Émile", "cat", "fr", {})
    assert isinstance(zoe, Learner) and len({zoe.id, adam.id, emile.id}) == 3
    assert [l.name for l in store.learners()] == ["adam", "Émile", NAME]  # case, accents ignored
    store = _reopen(store)
    loaded = store.learner(zoe.id)
    assert loaded == zoe
    assert profile_from_dict(loaded.profile) == preset("two_switch_step")  # profile round-trips

    store.update_learner(replace(zoe, name="Zoé", locale="de", avatar="cat",
                                 profile=profile_to_dict(preset("voice"))))
    store = _reopen(store)
    changed = store.learner(zoe.id)
    assert (changed.name, changed.locale, changed.avatar) == ("Zoé", "de", "cat")
    assert profile_from_dict(changed.profile) == preset("voice")

    store.record_attempt(zoe.id, "a1", solved=True, stars=3, blocks=4, seconds=10)
    store.save_draft(zoe.id, "a2", ["move_forward"])
    store.remove_learner(zoe.id)
    assert store.learner(zoe.id) is None
    assert [l.id for l in store.learners()] == [adam.id, emile.id]
    conn = store._connection
    for table in ("progress", "drafts"):  # cascaded, not orphaned
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    store.close()


def test_unknown_learners_are_refused(store: ProgressStore) -> None:
    with pytest.raises(UnknownLearner):
        store.record_attempt(99, "a1", solved=True, stars=1, blocks=3, seconds=1)
    with pytest.raises(UnknownLearner):
        store.update_learner(Learner(99, "x", "fox", "en", {}))
    assert store.progress(99) == {}
    with pytest.raises(sqlite3.IntegrityError):  # other bugs are not disguised as a lookup
        store.add_learner(None, "fox", "en", {})  # type: ignore[arg-type]


def test_progress_keeps_the_best_of_solved_attempts_and_adds_up_effort(
        store: ProgressStore) -> None:
    kid = store.add_learner("Ana", "fox", "es", {}).id
    first = store.record_attempt(kid, "loops_03", solved=False, stars=0, blocks=2, seconds=12.5)
    assert (first.attempts, first.solved, first.stars, first.best_blocks) == (1, False, 0, None)
    store.record_attempt(kid, "loops_03", solved=True, stars=2, blocks=9, seconds=30)
    store.record_attempt(kid, "loops_03", solved=True, stars=3, blocks=7, seconds=20)
    worse = store.record_attempt(kid, "loops_03", solved=True, stars=1, blocks=8, seconds=5)
    assert (worse.attempts, worse.solved, worse.stars, worse.best_blocks) == (4, True, 3, 7)
    after_fail = store.record_attempt(kid, "loops_03", solved=False, stars=3, blocks=1, seconds=2.5)
    assert (after_fail.stars, after_fail.best_blocks, after_fail.solved) == (3, 7, True)
    assert after_fail.seconds == pytest.approx(70.0)
    store.record_attempt(kid, "basics_01", solved=True, stars=1, blocks=3, seconds=4)

    store = _reopen(store)
    progress = store.progress(kid)
    assert sorted(progress) == ["basics_01", "loops_03"]
    assert progress["loops_03"] == after_fail
    assert progress["loops_03"].updated.startswith("20")  # ISO time
    with pytest.raises(ValueError):
        store.record_attempt(kid, "x", solved=True, stars=-1, blocks=3, seconds=1)
    store.close()


def test_drafts_reopen_in_the_next_session(store: ProgressStore) -> None:
    kid = store.add_learner("Ana", "fox", "es", {}).id
    program = ["move_forward", {"block": "repeat", "params": {"times": 3},
                                "body": ["move_forward", {"block": "turn_left"}]}]
    assert store.draft(kid, "loops_01") is None
    store.save_draft(kid, "loops_01", ["turn_left"])
    store.save_draft(kid, "loops_01", program)  # replaces
    store.save_draft(kid, "loops_02", [])
    store = _reopen(store)
    assert store.draft(kid, "loops_01") == program
    assert store.draft(kid, "loops_02") == []
    store.clear_draft(kid, "loops_01")
    assert store.draft(kid, "loops_01") is None
    with pytest.raises(TypeError):
        store.save_draft(kid, "loops_01", "move_forward")  # type: ignore[arg-type]
    store.close()


def test_independence_is_kept_per_level_without_counting_an_attempt(store: ProgressStore) -> None:
    kid = store.add_learner("Ana", "fox", "es", {}).id
    assert store.independence(kid, "a1") is None
    store.save_independence(kid, "a1", {"start": 3, "streak": 1, "misses": 0})
    store.record_attempt(kid, "a1", solved=True, stars=2, blocks=5, seconds=3)
    store.save_independence(kid, "a1", {"start": 2, "streak": 0, "misses": 0})
    store = _reopen(store)
    assert store.independence(kid, "a1") == {"start": 2, "streak": 0, "misses": 0}
    level = store.progress(kid)["a1"]
    assert (level.attempts, level.stars, level.independence) == (1, 2, {"start": 2, "streak": 0,
                                                                        "misses": 0})
    store.close()


def test_settings_are_text_with_a_default(store: ProgressStore) -> None:
    assert store.get_setting("last_learner") is None
    assert store.get_setting("window_size", "1280x800") == "1280x800"
    store.set_setting("last_learner", "3")
    store.set_setting("last_learner", "4")
    store.set_setting("educator_pin", "pbkdf2$…")
    store = _reopen(store)
    assert store.get_setting("last_learner") == "4"
    assert store.get_setting("educator_pin") == "pbkdf2$…"
    with pytest.raises(TypeError):
        store.set_setting("last_learner", 5)  # type: ignore[arg-type]
    store.close()


def _filled(store: ProgressStore) -> tuple[int, int]:
    zoe = store.add_learner(NAME, "fox", "fr", {}).id
    eve = store.add_learner("=HYPERLINK(\"x\")", "owl", "en", {}).id
    store.add_learner("No progress yet", "cat", "de", {})
    store.record_attempt(zoe, "loops_02", solved=True, stars=3, blocks=6, seconds=41.34)
    store.record_attempt(zoe, "basics_01", solved=False, stars=0, blocks=2, seconds=8)
    store.save_independence(zoe, "basics_01", {"start": 2, "streak": 1, "misses": 0})
    store.record_attempt(eve, "basics_01", solved=True, stars=1, blocks=9, seconds=3)
    return zoe, eve


def test_export_csv_reads_back_with_the_csv_module(store: ProgressStore, tmp_path: Path) -> None:
    zoe, eve = _filled(store)
    target = tmp_path / "export" / "class.csv"
    target.parent.mkdir()
    target.write_text("old export", encoding="utf-8")
    assert store.export_csv(target) == 4  # the learner without progress has a row too
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM
    assert "Zoë".encode() in raw  # UTF-8
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["learner_name"], r["level_id"]) for r in rows] == [
        ("'=HYPERLINK(\"x\")", "basics_01"), ("No progress yet", ""), (NAME, "basics_01"),
        (NAME, "loops_02")]
    assert set(rows[1].values()) <= {"No progress yet", "de", rows[1]["learner_id"], ""}
    loops = rows[3]
    assert loops["learner_id"] == str(zoe)
    assert (loops["solved"], loops["stars"], loops["attempts"], loops["best_blocks"],
            loops["seconds"]) == ("1", "3", "1", "6", "41.3")
    basics = rows[2]
    assert (basics["solved"], basics["best_blocks"], basics["locale"]) == ("0", "", "fr")
    assert basics["independence_score"] == "0.33"  # guided mode's score: 1 - start / MODEL(3)
    assert basics["independence"] == '{"misses":0,"start":2,"streak":1}'
    assert rows[0]["independence"] == "" and rows[0]["learner_id"] == str(eve)
    assert not list(target.parent.glob("*.tmp"))  # written atomically


def test_export_csv_to_an_open_file_and_an_empty_store(store: ProgressStore) -> None:
    buffer = io.StringIO(newline="")
    assert store.export_csv(buffer) == 0
    assert buffer.getvalue() == ",".join(COLUMNS) + "\r\n"
    _filled(store)
    buffer = io.StringIO(newline="")
    assert store.export_csv(buffer) == 4
    names = [row[1] for row in csv.reader(io.StringIO(buffer.getvalue(), newline=""))]
    assert names.count(NAME) == 2


def test_export_to_a_folder_that_does_not_exist_raises_oserror(store: ProgressStore,
                                                                tmp_path: Path) -> None:
    with pytest.raises(OSError):
        store.export_csv(tmp_path / "missing" / "class.csv")


def test_a_closed_store_says_so(store: ProgressStore) -> None:
    store.close()
    store.close()  # twice is fine
    with pytest.raises(RuntimeError):
        store.learners()

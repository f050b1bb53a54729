"""Issue 17: whatever bytes the progress file holds, reading it never stops the game.

Damaged rows are read as harmless defaults or salvaged, and a file that cannot be trusted is
moved aside with a notice. All on real SQLite files in tmp_path.
"""
from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.storage import ProgressStore
from app.storage.notices import CANNOT_MOVE, DAMAGED, NOT_SAVED, STOPPED_SAVING

LEARNERS = 30
PAGE = 4096
KNOWN_NOTICES = {DAMAGED, CANNOT_MOVE, NOT_SAVED, STOPPED_SAVING}


def _class_file(path: Path) -> Path:
    """A 30-learner class with progress, standing and drafts, checkpointed into one file."""
    with ProgressStore(path) as store:
        for n in range(LEARNERS):
            kid = store.add_learner(f"Élève {n}", "fox", "fr", {"name": "touch", "n": n}).id
            for level in range(4):
                store.record_attempt(kid, f"junior_{level:02d}", solved=level % 2 == 0,
                                     stars=level % 4, blocks=3 + level, seconds=4.5)
                store.save_independence(kid, f"junior_{level:02d}", {"start": 2, "streak": 1})
                store.save_draft(kid, f"junior_{level:02d}", ["move_forward", "turn_left"])
            store.set_setting(f"learner.{kid}.track", "junior")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # one file to damage, no -wal beside it
    conn.close()
    return path


class Clean:
    """The undamaged file's bytes (kept out of hypothesis's report of a failing case)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"Clean({len(self.data)} bytes)"

    def copy(self, folder: Path) -> Path:
        path = folder / "progress.sqlite3"
        path.write_bytes(self.data)
        return path


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Clean:
    return Clean(_class_file(tmp_path_factory.mktemp("class") / "progress.sqlite3").read_bytes())


def _read_everything(store: ProgressStore) -> None:
    """What the app reads at start, on the map, in a level, and for the teacher's export."""
    learners = store.learners()
    for learner in learners:
        assert isinstance(learner.name, str) and isinstance(learner.profile, dict)
        store.learner(learner.id)
        for level_id, progress in store.progress(learner.id).items():
            assert isinstance(level_id, str) and progress.stars >= 0
            store.draft(learner.id, level_id)
            store.independence(learner.id, level_id)
        store.get_setting(f"learner.{learner.id}.track", "junior")
    store.export_csv(io.StringIO(newline=""))


def _open_and_read(path: Path) -> ProgressStore:
    store = ProgressStore(path)
    _read_everything(store)
    _read_everything(store)  # a second pass reads what a salvage left, if it happened
    assert all(notice.key in KNOWN_NOTICES for notice in store.notices)
    kid = store.add_learner("Ana", "owl", "es", {}).id  # and the session can go on
    store.record_attempt(kid, "junior_01", solved=True, stars=3, blocks=4, seconds=2)
    assert store.progress(kid)["junior_01"].stars == 3
    return store


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.integers(PAGE, 1 << 20), st.integers(0, 255)),
                       min_size=1, max_size=32))
def test_random_byte_damage_never_raises(tmp_path: Path, clean: Clean,
                                         damage: list[tuple[int, int]]) -> None:
    data = bytearray(clean.data)
    for offset, value in damage:
        data[PAGE + offset % (len(data) - PAGE)] = value  # data pages only, never the header
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "progress.sqlite3"
    path.write_bytes(bytes(data))
    _open_and_read(path).close()


def _edited(path: Path, *statements: str) -> Path:
    """The class file with some cells changed the way damage or another program would."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


@pytest.mark.parametrize("statement", [
    "UPDATE learners SET name = CAST(X'4cc3a96fff' AS TEXT) WHERE id = 3",  # not UTF-8
    "UPDATE learners SET name = X'00ff10' WHERE id = 3",  # a blob for a name
    "UPDATE learners SET profile = '{\"name\": \"touch\"' WHERE id = 3",  # cut JSON
    "UPDATE learners SET profile = '[1, 2]' WHERE id = 3",  # JSON of the wrong kind
    "UPDATE progress SET stars = 'three', attempts = X'01', seconds = 'long' WHERE learner_id = 3",
    ("UPDATE progress SET best_blocks = 'few', level_id = X'ff' WHERE learner_id = 3 "
     "AND level_id = 'junior_00'"),
    "UPDATE progress SET independence = '{\"start\": 1e999}' WHERE learner_id = 3",
    "UPDATE progress SET independence = 'not json' WHERE learner_id = 3",
    "UPDATE drafts SET program = CAST(X'5b22ff225d' AS TEXT) WHERE learner_id = 3",
    "UPDATE settings SET value = X'ff' WHERE key = 'learner.3.track'",
])
def test_a_bad_cell_is_read_as_a_default(tmp_path: Path, clean: Clean, statement: str) -> None:
    path = _edited(clean.copy(tmp_path), statement)
    store = _open_and_read(path)
    assert store.notice is None and len(store.learners()) == LEARNERS + 1
    assert store.learner(4).name == "Élève 3"  # ids start at 1
    store.close()


def test_export_survives_bad_independence(tmp_path: Path, clean: Clean) -> None:
    path = _edited(clean.copy(tmp_path),
                   "UPDATE progress SET independence = '{\"start\": ' WHERE learner_id = 2",
                   "UPDATE progress SET independence = '{\"start\": \"x\"}' WHERE learner_id = 3",
                   "UPDATE progress SET independence = '{\"start\": 1e999}' WHERE learner_id = 4")
    out = io.StringIO(newline="")
    with ProgressStore(path) as store:
        assert store.export_csv(out) == LEARNERS * 4
    lines = out.getvalue().splitlines()
    assert any(line.startswith("2,Élève 1,") and line.count(",,") for line in lines)


def _corrupt_progress_index(path: Path) -> None:
    """One byte of the progress index's keys: ``quick_check`` passes (it checks structure,
    not that the index matches its table), a lookup by learner and level says 'malformed'.
    The offset was found by trying single bytes; the file's layout is the same every time."""
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master "
                           "WHERE name = 'sqlite_autoindex_progress_1'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * PAGE + 2854] = 152
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        for kid in range(1, LEARNERS + 1):
            conn.execute("SELECT * FROM progress WHERE learner_id = ? AND level_id = ?",
                         (kid, "junior_01")).fetchall()
    conn.close()


def test_a_malformed_table_is_salvaged_and_the_file_moved_aside(tmp_path: Path,
                                                                clean: Clean) -> None:
    path = clean.copy(tmp_path)
    _corrupt_progress_index(path)
    store = _open_and_read(path)
    assert store.notice is not None and store.notice.key == DAMAGED
    assert len(store.learners()) == LEARNERS + 1  # learners are on other pages: all kept
    store.close()
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept and json.dumps(sorted(p.name for p in kept))
    with ProgressStore(path) as again:  # the new file is healthy and holds the salvage
        assert again.notice is None and len(again.learners()) == LEARNERS + 1

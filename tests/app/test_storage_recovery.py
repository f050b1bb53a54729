"""Bad files never stop the app: damaged or newer files are moved aside, unwritable places
fall back to memory, and a version-1 file is migrated. All on real files in tmp_path."""
from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

import app.storage.database as database
import app.storage.store as store_module
from app.storage import ProgressStore
from app.storage.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate, schema_version
from app.storage.move_aside import aside_name, move_aside
from app.sync import outbox
from app.storage.notices import (
    CANNOT_MOVE,
    DAMAGED,
    NEWER,
    NOT_SAVED,
    SAVED_AGAIN,
    STOPPED_SAVING,
    WAITING,
)

ASIDE = re.compile(r"^progress\.(damaged|newer)-\d{4}-\d\d-\d\d_\d{6}(-\d+)?\.sqlite3$")


def _make_store(path: Path, learners: int = 1, levels: int = 3, draft_blocks: int = 0) -> list[int]:
    """A real progress file with some learners, attempts and drafts; returns the learner ids."""
    with ProgressStore(path) as store:
        ids = [store.add_learner(f"kid {n}", "fox", "en", {"n": n}).id for n in range(learners)]
        for kid in ids:
            for level in range(levels):
                store.record_attempt(kid, f"level_{level:02d}", solved=True, stars=2, blocks=5,
                                     seconds=3)
                if draft_blocks:
                    store.save_draft(kid, f"level_{level:02d}",
                                     [{"block": "repeat", "params": {"times": n % 9 + 1},
                                       "body": ["move_forward"]} for n in range(draft_blocks)])
    return ids


def _aside_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ASIDE.match(p.name))


def _still_works(store: ProgressStore) -> None:
    kid = store.add_learner("Ana", "owl", "es", {}).id
    store.record_attempt(kid, "a1", solved=True, stars=3, blocks=4, seconds=2)
    store.save_draft(kid, "a2", ["move_forward"])
    assert store.progress(kid)["a1"].stars == 3 and store.draft(kid, "a2") == ["move_forward"]


def _assert_moved_aside(store: ProgressStore, path: Path, key: str, original: bytes) -> Path:
    assert store.notice is not None and store.notice.key == key
    assert not store.in_memory
    (kept,) = _aside_files(path.parent)
    assert store.notice.params["file"] == kept.name
    assert store.notice.params["folder"] == str(path.parent)
    assert kept.read_bytes() == original  # kept as it was, for someone to rescue
    _still_works(store)
    store.close()
    again = ProgressStore(path)  # the new file is healthy: no notice the second time
    assert again.notice is None and [l.name for l in again.learners()] == ["Ana"]
    again.close()
    return kept


@pytest.mark.parametrize("garbage", [
    pytest.param(lambda: os.urandom(8192), id="random-bytes"),
    pytest.param(lambda: b"SQLite format 3\x00" + b"\xff" * 4000, id="bad-header"),
    pytest.param(lambda: b"learner,stars\nZo\xc3\xab,3\n", id="a-csv-file"),
])
def test_garbage_is_moved_aside_and_a_new_file_started(tmp_path: Path, garbage) -> None:
    path = tmp_path / "progress.sqlite3"
    original = garbage()
    path.write_bytes(original)
    _assert_moved_aside(ProgressStore(path), path, DAMAGED, original)


@pytest.mark.parametrize("keep", [0.5, 0.1, 100 / 1e9])
def test_a_truncated_file_is_moved_aside(tmp_path: Path, keep: float) -> None:
    path = tmp_path / "progress.sqlite3"
    _make_store(path, learners=4, levels=4, draft_blocks=300)
    whole = path.read_bytes()
    assert len(whole) > 40_000 and not Path(f"{path}-wal").exists()
    cut = whole[: max(100, int(len(whole) * keep))]
    path.write_bytes(cut)
    _assert_moved_aside(ProgressStore(path), path, DAMAGED, cut)


def _root_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        query = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        return conn.execute(query, (table,)).fetchone()[0]
    finally:
        conn.close()


def test_damage_only_quick_check_sees_is_found(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _make_store(path, learners=4, levels=4, draft_blocks=300)
    data = bytearray(path.read_bytes())
    page = 4096 * (_root_page(path, "progress") - 1)
    data[page + 1:page + 3] = b"\x0f\xf0"  # the first-freeblock pointer, into nowhere
    path.write_bytes(bytes(data))
    damage = "(?s)quick_check: .*free space corruption"
    with pytest.raises(database.OpenError, match=damage) as error:
        database.open_file(path)  # the header and the schema still read fine
    assert error.value.problem is database.Problem.DAMAGED
    _assert_moved_aside(ProgressStore(path), path, DAMAGED, bytes(data))


def test_scribbled_pages_are_found(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _make_store(path, learners=4, levels=4, draft_blocks=300)
    data = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(data), 3 * 4096):  # over b-tree page headers
        data[offset:offset + 64] = b"\x0d" * 64
    path.write_bytes(bytes(data))
    _assert_moved_aside(ProgressStore(path), path, DAMAGED, bytes(data))


def test_a_file_from_a_newer_version_is_kept_for_later(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _make_store(path, learners=2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    store = ProgressStore(path)
    assert store.notice is not None and store.notice.params["version"] == str(LATEST_VERSION + 5)
    kept = _assert_moved_aside(store, path, NEWER, path.with_name(
        _aside_files(tmp_path)[0].name).read_bytes())
    assert ".newer-" in kept.name
    conn = sqlite3.connect(kept)  # the newer game can still read its stars
    assert conn.execute("SELECT count(*) FROM learners").fetchone()[0] == 2
    conn.close()


def test_another_programs_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, jpeg BLOB)")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    _assert_moved_aside(ProgressStore(path), path, DAMAGED, original)


def test_an_empty_file_is_simply_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"")  # what a crash right after creating the file leaves
    with ProgressStore(path) as store:
        assert store.notice is None and not _aside_files(tmp_path)
        _still_works(store)


def test_the_wal_of_a_damaged_file_moves_with_it(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(os.urandom(4096))
    wal = tmp_path / "progress.sqlite3-wal"
    wal.write_bytes(os.urandom(4096))
    store = ProgressStore(path)
    (kept,) = _aside_files(tmp_path)
    assert Path(f"{kept}-wal").exists() and store.notice.key == DAMAGED
    _still_works(store)
    store.close()


def test_a_folder_in_place_of_the_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.mkdir()
    (path / "note.txt").write_text("x")
    with ProgressStore(path) as store:
        assert store.notice.key == DAMAGED and not store.in_memory
        (kept,) = _aside_files(tmp_path)
        assert (kept / "note.txt").exists()
        _still_works(store)


def test_aside_names_never_collide(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    now = datetime(2025, 3, 14, 10, 15, 0)
    names = []
    for _ in range(3):
        path.write_bytes(b"x")
        names.append(move_aside(path, "damaged", now).name)
    assert names == ["progress.damaged-2025-03-14_101500.sqlite3",
                     "progress.damaged-2025-03-14_101500-2.sqlite3",
                     "progress.damaged-2025-03-14_101500-3.sqlite3"]
    Path(tmp_path / "progress.damaged-2025-03-14_101500-4.sqlite3-wal").write_bytes(b"")
    assert aside_name(path, "damaged", now).name.endswith("-5.sqlite3")  # a lone -wal counts


def test_an_unwritable_place_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the data folder should be")
    path = blocker / "data" / "progress.sqlite3"  # root cannot create this either
    store = ProgressStore(path)
    assert store.in_memory and store.notice is not None and store.notice.key == NOT_SAVED
    assert store.notice.params == {"folder": str(path.parent)}
    _still_works(store)
    store.set_setting("window", "800x600")
    assert store.get_setting("window") == "800x600"
    store.close()
    assert blocker.read_text().startswith("a regular file")


def test_a_readable_file_in_a_read_only_place_is_shown_from_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.sqlite3"
    (kid,) = _make_store(path)

    def read_only(_: Path) -> None:  # what open_file says on a read-only mount (root ignores chmod)
        raise database.OpenError(database.Problem.UNWRITABLE, "attempt to write a readonly db")
    monkeypatch.setattr(store_module, "open_file", read_only)
    store = ProgressStore(path)
    assert store.in_memory and store.notice.key == NOT_SAVED
    assert store.progress(kid)["level_00"].stars == 2 and store.learner(kid).name == "kid 0"
    store.record_attempt(kid, "level_00", solved=True, stars=3, blocks=4, seconds=1)
    store.close()
    monkeypatch.undo()
    with ProgressStore(path) as again:  # the file was only read
        assert again.progress(kid)["level_00"].stars == 2


def test_an_unforeseen_error_at_open_still_starts_the_game(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.sqlite3"
    (kid,) = _make_store(path)
    original = path.read_bytes()

    def surprise(_: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))  # e.g. a folder without x
    monkeypatch.setattr(store_module, "open_file", surprise)
    with ProgressStore(path) as store:
        assert store.in_memory and store.notice.key == NOT_SAVED
        assert store.learner(kid) is not None  # read through the read-only copy
    assert path.read_bytes() == original and not _aside_files(tmp_path)


def test_a_file_that_cannot_be_moved_aside_falls_back_to_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(os.urandom(4096))

    def refuse(*_: object) -> Path:
        raise PermissionError("read-only folder")  # what rename(2) says on a read-only mount
    monkeypatch.setattr(store_module, "move_aside", refuse)
    store = ProgressStore(path)
    assert store.in_memory and store.notice.key == CANNOT_MOVE
    assert store.notice.params == {"file": path.name, "folder": str(tmp_path)}
    _still_works(store)
    store.close()
    assert len(path.read_bytes()) == 4096  # untouched


def test_a_file_locked_by_another_copy_is_shown_and_saved_once_free(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.sqlite3"
    _version_1_file(path)  # needs a migration, so opening must write
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other copy is in the middle of a save
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    store = ProgressStore(path)
    assert store.in_memory and store.notice.key == WAITING and store.status.key == WAITING
    assert store.learner(7).name == "Zoë"  # what the file holds is shown, not an empty class
    assert store.progress(7)["loops_01"].stars == 3
    store.record_attempt(7, "loops_02", solved=True, stars=2, blocks=5, seconds=1)
    assert _user_version(path) == 1  # untouched while it is locked
    other.execute("ROLLBACK")
    other.close()
    assert store._watcher is not None and store._watcher.free.wait(5)
    assert store.progress(7)["loops_02"].stars == 2  # the next call writes the queue
    assert not store.in_memory and store.status is None and store.notice.key == SAVED_AGAIN
    store.close()
    with ProgressStore(path) as again:
        assert again.notice is None and _user_version(path) == LATEST_VERSION
        assert again.progress(7)["loops_02"].attempts == 1


def test_a_lock_taken_during_the_session_queues_saves_until_it_ends(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    (kid,) = _make_store(path)
    store = ProgressStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock (issue 17: 6 s)
    for _ in range(6):
        store.record_attempt(kid, "level_00", solved=True, stars=3, blocks=4, seconds=1)
    assert store.in_memory and store.status.key == WAITING
    assert store.progress(kid)["level_00"].attempts == 7  # the session sees its saves
    other.execute("ROLLBACK")
    other.close()
    assert store._watcher.free.wait(5)
    store.save_draft(kid, "level_01", ["move_forward"])  # the next call writes the queue first
    assert not store.in_memory and store.status is None
    store.close()
    with ProgressStore(path) as again:  # all 6 acknowledged attempts reached the disk
        assert again.progress(kid)["level_00"].attempts == 7
        assert again.draft(kid, "level_01") == ["move_forward"]


def test_saves_queued_behind_a_lock_are_written_at_close(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    (kid,) = _make_store(path)
    store = ProgressStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store.record_attempt(kid, "level_00", solved=True, stars=3, blocks=4, seconds=1)
    other.execute("ROLLBACK")
    other.close()
    store.close()
    with ProgressStore(path) as again:
        assert again.progress(kid)["level_00"].attempts == 2


def test_a_full_disk_during_the_session_keeps_the_session_going(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    (kid,) = _make_store(path)
    seen = []
    store = ProgressStore(path, on_notice=seen.append)
    conn = store._connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers SQLITE_FULL
    store.save_draft(kid, "level_00", ["move_forward"] * 5000)  # does not raise
    assert store.in_memory and [n.key for n in seen] == [STOPPED_SAVING] and store.notice == seen[0]
    assert store.draft(kid, "level_00") == ["move_forward"] * 5000
    assert store.progress(kid)["level_00"].attempts == 1  # earlier progress came along
    store.record_attempt(kid, "level_00", solved=True, stars=3, blocks=4, seconds=1)
    assert store.progress(kid)["level_00"].attempts == 2
    store.close()
    with ProgressStore(path) as again:  # the file kept everything committed before
        assert again.notice is None
        assert again.progress(kid)["level_00"].attempts == 1
        assert again.draft(kid, "level_00") is None


# --- migrations --------------------------------------------------------------------------

def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _version_1_file(path: Path) -> None:
    """The file as the first release wrote it, built by hand (not with MIGRATIONS)."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        PRAGMA journal_mode = WAL;
        CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL, avatar TEXT NOT NULL,
            locale TEXT NOT NULL, profile TEXT NOT NULL, created TEXT NOT NULL);
        CREATE TABLE progress (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            level_id TEXT NOT NULL, stars INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0,
            best_blocks INTEGER, seconds REAL NOT NULL DEFAULT 0, independence TEXT,
            updated TEXT NOT NULL, PRIMARY KEY (learner_id, level_id));
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO learners VALUES (7, 'Zoë', 'fox', 'fr', '{"name": "touch"}',
                                     '2024-09-02T09:00:00+02:00');
        INSERT INTO progress VALUES (7, 'loops_01', 3, 4, 1, 6, 95.5,
                                     '{"start": 1, "streak": 2, "misses": 0}',
                                     '2024-09-02T09:30:00+02:00');
        INSERT INTO settings VALUES ('last_learner', '7');
        PRAGMA user_version = 1;
    """)
    conn.close()


def test_a_version_1_file_is_migrated_and_keeps_its_progress(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _version_1_file(path)
    with ProgressStore(path) as store:
        assert store.notice is None
        assert schema_version(store._connection) == LATEST_VERSION == 6
        (zoe,) = store.learners()
        assert (zoe.id, zoe.name, zoe.profile) == (7, "Zoë", {"name": "touch"})
        level = store.progress(7)["loops_01"]
        assert (level.stars, level.attempts, level.best_blocks, level.seconds) == (3, 4, 6, 95.5)
        assert level.independence == {"start": 1, "streak": 2, "misses": 0}
        assert store.get_setting("last_learner") == "7"
        store.save_draft(7, "loops_02", ["turn_left"])  # the table migration 2 added
        assert store.run_write(outbox.counts) == {"waiting": 0, "sent": 0, "rejected": 0}  # 3
        store.remove_learner(7)  # the new table cascades too
        assert store._connection.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    assert not _aside_files(tmp_path)


def test_a_failing_migration_rolls_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _version_1_file(path)

    def half_then_fail(conn: sqlite3.Connection) -> None:
        MIGRATIONS[1].apply(conn)  # creates the drafts table …
        conn.execute("INSERT INTO no_such_table VALUES (1)")  # … then fails
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, (MIGRATIONS[0], Migration(2, "broken", half_then_fail)))
    assert schema_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "drafts" not in tables
    assert migrate(conn) == LATEST_VERSION  # the real step still applies afterwards
    conn.close()


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(ValueError):
        migrate(conn, (MIGRATIONS[1],))  # a gap is a bug, not a silent skip

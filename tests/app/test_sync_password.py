"""The LRS password stays out of the progress file (a teacher copies or exports it): it is
kept in its own file, mode 0600, and a password an older version kept in the file is moved
out and erased from its bytes. And turning sync off stops a round between two batches."""
from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from app.storage import secrets
from app.storage.migrations import MIGRATIONS, migrate
from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.record import Played, queue_attempt
from app.sync.sender import Outcome, Sender

PASSWORD = "Zebra-Quartz-7781"  # distinctive: found in the file's bytes, or not


def file_bytes(path: Path) -> bytes:
    """The progress file and whatever SQLite keeps beside it (WAL, shared memory)."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def test_the_password_is_kept_in_its_own_file_never_in_the_progress_file(
        tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    config = outbox.SyncConfig(True, "https://lrs.school.example/xAPI", "class5b", PASSWORD)
    with ProgressStore(path) as store:
        store.run_write(lambda conn: outbox.save_config(conn, config))
        assert store.run_write(outbox.load_config) == config
        assert PASSWORD.encode() not in file_bytes(path)  # the WAL too, while open
    secret = tmp_path / secrets.FILE_NAME
    assert secret.read_text(encoding="utf-8") == PASSWORD
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert PASSWORD.encode() not in file_bytes(path)
    assert [p.name for p in tmp_path.glob("*.part")] == []
    with ProgressStore(path) as store:  # typed again: replaced; cleared: the file goes
        store.run_write(lambda conn: outbox.save_config(conn, outbox.SyncConfig(
            True, config.endpoint, "class5b", "other")))
        assert secret.read_text(encoding="utf-8") == "other"
        store.run_write(lambda conn: outbox.save_config(conn, outbox.SyncConfig()))
        assert not secret.exists() and store.run_write(outbox.load_config).password == ""


def _version_5_file_with_a_clear_password(path: Path) -> None:
    """What an earlier version of the game left: the password in the settings table."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, MIGRATIONS[:5])
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", [
        ("xapi.enabled", "1"), ("xapi.endpoint", "https://lrs.school.example/xAPI"),
        ("xapi.username", "class5b"), ("xapi.password", PASSWORD), ("last_learner", "1")])
    conn.execute("INSERT INTO learners (name, avatar, locale, profile, created) VALUES "
                 "('Zoë', 'fox', 'fr', '{}', '2026-09-01T09:00:00+02:00')")
    conn.close()


def test_a_clear_password_is_moved_out_and_erased_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _version_5_file_with_a_clear_password(path)
    assert PASSWORD.encode() in file_bytes(path)  # the control: it was there, in clear
    with ProgressStore(path) as store:
        assert store.notice is None
        config = store.run_write(outbox.load_config)
        assert (config.ready, config.username, config.password) == (True, "class5b", PASSWORD)
        assert store.get_setting("xapi.password") is None
        assert store.learners()[0].name == "Zoë" and store.get_setting("last_learner") == "1"
        assert PASSWORD.encode() not in file_bytes(path)  # even while the app runs
    secret = tmp_path / secrets.FILE_NAME
    assert secret.read_text(encoding="utf-8") == PASSWORD
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert PASSWORD.encode() not in file_bytes(path)


def test_turning_sync_off_stops_the_round_before_the_next_batch(tmp_path: Path) -> None:
    """Nothing is listening: the batch is "answered" by a stand-in that turns sync off."""
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        kid = store.add_learner("Kid", "cat", "fr", {})
        for number in range(1, 6):  # 5 runs, unsolved: 5 statements
            queue_attempt(store, Played(kid.id, "junior_01", "Niveau", "fr"), number=number,
                          solved=False, stars=0, blocks=1, seconds=1.0)
        store.run_write(lambda conn: outbox.save_config(conn, outbox.SyncConfig(
            True, "http://127.0.0.1:9/xAPI", "teacher", "pw")))
        posted: list[int] = []

        def post(_config: outbox.SyncConfig, statements: list) -> int:
            posted.append(len(statements))
            store.run_write(lambda conn: outbox.save_config(conn, outbox.SyncConfig(
                False, "http://127.0.0.1:9/xAPI", "teacher", "pw")))  # the teacher: off
            return 204
        import app.sync.sender as sender
        real, sender._post = sender._post, post
        try:
            result = Sender(store.path, batch=2).run()
        finally:
            sender._post = real
        assert posted == [2] and (result.outcome, result.sent) == (Outcome.OFF, 2)
        assert store.run_write(outbox.counts)["waiting"] == 3

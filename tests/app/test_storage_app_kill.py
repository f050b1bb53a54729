"""Issue 17: kill -9 the real app while its progress file is locked by another program, or
in a read-only folder. Locked: every acknowledged save is in the file at the next start (it
waited in the queue). Read-only: the app plays on from memory, says so the whole time, and
the file is never touched."""
from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage import ProgressStore
from app.storage.notices import READ_ONLY, WAITING
from app.storage.save_queue import SUFFIX

pytestmark = [pytest.mark.app, pytest.mark.slow]
CHILD = Path(__file__).with_name("kill_child.py")
DB = "progress.sqlite3"


def _class(folder: Path) -> None:
    with ProgressStore(folder / DB) as store:
        kid = store.add_learner("Zoé", "fox", "fr", {}).id
        store.set_setting("last_learner", str(kid))


def _play_and_kill(command: list[str], lines_before_kill: int) -> list[dict]:
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    seen: list[dict] = []
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        while len(seen) < lines_before_kill and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            seen.append(json.loads(line))
        time.sleep(random.uniform(0.0, 0.3))  # somewhere in the next save
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        seen += [json.loads(line) for line in child.stdout.read().splitlines() if line]
    finally:
        if child.poll() is None:
            child.kill()
    assert len(seen) >= lines_before_kill, "the app did not get far enough to save"
    return seen


def test_killed_while_another_program_holds_the_lock_nothing_acknowledged_is_lost(
        tmp_path: Path) -> None:
    _class(tmp_path)
    other = sqlite3.connect(tmp_path / DB, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        seen = _play_and_kill([sys.executable, str(CHILD), str(tmp_path)],
                              lines_before_kill=random.randint(4, 7))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert seen[0] == {"status": WAITING}
    attempts = max((line["attempts"] for line in seen if "attempts" in line), default=0)
    assert attempts >= 1
    with ProgressStore(tmp_path / DB) as store:  # the next start writes what waited
        assert store.notice is None
        progress = store.progress(1)["junior_01"]
        assert progress.attempts >= attempts
        assert store.draft(1, "junior_01")
    assert not (tmp_path / (DB + SUFFIX)).exists()


def test_killed_in_a_read_only_folder_the_file_is_untouched(tmp_path: Path) -> None:
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("no mount namespace here for a read-only bind mount")
    _class(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    script = (f'mount --bind -o ro "{tmp_path}" "{tmp_path}" && '
              f'exec "{sys.executable}" "{CHILD}" "{tmp_path}"')
    seen = _play_and_kill(["unshare", "-m", "sh", "-c", script], lines_before_kill=5)
    assert seen[0] == {"status": READ_ONLY}
    assert max(line.get("attempts", 0) for line in seen) >= 1  # it played on, from memory
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before

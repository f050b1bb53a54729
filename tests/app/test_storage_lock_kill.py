"""Issue 17: saves made while another program holds the lock survive kill -9.

A child process plays while the parent holds the file's write lock, printing ``ack`` after
each save returned; the parent kills it at a random moment, lets the lock go, and starts
the store again like the next start of the game: every acknowledged save is in the file."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage import ProgressStore
from app.storage.save_queue import APPLIED_KEY, SUFFIX

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import sys
from pathlib import Path
from app.storage import ProgressStore
store = ProgressStore(Path(sys.argv[1]))
print("open", store.status.key if store.status else None, flush=True)
n = 0
while True:
    n += 1
    store.record_attempt(1, "junior_01", solved=True, stars=2, blocks=4, seconds=1)
    store.save_draft(1, "junior_01", ["move_forward"] * n)
    print("ack", n, flush=True)
"""


def _class(path: Path) -> None:
    with ProgressStore(path) as store:
        store.add_learner("Zoé", "fox", "fr", {})


def _play_locked_and_kill(path: Path, acks_before_kill: int) -> int:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # held for the whole life of the child
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    acked = 0
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 20
        while acked < acks_before_kill and time.monotonic() < deadline:
            words = child.stdout.readline().split()
            if words and words[0] == "ack":
                acked = int(words[1])
        time.sleep(random.uniform(0, 0.05))  # somewhere in the next save
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        # read what the pipe still holds: those saves returned before the kill
        for line in child.stdout.read().splitlines():
            if line.startswith("ack"):
                acked = int(line.split()[1])
    finally:
        if child.poll() is None:
            child.kill()
        other.execute("ROLLBACK")
        other.close()
    return acked


@pytest.mark.parametrize("round_", range(4))
def test_saves_queued_behind_a_lock_survive_kill_9(tmp_path: Path, round_: int) -> None:
    path = tmp_path / "progress.sqlite3"
    _class(path)
    acked = _play_locked_and_kill(path, acks_before_kill=random.randint(1, 8))
    assert acked >= 1
    with ProgressStore(path) as store:  # the next start writes what waited
        assert store.notice is None and store.status is None
        attempts = store.progress(1)["junior_01"].attempts
        assert attempts in (acked, acked + 1)  # the one in flight may or may not be there
        assert len(store.draft(1, "junior_01")) in (acked, acked + 1)
        assert store.get_setting(APPLIED_KEY) is not None
    assert not path.with_name(path.name + SUFFIX).exists()
    with ProgressStore(path) as again:  # written once, never twice
        assert again.progress(1)["junior_01"].attempts == attempts

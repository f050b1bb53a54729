"""Kill the real app while it saves, then start it again: what was saved is there, the
progress file opens without a notice, and the child's unfinished program is back."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.driver import RunningApp
from app.controller import LEARNERS

pytestmark = [pytest.mark.app, pytest.mark.slow]
CHILD = Path(__file__).with_name("kill_child.py")


def play_and_kill(data: Path, lines_before_kill: int) -> list[dict]:
    child = subprocess.Popen([sys.executable, str(CHILD), str(data)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=os.environ.copy())
    acknowledged: list[dict] = []
    deadline = time.monotonic() + 120
    try:
        assert child.stdout is not None
        while len(acknowledged) < lines_before_kill and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            acknowledged.append(json.loads(line))
        time.sleep(random.uniform(0.0, 0.4))  # land somewhere in the next save
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert len(acknowledged) >= lines_before_kill, "the app did not get far enough to save"
    return acknowledged


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_app_killed_mid_save_restarts_with_everything_it_saved(tmp_path, seed) -> None:
    random.seed(seed)
    acknowledged = play_and_kill(tmp_path, lines_before_kill=random.randint(3, 8))
    attempts = max((a["attempts"] for a in acknowledged if "attempts" in a), default=0)
    running = RunningApp(tmp_path)
    try:
        controller = running.controller
        assert controller.store.notice is None
        assert controller.screen == LEARNERS
        learner = controller.store.learners()[0]
        progress = controller.store.progress(learner.id).get("junior_01")
        assert progress is not None and progress.attempts >= attempts
        draft = controller.store.draft(learner.id, "junior_01")
        assert draft and set(draft) == {"move_forward"}
    finally:
        running.close()

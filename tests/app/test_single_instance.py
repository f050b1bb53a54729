"""Issue 17: a second copy of the game on one data folder is refused with a clear message,
and the lock never outlives its process (exit, crash, kill -9)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import ALREADY_RUNNING, main
from app.single_instance import AlreadyRunning, hold

ROOT = Path(__file__).resolve().parents[2]
HOLDER = "import sys, time; from pathlib import Path; from app.single_instance import hold; " \
         "lock = hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)"


def _holder(folder: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_copy_is_refused_in_the_teachers_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    child = _holder(tmp_path)
    try:
        with pytest.raises(AlreadyRunning):
            hold(tmp_path)
        assert main(["--data-dir", str(tmp_path), "--locale", "fr"]) == ALREADY_RUNNING
        message = capsys.readouterr().err
        assert "déjà ouvert" in message and str(tmp_path) in message
    finally:
        child.kill()
        child.wait()


def test_the_lock_ends_with_its_process_even_on_kill_9(tmp_path: Path) -> None:
    child = _holder(tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert hold(tmp_path) is not None  # the kernel released it

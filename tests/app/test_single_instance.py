"""Issue 17: a second copy of the game on one data folder is refused with a clear message,
and the lock never outlives its process (exit, crash, kill -9)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import ALREADY_RUNNING
from app.single_instance import AlreadyRunning, hold

ROOT = Path(__file__).resolve().parents[2]
SECOND_START = r"""
import sys
from kivy.clock import Clock
from kivy.core.window import Window
from app import refusal
shown = []
class PressAKey(refusal.RefusalApp):
    def build(self):
        button = super().build()
        shown.append(button.text)
        Clock.schedule_once(lambda _dt: Window.dispatch("on_key_down", 32, 44, " ", []), 0)
        return button
refusal.RefusalApp = PressAKey
from app.__main__ import main
status = main(["--data-dir", sys.argv[1], "--locale", "fr"])
print(status, shown[0])
"""
HOLDER = "import sys, time; from pathlib import Path; from app.single_instance import hold; " \
         "lock = hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)"


def _holder(folder: Path) -> subprocess.Popen:
    folder.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_hold_on_one_folder_is_refused(tmp_path: Path) -> None:
    child = _holder(tmp_path)
    try:
        with pytest.raises(AlreadyRunning):
            hold(tmp_path)
        assert hold(tmp_path / "another class") is not None  # other folders are free
    finally:
        child.kill()
        child.wait()


@pytest.mark.app
def test_a_second_start_shows_why_in_a_window_and_exits(tmp_path: Path) -> None:
    """``python -m app``'s main on a held folder: the reason in French in a window of its
    own (and on stderr), which a key closes; the exit status says so."""
    data = tmp_path / "class"
    child = _holder(data)
    script = tmp_path / "second_start.py"  # a file: Kivy's App looks for its .kv beside it
    script.write_text(SECOND_START, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(script), str(data)], cwd=ROOT, text=True,
                              capture_output=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        child.kill()
        child.wait()
    assert done.returncode == 0, done.stderr[-2000:]
    status, shown = done.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(status) == ALREADY_RUNNING
    assert "déjà ouvert" in shown and str(data) in shown  # (stderr: Kivy's log takes it here)


def test_the_lock_ends_with_its_process_even_on_kill_9(tmp_path: Path) -> None:
    child = _holder(tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert hold(tmp_path) is not None  # the kernel released it

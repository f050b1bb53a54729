"""Issue 17: an unexpected error in a frame never closes the game on a child; the draft is
kept and a friendly message says the game goes on."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kivy.base import ExceptionManager

from accessibility.actions import Command
from accessibility.profiles import preset
from app.crash_guard import LIMIT, CrashGuard
from app.storage.notices import OOPS

ROOT = Path(__file__).resolve().parents[2]
MAINLOOP = r"""
import os, sys, tempfile
os.environ.update(KIVY_NO_ARGS="1", KIVY_HOME=tempfile.mkdtemp())
from kivy.app import App
from kivy.clock import Clock
from kivy.uix.label import Label
from app.crash_guard import CrashGuard, install
class Controller:
    session = learner = None
    said = []
    def notice(self, key, params):
        self.said.append(key)
guard = CrashGuard(Controller())
install(guard)
frames = []
def boom(dt):
    raise RuntimeError("a bug in a clock callback")
def tick(dt):
    frames.append(dt)
    if len(frames) == 3:
        Clock.schedule_once(boom, 0)
    if len(frames) == 10:
        App.get_running_app().stop()
class Game(App):
    def build(self):
        Clock.schedule_interval(tick, 0)
        return Label(text="game")
Game().run()
print(guard.errors, Controller.said, len(frames))
"""



class FakeController:
    """What the guard touches: notices, and no open level."""

    session = None
    learner = None

    def __init__(self) -> None:
        self.said: list[str] = []

    def notice(self, key: str, _params: dict[str, object]) -> None:
        self.said.append(key)


def _boom() -> None:
    raise RuntimeError("a bug in a screen")


def test_an_error_in_the_drain_is_told_not_raised() -> None:
    controller = FakeController()
    guard = CrashGuard(controller)
    guard.run(_boom)
    assert guard.errors == 1 and controller.said == [OOPS]
    assert guard.handle_exception(RuntimeError("in a touch")) == ExceptionManager.PASS
    assert guard.handle_exception(KeyboardInterrupt()) == ExceptionManager.RAISE


def test_errors_that_keep_coming_let_the_app_stop() -> None:
    now = [0.0]
    guard = CrashGuard(FakeController(), clock=lambda: now[0])
    for _ in range(LIMIT):
        now[0] += 0.01
        assert guard.handle_exception(RuntimeError("loop")) == ExceptionManager.PASS
    assert guard.handle_exception(RuntimeError("loop")) == ExceptionManager.RAISE
    with pytest.raises(RuntimeError):
        guard.run(_boom)
    now[0] += 60  # a later, lone error is handled again
    assert guard.handle_exception(RuntimeError("later")) == ExceptionManager.PASS


@pytest.mark.app
def test_kivys_own_main_loop_hands_errors_to_the_guard(tmp_path: Path) -> None:
    """App.run()'s loop (not the test driver's frames): a clock callback that raises is
    handed to the guard, and the app goes on to its tenth frame."""
    script = tmp_path / "mainloop.py"  # a file: Kivy's App looks for its .kv beside it
    script.write_text(MAINLOOP, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == f"1 ['{OOPS}'] 10"


@pytest.mark.app
def test_the_real_app_keeps_the_draft_and_goes_on(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.driver import RunningApp, prepare_learner

    prepare_learner(tmp_path, preset("touch"))
    running = RunningApp(tmp_path)
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)
        controller.open_level("junior_01")
        controller.command(Command("add:move_forward"))
        controller.store.clear_draft(controller.learner.id, "junior_01")  # only the guard saves
        monkeypatch.setattr(controller, "handle", lambda _item: _boom())
        running.post("kb", "space")
        running.frames(5)
        assert running.app.guard.errors >= 1
        assert controller.status_line()[0].key == OOPS  # the newest notice comes first
        assert controller.store.draft(controller.learner.id, "junior_01") == ["move_forward"]
        monkeypatch.undo()
        controller.command(Command("add:move_forward"))  # the game goes on
        assert len(controller.session.editor.blocks()) == 2
    finally:
        running.close()

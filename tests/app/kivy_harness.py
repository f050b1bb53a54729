"""Runs the real app in a real window (Xvfb in CI) frame by frame, and acts on it the way a
child does: switch presses through the hub, touches on widgets, words at the speech
adapter's output. Time is real: the app runs on Kivy's clock."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from kivy.app import App
from kivy.base import EventLoop
from kivy.tests.common import UnitTestTouch

from accessibility.profiles import AccessProfile, edited, preset, profile_to_dict
from accessibility.scanner import ScanMode
from accessibility.scanner import BACK_ID
from accessibility.simulated_user import goal_path
from adapters.events import InputEvent
from app.kivy_app import CitizenCodeApp
from app.options import Options
from app.services import DATABASE_NAME
from app.storage.store import ProgressStore

FAST = {"scan_interval": 0.5, "first_item_delay": 0.2, "post_acceptance": 0.15,
        "acceptance": 0.05, "auditory_scanning": False, "wait_for_cue": False}


def prepare_learner(data_dir: Path, profile: AccessProfile, name: str = "Sam") -> None:
    """Before the app starts: a learner the teacher set up, who played last on this tablet."""
    store = ProgressStore(data_dir / DATABASE_NAME)
    learner = store.add_learner(name, "fox", "en", profile_to_dict(profile))
    store.set_setting("last_learner", str(learner.id))
    store.close()


class RunningApp:
    def __init__(self, data_dir: Path, options: Options | None = None) -> None:
        EventLoop.ensure_window()
        self.app = CitizenCodeApp(options or Options(data_dir=data_dir, speech=False,
                                                     voice_input=False))
        self.app._run_prepare()
        self.frames(5)

    @property
    def controller(self):
        return self.app.controller

    def close(self) -> None:
        self.app.dispatch("on_stop")
        window = EventLoop.window
        for child in list(window.children):
            window.remove_widget(child)
        App._running_app = None

    # -- time -----------------------------------------------------------------------------

    def frames(self, count: int = 1) -> None:
        for _ in range(count):
            EventLoop.idle()

    def wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            EventLoop.idle()

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return True
            EventLoop.idle()
        return condition()

    # -- the learner ----------------------------------------------------------------------

    def use_profile(self, profile: AccessProfile) -> None:
        """The teacher set this learner up with ``profile`` (stored like the settings do)."""
        store = self.controller.store
        learner = store.learners()[0]
        store.update_learner(replace(learner, profile=profile_to_dict(profile)))

    def settle(self) -> None:
        """Let a screen change finish (touches during a transition are ignored)."""
        manager = self.app.root_view.ids.screens
        self.wait_for(lambda: not manager.transition.is_active, 5.0)
        self.frames(2)

    def touch(self, target_id: str) -> None:
        self.settle()
        widget = self.app.highlighter.widgets[target_id]
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.wait(0.05)
        touch.touch_up()
        self.wait(0.3)  # a ScrollView hands a tap to its child after its scroll timeout

    def post(self, source: str, control: str, hold: float = 0.12) -> None:
        hub = self.app.services.hub
        hub.post(InputEvent(source, control, True, time.monotonic()))
        self.wait(hold)
        hub.post(InputEvent(source, control, False, time.monotonic()))
        self.frames(1)


def fast(name: str) -> AccessProfile:
    return edited(preset(name), **FAST)


class LiveSwitchUser:
    """Watches the real scanner's highlight and presses keyboard switches at the right time,
    as a child watching the screen does (it never calls the scanner or the editor)."""

    def __init__(self, running: RunningApp) -> None:
        self.running = running
        self.activated: list[str] = []
        self.presses = 0
        self._watched = None
        self._seen_at = time.monotonic()
        self._changes = 0

    @property
    def scanner(self):
        scanner = self.running.controller.access.scanner
        assert scanner is not None, "this profile does not scan"
        if scanner is not self._watched:
            scanner.on_select(lambda node: self.activated.append(node.id))
            scanner.on_highlight(self._seen)
            self._watched = scanner
        return scanner

    def _seen(self, _node: object) -> None:
        self._seen_at = time.monotonic()
        self._changes += 1

    def _wait_for_move(self) -> None:
        seen = self._changes
        self.running.wait_for(lambda: self._changes != seen, 5.0)

    def wanted(self, goal: str) -> str:
        items = [n.id for n in self.scanner.items()]
        if goal in items:
            return goal
        for step in goal_path(self.scanner.group, goal) or []:
            if step in items:
                return step
        return BACK_ID

    def _key(self, action: str) -> str | None:
        bindings = self.running.controller.profile.bindings
        return next((c.split(":", 1)[1] for c, a in bindings.items()
                     if a == action and c.startswith("kb:")), None)

    def _press(self, action: str) -> None:
        key = self._key(action)
        assert key is not None, f"no key does {action}"
        self.presses += 1
        self.running.post("kb", key)
        self.running.wait(self.running.controller.profile.post_acceptance + 0.05)

    def choose(self, goal: str, timeout: float = 90.0) -> None:
        scanner = self.scanner
        start = len(self.activated)
        end = time.monotonic() + timeout
        while goal not in self.activated[start:]:
            assert time.monotonic() < end, f"could not reach {goal}"
            if self.running.controller.model.find(goal) is None:
                raise AssertionError(f"{goal} is not on the screen")
            scanner = self.scanner
            node = scanner.highlighted
            if node is None:  # not started, or paused: a press wakes it
                self._press("next" if scanner.settings.mode is ScanMode.STEP else "select")
            elif node.id == self.wanted(goal):
                settings = scanner.settings
                first = bool(scanner.items()) and scanner.items()[0] is node
                left = (self._seen_at + settings.interval - time.monotonic()
                        + (settings.first_item_delay if first else 0.0))
                if settings.mode is ScanMode.AUTO and left < 0.3:
                    self._wait_for_move()
                    continue
                self._press("select")
            elif scanner.settings.mode is ScanMode.STEP:
                self._press("next")
            else:
                self._wait_for_move()

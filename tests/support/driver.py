"""Drives the real app in a real window frame by frame, without ``App.run()``'s loop.

For the end-to-end tests, the screenshot script and the benchmarks: they act as a child
does (switch presses through the hub, taps on widgets, words at the speech adapter's
output) and read what the screen shows. Time is real; the app runs on Kivy's clock.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from kivy.app import App
from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from accessibility.profiles import AccessProfile, profile_to_dict
from adapters.events import InputEvent
from app.kivy_app import CitizenCodeApp
from app.kivy_config import scale_for_screen
from app.options import Options
from app.services import DATABASE_NAME
from app.storage.store import ProgressStore


def prepare_learner(data_dir: Path, profile: AccessProfile, name: str = "Sam") -> None:
    """Before the app starts: a learner the teacher set up, who played last on this tablet."""
    store = ProgressStore(data_dir / DATABASE_NAME)
    learner = store.add_learner(name, "fox", "en", profile_to_dict(profile))
    store.set_setting("last_learner", str(learner.id))
    store.close()


def use_screen(width: int, height: int) -> None:
    """The next app opens in a ``width`` x ``height`` window, at the density the app takes
    there (``density_for``: a 4K screen is drawn twice as big)."""
    EventLoop.ensure_window()
    scale_for_screen(width, height)
    Window.size = (width, height)
    for _ in range(3):
        EventLoop.idle()


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

    def post(self, source: str, control: str, hold: float = 0.12,
             at: float | None = None) -> None:
        """A press of ``hold`` seconds; ``at``: when the switch went down, if earlier than
        now (a busy machine hands the app a press late, stamped with its own time)."""
        hub = self.app.services.hub
        down = time.monotonic() if at is None else at
        hub.post(InputEvent(source, control, True, down))
        self.wait(hold)
        hub.post(InputEvent(source, control, False,
                            time.monotonic() if at is None else at + hold))
        self.frames(1)

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows now as a PNG (exactly ``path``)."""
        self.settle()
        self.frames(3)
        Window.screenshot(str(path))
        saved = Path(str(path).replace(".png", "0001.png"))
        if saved.exists():
            saved.replace(path)
        return path


def scripted_microphone(running: RunningApp, locale: str):
    """Put a push-to-talk speech adapter on a scripted microphone in place of the app's own
    (there is no microphone here) and wait until it listens; returns the microphone, whose
    ``say(audio)`` is what the learner says."""
    from adapters.events import StatusKind
    from adapters.speech.adapter import SpeechAdapter
    from tests.adapters.speech_sources import TalkSource

    controller, hub = running.controller, running.app.services.hub
    source = TalkSource()
    hub.remove(controller.voice.name)
    controller.devices.voice = SpeechAdapter(locale, mode="push_to_talk", source=source,
                                             own_voice=controller.devices.own_voice,
                                             voice_dir=controller.voice_dir())
    hub.add(controller.voice)
    assert running.wait_for(lambda: controller.voice.status.kind is StatusKind.CONNECTED)
    return source


def status_after_choosing_voice(tmp_path: Path, locale: str = "en") -> str:
    """A teacher saves the Voice way of playing for Zoë (no microphone here, so it reports
    an error); the teacher's status list as it then reads."""
    from accessibility.profiles import preset
    from adapters.events import StatusKind

    prepare_learner(tmp_path, preset("touch"), name="Zoë")
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True,
                                           locale=locale))
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)
        controller.open_settings()
        running.frames(3)
        controller.activate("preset:voice")
        controller.activate("settings:save")  # then the microphone starts, and reports
        assert running.wait_for(lambda: controller.voice.status.kind is StatusKind.ERROR)
        running.frames(3)
        return "\n".join(running.app.status_bar.lines())
    finally:
        running.close()

"""Push-to-talk for a voice learner, in the real app: a held talk switch opens the
microphone and is not a scan or block press; turning it off listens continuously again."""
from __future__ import annotations

import time
from pathlib import Path

from accessibility.profiles import edited, preset
from adapters.events import InputEvent
from app.controller import SETTINGS
from tests.support.driver import RunningApp, prepare_learner
from app.options import Options


def test_a_held_talk_switch_opens_the_microphone_and_does_nothing_else(tmp_path: Path) -> None:
    prepare_learner(tmp_path, edited(preset("voice"), push_to_talk=True,
                                     auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True))
    try:
        controller = running.controller
        voice = controller.voice
        assert voice is not None and voice.mode == "push_to_talk"
        hub = running.app.services.hub
        screen = controller.screen

        def switch(control: str, pressed: bool) -> None:
            hub.post(InputEvent("kb", control, pressed, time.monotonic()))
            running.frames(3)

        switch("space", True)
        assert voice.talking
        switch("return", True)  # a second talk switch, then the first let go: still open
        switch("space", False)
        assert voice.talking
        switch("return", False)
        assert not voice.talking
        assert controller.screen == screen  # not a press on the learners' screen

        controller.open_settings()  # the educator's switch test names the talk switch
        switch("space", True)
        tested = running.app.screens[SETTINGS].ids.switch_test.text
        assert tested.splitlines() == ["Keyboard: space pressed",
                                       "Keyboard: space is the talk switch: hold it down and "
                                       "speak.", "In a profile file: kb:space"]
        assert voice.talking
        switch("space", False)

        controller.apply_profile(edited(controller.profile, push_to_talk=False))
        assert controller.voice is not voice and controller.voice.mode == "continuous"
        switch("space", True)
        assert not controller.voice.talking  # continuous: the space bar is not a talk switch
        assert "is not used" in running.app.screens[SETTINGS].ids.switch_test.text
        switch("space", False)
    finally:
        running.close()


def test_the_app_stops_talking_for_the_child_and_its_own_voice_is_not_a_command(
        tmp_path: Path) -> None:
    prepare_learner(tmp_path, edited(preset("voice"), push_to_talk=True,
                                     auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True))
    try:
        controller = running.controller
        assert controller.voice.own_voice is controller.devices.own_voice  # kept across restarts
        spoken: list[tuple[str, int]] = []

        class Spy:
            def started(self, utterance_id: int, t: float) -> None:
                spoken.append(("started", utterance_id))

            def finished(self, utterance_id: int, t: float) -> None:
                spoken.append(("finished", utterance_id))

        controller.devices.own_voice = Spy()
        said = controller.narrator.say("app.learner.who")
        assert running.wait_for(lambda: ("finished", said) in spoken, 5.0)
        assert spoken.index(("started", said)) < spoken.index(("finished", said))

        silenced: list[bool] = []
        controller.narrator.silence = lambda: silenced.append(True)
        hub = running.app.services.hub
        hub.post(InputEvent("kb", "space", True, time.monotonic()))
        running.frames(3)
        assert silenced == [True]  # pressing the talk switch: the app stops talking
        hub.post(InputEvent("kb", "space", False, time.monotonic()))
        running.frames(3)
    finally:
        running.close()

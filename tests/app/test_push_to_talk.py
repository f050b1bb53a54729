"""Push-to-talk for a voice learner, in the real app: a held talk switch opens the
microphone and is not a scan or block press; turning it off listens continuously again."""
from __future__ import annotations

import time
from pathlib import Path

from accessibility.profiles import edited, preset
from adapters.events import InputEvent
from app.driver import RunningApp, prepare_learner
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

        controller.apply_profile(edited(controller.profile, push_to_talk=False))
        assert controller.voice is not voice and controller.voice.mode == "continuous"
        switch("space", True)
        assert not controller.voice.talking  # continuous: the space bar is not a talk switch
        switch("space", False)
    finally:
        running.close()

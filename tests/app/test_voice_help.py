"""A voice learner says "help me please": the commands that work on this screen are said and
shown (a level's own blocks, not all of them)."""
from __future__ import annotations

from pathlib import Path

from accessibility.profiles import edited, preset
from adapters.events import AdapterStatus, StatusKind
from app.controller import WORKSPACE
from tests.support.driver import RunningApp, prepare_learner
from app.options import Options


def test_help_names_the_commands_that_work_here(tmp_path: Path) -> None:
    prepare_learner(tmp_path, edited(preset("voice"), auditory_scanning=False))
    running = RunningApp(tmp_path)
    try:
        controller = running.controller
        captions: list[str] = []
        controller.narrator.on_caption(lambda caption: captions.append(caption.text))
        say = lambda word: running.post("speech", word)  # noqa: E731
        say("help")
        assert running.wait_for(lambda: any(t.startswith("You can say") for t in captions), 5)
        # the picker has no command of its own: moving around is all there is to say
        assert "You can say: the next one, previous one, choose this one, take me back." \
            in captions
        running.touch(f"learner:{controller.store.learners()[0].id}")  # the teacher starts
        say("run")  # on the map, "run" opens the first level: only moving forward and turning
        assert running.wait_for(lambda: controller.screen == WORKSPACE)
        captions.clear()
        say("help")
        assert running.wait_for(lambda: any(t.startswith("You can say") for t in captions), 5)
        in_level = next(t for t in captions if t.startswith("You can say"))
        assert "move forward" in in_level and "run my program" in in_level
        assert "paint block" not in in_level and "add a repeat" not in in_level
    finally:
        running.close()


def test_buttons_show_what_to_say_while_the_voice_is_heard(tmp_path: Path) -> None:
    """The phrases are not the buttons' names ("Start again" is "begin again"): a voice
    learner who reads sees the phrase under each button, but only while voice commands
    listen (this machine has no microphone: the adapter says so, and nothing is shown)."""
    prepare_learner(tmp_path, edited(preset("voice"), auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True))
    try:
        controller = running.controller
        running.touch(f"learner:{controller.store.learners()[0].id}")
        running.touch("level:junior_01")
        assert running.wait_for(lambda: controller.screen == WORKSPACE)
        assert running.wait_for(lambda: controller.voice is not None
                                and controller.voice.status.kind is StatusKind.ERROR, 10)
        running.frames(3)
        widgets = running.app.highlighter.widgets
        assert widgets["control:reset"].text == "Start again"  # no microphone: no phrase
        controller.handle(AdapterStatus(controller.voice.name, StatusKind.CONNECTED,
                                        "voice.status.listening"))  # as with a microphone
        running.frames(3)
        widgets = running.app.highlighter.widgets
        assert widgets["control:reset"].text == "Start again\n“begin again”"
        assert widgets["control:run"].text == "Run\n“run my program”"
        assert widgets["palette:move_forward"].text == "Move forward\n“move forward”"
        assert widgets["control:hint"].text == "Hint"  # no voice command for it
    finally:
        running.close()

"""A voice learner says "help me please": the commands that work on this screen are said and
shown (a level's own blocks, not all of them)."""
from __future__ import annotations

from pathlib import Path

from accessibility.profiles import edited, preset
from app.controller import WORKSPACE
from app.driver import RunningApp, prepare_learner


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
        assert "You can say: the next one, previous one, choose this one, take me back, " \
               "run my program." in captions
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

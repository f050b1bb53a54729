"""Level complete: the stars are pictures that fly in (still with reduced motion), and the
program is shown as Python only in the Python track."""
from __future__ import annotations

import pytest

from accessibility.profiles import edited, preset
from tests.support.driver import RunningApp, prepare_learner
from app.options import Options

pytestmark = [pytest.mark.app]


def solve(running: RunningApp, level: str, forward: int) -> None:
    controller = running.controller
    controller.choose_learner(controller.store.learners()[0].id)
    controller.open_level(level)
    for _ in range(forward):
        assert controller.activate("palette:move_forward")
    assert controller.activate("control:run")
    assert running.wait_for(lambda: controller.screen == "complete", 20.0)


@pytest.mark.parametrize("reduced", [False, True])
def test_a_junior_sees_stars_fly_in_and_no_python(tmp_path, reduced) -> None:
    prepare_learner(tmp_path, edited(preset("touch"), reduced_motion=reduced))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False))
    try:
        solve(running, "junior_01", 3)
        screen = running.app.screens["complete"]
        stars = screen.ids.stars
        assert stars.earned == 3
        assert stars.landed is reduced  # still at once, or still on their way
        assert running.wait_for(lambda: stars.landed, 5.0)
        assert screen.ids.python.text == "" and screen.ids.python_title.text == ""
        assert screen.ids.python_title.opacity == 0
    finally:
        running.close()


def test_the_python_track_shows_the_program_as_python(tmp_path) -> None:
    prepare_learner(tmp_path, edited(preset("touch"), reduced_motion=True))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False))
    try:
        solve(running, "python_01", 4)
        ids = running.app.screens["complete"].ids
        assert ids.python.text.count("move_forward()") == 4
        assert ids.python_title.text and ids.python_title.opacity == 1
    finally:
        running.close()

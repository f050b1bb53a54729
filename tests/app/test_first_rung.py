"""The first rung and a data activity played in the app without a window: a one-press level
runs as soon as its block is placed, a press-on-Run level has its block ready, and a data
question refuses a wrong answer with a spoken reason before it accepts the right one."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accessibility.profiles import edited, preset, profile_to_dict
from app.controller import COMPLETE, WORKSPACE
from tests.app.test_controller import make_app, pump


@pytest.fixture
def app(tmp_path: Path):
    controller, clock, server = make_app(tmp_path)
    yield controller, clock, server
    controller.services.close()


def _open(controller, level_id: str) -> None:
    controller.activate(controller.model.children[0].id)
    controller.activate(f"level:{level_id}")
    assert controller.screen == WORKSPACE and controller.session.level.id == level_id


def test_one_press_places_the_block_and_the_robot_moves_without_run(app) -> None:
    controller, clock, server = app
    _open(controller, "junior_first_01")
    assert controller.activate("palette:move_forward")  # no Run: cause and effect
    pump(controller, clock, 4.0)
    assert controller.screen == COMPLETE
    assert controller.store.progress(controller.learner.id)["junior_first_01"].stars == 3
    assert "You reached the goal!" in server.texts()


def test_a_press_on_run_level_opens_with_its_block_and_waits_for_run(app) -> None:
    controller, clock, _server = app
    _open(controller, "junior_first_03")
    assert [b.kind for b in controller.session.editor.blocks()] == ["move_forward"]
    pump(controller, clock, 2.0)
    assert controller.screen == WORKSPACE  # nothing runs before the press on Run
    assert controller.activate("control:run")
    pump(controller, clock, 4.0)
    assert controller.screen == COMPLETE


def test_a_wrong_answer_is_refused_aloud_and_the_right_one_accepted(app) -> None:
    controller, clock, server = app
    _open(controller, "junior_data_02")
    counting = "for i in range(4):\n    move_forward()\n    collect()\n"
    assert controller.session.type_python(counting + 'answer("yellow")\n') == []
    assert controller.activate("control:run")
    pump(controller, clock, 12.0)
    assert controller.screen == WORKSPACE
    texts = server.texts()
    assert "That is not the right colour. Count the stars of each colour again, then answer." \
        in texts
    assert "A red star! That makes 2 red." in texts and "You answered: yellow." in texts
    assert controller.session.type_python(counting + 'answer("red")\n') == []
    assert controller.activate("control:run")
    pump(controller, clock, 12.0)
    assert controller.screen == COMPLETE


@pytest.mark.parametrize("level_id", ["junior_first_01", "junior_first_02", "junior_first_03",
                                      "junior_first_04", "junior_first_05", "junior_first_06"])
def test_guided_mode_plays_every_first_rung_level(tmp_path: Path, level_id: str) -> None:
    """Guided mode (one right choice lit, the others fading) reaches the end of each level,
    whether the level runs on add or waits for Run."""
    controller, clock, _server = make_app(tmp_path)
    try:
        learner = controller.store.learners()[0]
        profile = edited(preset("touch"), guided_mode=True)
        controller.store.update_learner(replace(learner, profile=profile_to_dict(profile)))
        _open(controller, level_id)
        session = controller.session
        assert session.guided is not None
        step = session.guided.state.step
        assert controller.activate(f"guided:block:{step.block}")  # placed with its colour
        pump(controller, clock, 1.0)
        if controller.screen == WORKSPACE:
            assert controller.activate("control:run")
        pump(controller, clock, 4.0)
        assert controller.screen == COMPLETE
    finally:
        controller.services.close()

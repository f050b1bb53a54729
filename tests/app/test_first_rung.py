"""The first rung and a data activity played in the app without a window: a one-press level
runs as soon as its block is placed, a press-on-Run level has its block ready, and a data
question refuses a wrong answer with a spoken reason before it accepts the right one."""
from __future__ import annotations

from pathlib import Path

import pytest

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

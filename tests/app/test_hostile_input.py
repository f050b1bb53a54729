"""Issue 17 in the app without a window: typed Python, a stored profile and a stored draft
that crashed the game are refused with a message; the learner's work stays."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.profiles import preset, profile_to_dict
from app.controller import WORKSPACE
from tests.app.test_controller import make_app


@pytest.mark.parametrize("text", [
    "a" + "+a" * 3000,
    "if path_ahead():\n    move_forward()\n" + "elif path_left():\n    turn_left()\n" * 200,
])
def test_typed_python_that_crashed_the_game_gives_a_message(tmp_path: Path, text: str) -> None:
    controller, _clock, _server = make_app(tmp_path)
    try:
        controller.activate(controller.model.children[0].id)
        controller.open_level("python_10")  # if, elif, else are allowed here
        assert controller.screen == WORKSPACE
        session = controller.session
        session.type_python("move_forward()\n")
        problems = session.type_python(text)
        assert problems and problems[0].key.startswith("python.error.")
        assert [b.kind for b in session.editor.blocks()] == ["move_forward"]  # kept
    finally:
        controller.services.close()


def test_a_stored_profile_with_nan_starts_the_app_with_a_notice(tmp_path: Path) -> None:
    controller, _clock, _server = make_app(tmp_path)
    store = controller.store
    profile = {**profile_to_dict(preset("single_switch_autoscan")), "scan_loops": float("nan")}
    learner = store.add_learner("Ada", "cat", "en", profile)
    store.set_setting("last_learner", str(learner.id))
    controller.services.close()
    again, _clock, _server = make_app(tmp_path)
    try:
        assert again.profile.name == "touch"  # not the broken switch profile, no crash
    finally:
        again.services.close()


def test_a_stored_draft_nested_too_deep_is_not_loaded(tmp_path: Path) -> None:
    controller, _clock, _server = make_app(tmp_path)
    try:
        controller.activate(controller.model.children[0].id)
        draft: list[object] = ["move_forward"]
        for _ in range(200):
            draft = [{"block": "repeat", "params": {"count": 2}, "body": draft}]
        controller.store.save_draft(controller.learner.id, "junior_03", draft)
        controller.activate("level:junior_03")
        assert controller.screen == WORKSPACE
    finally:
        controller.services.close()

"""Pointer dwell in the real window: the pointer (Window.mouse_pos, as an eye tracker or a
head mouse moves it) rests on the widgets, a ring fills, and the target is chosen — no click."""
from __future__ import annotations

from pathlib import Path

import pytest
from kivy.core.window import Window

from accessibility.profiles import edited, preset
from accessibility.presenters.workspace_presenter import insertion_id
from app.controller import MAP, WORKSPACE
from levels.packs import load_packs
from tests.app.kivy_harness import RunningApp, prepare_learner

pytestmark = [pytest.mark.app]
LEVEL = load_packs().level("junior_01")  # a sequence level: blocks and insertion points


def rest_on(running: RunningApp, target_id: str, chosen, wobble: float = 4.0) -> None:
    """Move the pointer onto ``target_id``'s widget, tremble a little, wait until ``chosen``."""
    running.settle()
    widget = running.app.highlighter.widgets[target_id]
    x, y = widget.to_window(*widget.center)
    for dx, dy in ((-60, -40), (-30, -20), (wobble, 0), (0, wobble), (-wobble, 0)):
        Window.mouse_pos = (x + dx, y + dy)
        running.frames(1)
    assert running.wait_for(chosen, 20.0), target_id


def test_resting_the_pointer_chooses_cards_tiles_blocks_and_insertion_points(tmp_path: Path) -> None:
    prepare_learner(tmp_path, edited(preset("pointer_dwell"), pointer_dwell=0.5))
    running = RunningApp(tmp_path)
    try:
        controller = running.controller
        assert running.app.pointer.enabled
        rest_on(running, f"learner:{controller.store.learners()[0].id}",
                lambda: controller.screen == MAP)
        rest_on(running, f"level:{LEVEL.id}", lambda: controller.screen == WORKSPACE)
        editor = controller.session.editor
        ring = running.app.pointer.ring
        filled: list[float] = []
        ring.bind(progress=lambda _ring, value: filled.append(value))
        rest_on(running, "palette:move_forward", lambda: len(editor.blocks()) == 1)
        assert max(filled) > 0.3 and ring.opacity == 0  # it filled, and went away on choosing
        running.wait(0.8)  # a resting pointer does not choose twice
        assert len(editor.blocks()) == 1
        presenter = controller.session.presenter
        before = insertion_id((), 0)
        rest_on(running, before, lambda: presenter.cursor_id() == before)  # an insertion point
        rest_on(running, "palette:move_forward", lambda: len(editor.blocks()) == 2)
        assert presenter.cursor_id() == insertion_id((), 1)  # went in before the first
    finally:
        running.close()

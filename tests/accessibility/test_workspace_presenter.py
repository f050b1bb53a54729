"""The workspace presenter over the real level editor, and the simulated switch users.

Done-when of issue 4: a single-switch (auto-scan) and a two-switch (step) user build a
level's reference solution through SwitchFilter -> Scanner -> presenter -> editor, with
input events only, headless, on the fake clock.
"""
from __future__ import annotations

import pytest

from accessibility.actions import Command
from accessibility.clock import FakeClock
from accessibility.press_patterns import CLEAN, TREMOR
from accessibility.presenters.workspace_presenter import (MENU_ID, PALETTE_ID, PARAM_ID,
                                                          WorkspacePresenter, palette_id)
from accessibility.profiles import preset
from tests.support.simulated_user import ScanningUser, solve_level
from accessibility.switch_access import SwitchAccess
from accessibility.translator import Translator

editor_module = pytest.importorskip("levels.editor", reason="levels/editor.py not written yet")

SOLUTION = ["move_forward",
            {"block": "repeat", "params": {"count": 3}, "body": ["move_forward", "turn_left"]},
            "move_forward"]
PALETTE = ["move_forward", "turn_left", "turn_right", "repeat"]


def make_editor():
    """The real levels editor for a level that allows ``PALETTE``."""
    return editor_module.Editor(PALETTE)


def program_of(editor) -> list[object]:
    return editor_module.as_solution(editor)


def session(profile_name: str, style=CLEAN, seed: int = 0):
    editor = make_editor()
    clock = FakeClock()
    runs: list[int] = []
    presenter = WorkspacePresenter(editor, translator=Translator("en"),
                                   on_run=lambda: runs.append(1))
    profile = preset(profile_name)
    access = SwitchAccess(clock, profile, presenter.model(), on_command=presenter.execute)
    presenter.model_changed.connect(access.set_model)
    user = ScanningUser(clock, access.scanner, access.filter, profile, style=style, seed=seed)
    return editor, presenter, access, user, runs


@pytest.mark.parametrize("profile_name", ["single_switch_autoscan", "two_switch_step",
                                          "single_switch_dwell", "inverse_scan"])
@pytest.mark.parametrize("style", [CLEAN, TREMOR], ids=["clean", "tremor"])
def test_simulated_switch_users_build_the_reference_solution(profile_name, style) -> None:
    editor, presenter, access, user, runs = session(profile_name, style, seed=5)
    stats = solve_level(user, presenter, SOLUTION)
    assert program_of(editor) == SOLUTION
    assert runs == [1]
    assert stats.presses > 0 and stats.moves > 0 and stats.seconds > 0
    assert user.activated[-1] == "control:run"


def test_the_model_has_palette_program_controls_and_the_cursor_first() -> None:
    editor, presenter, access, user, runs = session("two_switch_step")
    root = presenter.model()
    assert [g.id for g in root.children] == ["palette", "control:run", "program", "controls"]
    assert [t.id for t in root.children[0].targets()] == [palette_id(k) for k in PALETTE]
    assert root.children[2].children[0].id == presenter.cursor_id()
    undo = root.find("control:undo")
    assert undo is not None and not undo.enabled


def test_block_menu_delete_and_change_parameter_and_undo() -> None:
    editor, presenter, access, user, runs = session("two_switch_step")
    presenter.execute(Command("add:move_forward"))
    presenter.execute(Command("add:repeat"))
    assert access.scanner.group.id == PARAM_ID
    user.choose("param:count:4")
    assert access.scanner.group.id == PALETTE_ID
    blocks = [t for t in presenter.model().targets() if t.id.startswith("block:")]
    user.choose(blocks[0].id)
    assert access.scanner.group.id == MENU_ID
    user.choose("menu:delete")
    assert program_of(editor)[0]["block"] == "repeat"
    assert presenter.execute(Command("undo"))
    assert program_of(editor)[0] == "move_forward"
    assert not presenter.execute(Command("fly"))


def test_the_program_offers_the_cursor_then_the_ways_out_innermost_first() -> None:
    from levels.program import from_solution
    editor = editor_module.Editor(PALETTE, program=from_solution(
        [{"block": "repeat", "params": {"count": 2},
          "body": [{"block": "repeat", "params": {"count": 3}, "body": ["turn_left"]}]}]))
    editor.set_cursor((0, 0), 1)
    presenter = WorkspacePresenter(editor, translator=Translator("en"))
    program = presenter.model().find_group("program")
    assert [t.id for t in program.children[:3]] == ["ins:0.0:1", "ins:0:1", "ins::1"]
    palette = presenter.model().find_group(PALETTE_ID)
    assert [t.id for t in palette.children][1] == "palette:exit"  # the body holds a block
    assert presenter.shortcut_to("ins:0:1") == "palette:exit"
    editor.set_cursor((), 1)
    assert [t.id for t in presenter.model().find_group("program").children[:2]] == \
        ["ins::1", "ins::0"]


def test_targets_carry_what_they_stand_for_as_typed_payloads() -> None:
    """The views read a place's depth, a block's kind and uid from the payload; the ids
    are only compared (the highlight follows them), never parsed."""
    from accessibility.presenters.learner_picker_presenter import (LearnerCard,
                                                                   LearnerPickerPresenter)
    from accessibility.scan_model import BlockRef, InsertionPoint, LearnerRef, PaletteBlock
    from levels.program import from_solution
    editor = editor_module.Editor(PALETTE, program=from_solution(
        [{"block": "repeat", "params": {"count": 2}, "body": ["turn_left"]}]))
    presenter = WorkspacePresenter(editor, translator=Translator("en"))
    model = presenter.model()
    palette = model.find_group(PALETTE_ID)
    assert [t.payload for t in palette.children if t.payload is not None] == [
        PaletteBlock(kind) for kind in PALETTE]
    program = model.find_group("program")
    places = {t.id: t.payload for t in program.children}
    assert places["ins:0:1"] == InsertionPoint((0,), 1)
    blocks = [p for p in places.values() if isinstance(p, BlockRef)]
    assert [(b.kind, b.path) for b in blocks] == [("repeat", (0,)), ("turn_left", (0, 0))]
    assert all(t.id == f"block:{t.payload.uid}" for t in program.children
               if isinstance(t.payload, BlockRef))
    picker = LearnerPickerPresenter([LearnerCard(7, "Sam", "owl")], on_choose=lambda _id: None)
    assert picker.model().children[0].payload == LearnerRef(7, "owl")

"""The solver's next step in the scan model: off leaves today's order, order/first guide
every group, simulated learners finish every level with every setting, and a learner who
makes one wrong choice in five still finishes (the suggestion recovers)."""
from __future__ import annotations

import random

import pytest

from accessibility.actions import Command
from accessibility.next_step import MODES, SUGGEST_ID, NextStep
from accessibility.prediction import palette_order_for
from accessibility.presenters.workspace_presenter import RUN_ID, WorkspacePresenter
from accessibility.press_patterns import CLEAN, TREMOR
from accessibility.translator import Translator
from benchmarks.scan_cost import AUTO, STEP, solve
from levels.editor import Editor
from levels.interpreter import run_program
from levels.packs import load_packs
from levels.program import from_solution
from levels.solver import build_steps

EVERYTHING = load_packs().levels()
LEVELS = [level for level in EVERYTHING if not level.start]
EN = Translator("en")


def workspace(level, mode: str, program: list[object] | None = None):  # type: ignore[no-untyped-def]
    editor = Editor(level.palette, max_blocks=level.max_blocks,
                    program=from_solution(program or []))
    guide = NextStep(level, editor, palette_order_for(EVERYTHING, level), mode=mode,
                     translate=EN.t)
    runs: list[bool] = []
    presenter = WorkspacePresenter(
        editor, translator=EN, **guide.hooks(),
        on_run=lambda: runs.append(run_program(level.world, editor.blocks(),
                                               max_steps=level.max_steps)[1].solved))
    return editor, guide, presenter, runs


def ids(presenter: WorkspacePresenter) -> list[str]:
    return [node.id for node in presenter.model().children]


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.id)
def test_off_leaves_todays_order(level) -> None:  # type: ignore[no-untyped-def]
    """Every step of the reference build: same palette, same groups as without hooks."""
    _editor, _guide, presenter, _runs = workspace(level, "off")
    today = WorkspacePresenter(Editor(level.palette, max_blocks=level.max_blocks),
                               translator=EN,
                               palette_order=palette_order_for(EVERYTHING, level))
    for step in [None, *build_steps(level.solution)]:
        if step is not None:
            for port in (presenter.port, today.port):
                port.set_cursor(step.parent, step.position)
                port.insert(step.kind, step.param_map)
        assert presenter.palette_kinds() == today.palette_kinds()
        assert ids(presenter) == ids(today)


def test_order_puts_the_solvers_block_first_and_run_once_solved() -> None:
    level = next(level for level in LEVELS if level.id == "junior_02")
    _editor, guide, presenter, _runs = workspace(level, "order")
    wanted = build_steps(level.solution)
    assert presenter.palette_kinds()[0] == wanted[0].kind
    for step in wanted:
        presenter.place(step.parent, step.position, step.kind, step.param_map)
    assert ids(presenter)[0] == RUN_ID
    assert guide.suggestion() is not None and guide.suggestion().run  # type: ignore[union-attr]


def test_first_offers_one_choice_that_places_block_and_parameter() -> None:
    level = next(level for level in LEVELS if level.id == "teens_01")  # repeat with a count
    editor, _guide, presenter, _runs = workspace(level, "first")
    target = presenter.model().children[0]
    assert target.id == SUGGEST_ID
    assert EN.t(target.label_key, **target.params).startswith("Suggested: ")  # type: ignore[union-attr]
    target.activate()  # type: ignore[union-attr]
    placed = editor.blocks()[0]
    reference = level.solution[0]
    assert (placed.kind, placed.params) == (reference.kind, reference.params)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", [CLEAN, TREMOR], ids=["clean", "tremor"])
def test_simulated_switch_users_finish_every_level(mode: str, style) -> None:  # type: ignore[no-untyped-def]
    """Through the real scanner, filter and presenter; ``solve`` raises if a level fails."""
    for level in LEVELS:
        solve(level, STEP, EN, order=palette_order_for(EVERYTHING, level), style=style,
              suggest=mode)
    for level in LEVELS[::4]:  # auto-scan is slower: every fourth level
        solve(level, AUTO, EN, order=palette_order_for(EVERYTHING, level), style=style,
              suggest=mode)


def follow_with_mistakes(level, seed: int, wrong: float = 0.2) -> bool:  # type: ignore[no-untyped-def]
    """A learner who takes the suggestion, except one choice in five: another block."""
    editor, guide, presenter, runs = workspace(level, "order")
    rng = random.Random(seed)
    for _ in range(120):
        found = guide.suggestion()
        assert found is not None, f"{level.id}: no suggestion for {editor.blocks()}"
        if found.run:
            presenter.execute(Command("run"))
            if runs[-1]:
                return True
        elif found.undo:
            assert presenter.execute(Command("undo"))
        else:
            step = found.step
            assert step is not None
            kind, params = step.kind, step.param_map
            if rng.random() < wrong:
                others = [k for k in level.palette if k != kind
                          and all(presenter.port.param_choices(k).values())]
                if others:
                    kind = rng.choice(others)
                    params = {name: values[0] for name, values
                              in presenter.port.param_choices(kind).items()}
            presenter.place(step.parent, step.position, kind, params)
    return False


def test_one_wrong_choice_in_five_still_finishes_every_level() -> None:
    finished = [follow_with_mistakes(level, seed) for level in LEVELS for seed in range(3)]
    assert sum(finished) == len(finished)

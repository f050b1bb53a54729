"""The likely-next palette order: counts from other levels, recency in the program, and the
presenter's ``palette_order`` hook, over the real level editor."""
from __future__ import annotations

from dataclasses import dataclass

from accessibility.prediction import (EMPTY, START, BlockStats, block_stats, cursor_context,
                                      likely_order, palette_order_for, scores,
                                      transitions)
from accessibility.presenters.editor_port import EditorPort
from accessibility.presenters.workspace_presenter import PALETTE_ID, WorkspacePresenter
from accessibility.translator import Translator
from levels.editor import Editor
from levels.packs import load_packs
from levels.program import Block, from_solution

PALETTE = ["move_forward", "turn_left", "turn_right", "repeat"]


@dataclass
class FakeLevel:
    id: str
    track: str
    solution: list[Block]


def port(palette: list[str], program: list[object] | None = None,
         cursor: tuple[tuple[int, ...], int] | None = None) -> EditorPort:
    editor = Editor(palette, program=from_solution(program or []))
    if cursor is not None:
        editor.set_cursor(*cursor)
    return EditorPort(editor)


def test_transitions_name_the_place_of_every_block() -> None:
    program = from_solution(["move_forward",
                             {"block": "repeat", "params": {"count": 3},
                              "body": ["move_forward", "turn_left"]},
                             "move_forward"])
    assert transitions(program) == [(START, "move_forward"), ("move_forward", "repeat"),
                                    (START + "repeat", "move_forward"),
                                    ("move_forward", "turn_left"), ("repeat", "move_forward")]


def test_the_cursor_context_is_the_block_before_it_or_the_start_of_its_container() -> None:
    program = [{"block": "repeat", "params": {"count": 3}, "body": ["turn_left"]}]
    assert cursor_context(port(PALETTE)) == START
    assert cursor_context(port(PALETTE, program, ((0,), 0))) == START + "repeat"
    assert cursor_context(port(PALETTE, program, ((0,), 1))) == "turn_left"
    assert cursor_context(port(PALETTE, program, ((), 1))) == "repeat"


def test_what_other_levels_put_here_comes_first() -> None:
    stats = BlockStats.count([from_solution(["turn_right", "move_forward"]),
                              from_solution(["turn_right", "move_forward", "turn_left"])])
    here = port(PALETTE, ["turn_right"])  # cursor after turn_right
    order = likely_order(list(PALETTE), here, stats)
    assert sorted(order) == sorted(PALETTE)
    assert order[0] == "move_forward"
    first = likely_order(list(PALETTE), port(PALETTE), stats)  # an empty program
    assert first[0] == "turn_right"


def test_an_else_is_offered_right_after_an_if() -> None:
    palette = ["move_forward", "turn_left", "if_path", "else"]
    levels = [FakeLevel(f"l{i}", "teens", from_solution(
        [{"block": "if_path", "params": {"direction": "ahead"}, "body": ["move_forward"]},
         {"block": "else", "body": ["turn_left"]}])) for i in range(2)]
    program = [{"block": "if_path", "params": {"direction": "ahead"}, "body": ["move_forward"]}]
    here = port(palette, program, ((), 1))
    assert likely_order(list(palette), here, block_stats(levels, track="teens"))[0] == "else"


def test_without_counts_the_program_itself_informs_the_order() -> None:
    here = port(PALETTE, ["turn_right", "move_forward", "turn_right", "move_forward"])
    order = likely_order(list(PALETTE), here, EMPTY)
    assert order[:2] == ["turn_right", "move_forward"]  # move_forward -> turn_right, twice
    assert order[2:] == ["turn_left", "repeat"]  # never used: the level's own order


def test_nothing_known_keeps_the_level_order() -> None:
    assert likely_order(list(PALETTE), port(PALETTE), EMPTY) == PALETTE
    assert set(scores(PALETTE, port(PALETTE), EMPTY).values()) == {0.0}


def test_a_block_that_cannot_go_at_the_cursor_goes_last() -> None:
    palette = ["else", "move_forward", "if_path"]
    stats = BlockStats({START: {"else": 5}}, {"else": 5})  # counts that favour else
    order = likely_order(list(palette), port(palette), stats)
    assert order[-1] == "else"  # no if before the cursor: else cannot go there


def test_the_level_being_played_is_left_out() -> None:
    own = FakeLevel("mine", "junior", from_solution(["turn_left", "turn_left"]))
    other = FakeLevel("other", "junior", from_solution(["move_forward", "move_forward"]))
    elsewhere = FakeLevel("far", "teens", from_solution(["turn_right", "turn_right"]))
    stats = block_stats([own, other, elsewhere], track="junior", exclude="mine")
    assert stats.unigrams == {"move_forward": 2}
    order = palette_order_for([own, other, elsewhere], own)(list(PALETTE), port(PALETTE))
    assert order[0] == "move_forward"


def test_the_hook_orders_the_presenters_palette() -> None:
    packs = load_packs()
    level = packs.level("junior_06")
    assert level is not None
    editor = Editor(level.palette, max_blocks=level.max_blocks)
    hook = palette_order_for(packs.levels(), level)
    presenter = WorkspacePresenter(editor, translator=Translator("en"), palette_order=hook)
    palette = next(g for g in presenter.model().children if g.id == PALETTE_ID)
    expected = hook(list(level.palette), presenter.port)
    assert [t.id for t in palette.children] == [f"palette:{k}" for k in expected]
    assert sorted(expected) == sorted(level.palette)


def test_a_new_repeat_offers_the_open_corridor_ahead_first() -> None:
    from accessibility.prediction import value_order_for
    from levels.editor import Editor
    from levels.packs import load_packs

    level = load_packs().level("junior_09")  # seven open squares to the flag
    editor = Editor(level.palette, max_blocks=level.max_blocks)
    order = value_order_for(level, editor)
    values = tuple(range(2, 11))
    assert order("repeat", "count", values)[0] == 7
    assert sorted(order("repeat", "count", values)) == list(values)
    editor.insert("move_forward")  # one step taken: six squares left
    assert order("repeat", "count", values)[0] == 6
    assert order("paint", "colour", ("red", "blue")) == ("red", "blue")

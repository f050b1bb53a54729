"""Structured editing: insertion points, the cursor, every operation, undo and redo."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levels.editor import EditError, Editor, as_solution
from levels.program import Block, count_blocks, problems, to_solution
from tests.levels.programs import ALL_BLOCKS, apply, edit, random_editor

MOTION = ["move_forward", "turn_left", "turn_right"]


def test_insert_moves_the_cursor_inside_a_container_then_after_it() -> None:
    editor = Editor(MOTION + ["repeat"])
    editor.insert("move_forward")
    assert editor.cursor == ((), 1)
    editor.insert("repeat", {"count": 3})
    assert editor.cursor == ((1,), 0)
    editor.insert("turn_left")
    assert as_solution(editor) == ["move_forward",
                                   {"block": "repeat", "params": {"count": 3},
                                    "body": ["turn_left"]}]


def test_blocks_outside_the_level_are_refused_with_a_message_key() -> None:
    editor = Editor(["move_forward"])
    with pytest.raises(EditError) as refused:
        editor.insert("turn_left")
    assert refused.value.key == "editor.error.not_allowed"
    assert refused.value.params == {"block": "turn_left"}
    assert editor.blocks() == []


def test_max_blocks_is_enforced_and_the_program_is_kept() -> None:
    editor = Editor(MOTION, max_blocks=2)
    editor.insert("move_forward")
    editor.insert("turn_left")
    with pytest.raises(EditError) as refused:
        editor.insert("move_forward")
    assert refused.value.key == "editor.error.max_blocks"
    assert refused.value.params == {"count": 2}
    assert as_solution(editor) == ["move_forward", "turn_left"]


def test_parameters_are_closed_choices() -> None:
    editor = Editor(["repeat", "paint"])
    assert editor.param_choices("repeat") == {"count": tuple(range(2, 11))}
    with pytest.raises(EditError):
        editor.insert("repeat", {"count": 11})
    with pytest.raises(EditError):
        editor.insert("paint", {"colour": "sparkly"})
    editor.insert("paint", {"colour": "red"})
    with pytest.raises(EditError):
        editor.set_param((0,), "colour", "'; import os")
    editor.set_param((0,), "colour", "blue")
    assert as_solution(editor) == [{"block": "paint", "params": {"colour": "blue"}}]


def test_else_only_right_after_an_if_and_it_follows_its_if() -> None:
    editor = Editor(MOTION + ["if_path", "else"])
    assert editor.insertion_points("else") == []
    editor.insert("move_forward")
    editor.insert("if_path", {"direction": "left"})
    assert editor.insertion_points("else") == [((), 2)]
    editor.set_cursor((), 2)
    editor.insert("else")
    # nothing may come between an if and its else
    assert ((), 2) not in editor.insertion_points("move_forward")
    editor.move((1,), (), 0)  # the if moves with its else
    assert [b.kind for b in editor.blocks()] == ["if_path", "else", "move_forward"]
    editor.delete((0,))  # and goes with it
    assert [b.kind for b in editor.blocks()] == ["move_forward"]


def test_functions_top_level_only_and_calls_need_a_definition() -> None:
    editor = Editor(MOTION + ["define", "call", "repeat"])
    assert editor.check_insert("call").key == "editor.error.no_function"
    editor.insert("repeat", {"count": 2})
    assert editor.check_insert("define").key == "editor.error.top_level_only"
    editor.set_cursor((), 0)
    editor.insert("define", {"name": "jump"})
    editor.insert("move_forward")
    editor.set_cursor((1,), 0)
    assert editor.param_choices("call") == {"name": ("jump",)}
    editor.insert("call", {"name": "jump"})
    with pytest.raises(EditError) as refused:
        editor.delete((0,))
    assert refused.value.key == "editor.error.function_in_use"
    editor.set_param((0,), "name", "dance")  # renaming renames the calls
    assert as_solution(editor)[1]["body"] == [{"block": "call", "params": {"name": "dance"}}]
    assert "dance" not in editor.param_choices("define")["name"]


def test_move_into_itself_is_refused() -> None:
    editor = Editor(MOTION + ["repeat"])
    editor.insert("repeat", {"count": 2})
    editor.insert("repeat", {"count": 3})
    with pytest.raises(EditError) as refused:
        editor.move((0,), (0, 0), 0)
    assert refused.value.key == "editor.error.move_into_itself"


def test_move_reads_positions_before_the_move() -> None:
    editor = Editor(MOTION + ["repeat"])
    for kind in ("move_forward", "turn_left", "turn_right"):
        editor.insert(kind)
    editor.move((0,), (), 3)  # to the end
    assert as_solution(editor) == ["turn_left", "turn_right", "move_forward"]
    editor.insert("repeat", {"count": 2})
    editor.move((0,), (3,), 0)  # into a container that comes later
    assert as_solution(editor) == ["turn_right", "move_forward",
                                   {"block": "repeat", "params": {"count": 2},
                                    "body": ["turn_left"]}]


def test_replace_keeps_the_body_of_a_container() -> None:
    editor = Editor(MOTION + ["repeat", "repeat_until_goal"])
    editor.insert("repeat", {"count": 4})
    editor.insert("move_forward")
    editor.replace((0,), "repeat_until_goal")
    assert as_solution(editor) == [{"block": "repeat_until_goal", "body": ["move_forward"]}]


def test_undo_and_redo_walk_the_history() -> None:
    editor = Editor(MOTION)
    assert not editor.can_undo
    editor.insert("move_forward")
    editor.insert("turn_left")
    editor.delete((0,))
    editor.undo()
    assert as_solution(editor) == ["move_forward", "turn_left"]
    editor.undo()
    editor.undo()
    assert as_solution(editor) == [] and not editor.can_undo
    with pytest.raises(EditError):
        editor.undo()
    editor.redo()
    assert as_solution(editor) == ["move_forward"]
    editor.insert("turn_right")
    assert not editor.can_redo


def test_loading_python_typed_blocks_checks_the_level() -> None:
    editor = Editor(MOTION, max_blocks=3)
    with pytest.raises(EditError):
        editor.load([Block.make("move_forward")] * 4)
    with pytest.raises(EditError):
        editor.load([Block.make("paint", {"colour": "red"})])
    editor.load([Block.make("move_forward"), Block.make("turn_left")])
    editor.undo()
    assert editor.blocks() == []


@settings(max_examples=300, deadline=None)
@given(st.lists(edit, max_size=40), st.integers(3, 30))
def test_random_edits_always_leave_a_legal_program(ops, max_blocks) -> None:
    editor = Editor(ALL_BLOCKS, max_blocks=max_blocks)
    for op in ops:
        before = to_solution(editor.blocks())
        if not apply(editor, op):
            assert to_solution(editor.blocks()) == before, f"a refused {op[0]} changed the program"
        assert problems(editor.blocks()) == []
        assert count_blocks(editor.blocks()) <= max_blocks
        assert editor.cursor in editor.all_insertion_points()


@settings(max_examples=100, deadline=None)
@given(st.lists(edit, min_size=1, max_size=30))
def test_undo_all_returns_to_the_empty_program(ops) -> None:
    editor = random_editor(ops)
    while editor.can_undo:
        editor.undo()
    assert editor.blocks() == []

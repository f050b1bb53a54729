"""The level maker's core: edit a grid by cursor, find a solution, save YAML that checks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from levels.interpreter import run_program
from levels.level import LevelError, load_level
from levels.maker import LevelMaker, load_made
from levels.python_parser import parse_python

ROOT = Path(__file__).resolve().parents[2]


def maze() -> LevelMaker:
    maker = LevelMaker(rows=6, columns=8)
    for cell in ((1, 3), (2, 3), (3, 5), (4, 5)):
        maker.put("wall", cell)
    maker.put("star", (3, 2))
    maker.put("paint:red", (1, 6))
    maker.cursor = (4, 1)
    maker.put("goal")  # the old goal becomes path: one goal only
    return maker


def test_the_cursor_moves_by_rows_and_columns_and_wraps() -> None:
    maker = LevelMaker(rows=4, columns=5)
    assert maker.move(rows=1) == (2, 1)
    assert maker.move(columns=-2) == (2, 4)
    assert maker.move(rows=3) == (1, 4)


def test_a_drawn_maze_is_solved_by_the_found_solution() -> None:
    maker = maze()
    assert maker.map_text().count("G") == 1 and maker.what_is((1, 6)) == "paint:red"
    level, problems = maker.check()
    assert problems == [] and level is not None
    _, outcome = run_program(level.world, list(level.solution))
    assert outcome.solved
    assert {"collect", "paint"} <= set(level.palette)  # the blocks the level needs


def test_an_unreachable_goal_is_said_not_saved(tmp_path: Path) -> None:
    maker = LevelMaker(rows=5, columns=6)
    for cell in ((1, 2), (2, 2), (3, 2)):
        maker.put("wall", cell)
    level, problems = maker.check()
    assert level is None and problems[0].key.startswith("levels.error.")
    with pytest.raises(LevelError):
        maker.save(tmp_path)
    assert not list(tmp_path.iterdir())


def test_saved_reloaded_checked_and_played_the_same_on_another_folder(tmp_path: Path) -> None:
    made = tmp_path / "tablet_a" / "made"
    path = maze().save(made, "made_maze")
    (level,), problems = load_made(made)
    assert problems == [] and level.id == "made_maze" and level.track == "made"
    assert level.title_key == "maker.made.title"
    checked = subprocess.run([sys.executable, "-m", "levels", "check", str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    other = tmp_path / "tablet_b" / "made"
    other.mkdir(parents=True)
    (other / path.name).write_bytes(path.read_bytes())  # shared as a file
    (shared,), _ = load_made(other)
    program = parse_python(level.solution_text)
    here = run_program(level.world, program)
    there = run_program(shared.world, parse_python(shared.solution_text))
    assert here[1].solved and here[1] == there[1]
    assert [e.cell for e in here[0]] == [e.cell for e in there[0]]
    assert load_level(other / path.name).world == level.world


def test_the_free_canvas_keeps_any_picture_painted_with_blocks() -> None:
    from levels.maker import free_canvas

    canvas = free_canvas()
    program = parse_python('for i in range(3):\n    paint("green")\n    move_forward()\n'
                           'turn_right()\nmove_forward()\npaint("red")\n')
    run = run_program(canvas.world, program)
    assert run[1].solved and canvas.title_key == "maker.canvas.title"
    _, bumped = run_program(canvas.world, parse_python("turn_left()\nmove_forward()\n"))
    assert not bumped.solved  # a wall is still a wall

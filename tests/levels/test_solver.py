"""The level's own solver: plans in build order, the bounded state-space search, folding."""
from __future__ import annotations

import pytest

from levels.packs import load_packs
from levels.program import from_solution, to_solution
from levels.solver import Puzzle, Solver, build_steps, extend, fold, solves
from levels.world import parse_world

LEVELS = [level for level in load_packs().levels() if not level.start]


def puzzle_of(level) -> Puzzle:  # type: ignore[no-untyped-def]
    return Puzzle(level.world, tuple(level.palette), level.max_blocks, level.max_steps)


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.id)
def test_the_first_step_of_every_level_is_the_reference_one(level) -> None:  # type: ignore[no-untyped-def]
    best = Solver(puzzle_of(level), [level.solution]).completions([])[0]
    assert best.steps[0] == build_steps(level.solution)[0]
    assert solves(puzzle_of(level), best.program)


def test_a_program_off_the_plan_is_completed_by_the_search() -> None:
    world = parse_world("#####\n#S..G\n#####", "east")
    puzzle = Puzzle(world, ("move_forward", "turn_left", "turn_right", "repeat"))
    plan = from_solution([{"block": "repeat", "params": {"count": 3}, "body": ["move_forward"]}])
    solver = Solver(puzzle, [plan])
    program = from_solution(["turn_left"])  # not what the plan starts with
    best = solver.completions(program)[0]
    assert best.source == "search"
    assert to_solution(best.program) == ["turn_left", "turn_right", {
        "block": "repeat", "params": {"count": 3}, "body": ["move_forward"]}]
    assert best.steps[0].kind == "turn_right" and best.steps[0].position == 1


def test_a_program_that_hits_a_wall_has_no_completion() -> None:
    world = parse_world("#####\n#S..G\n#####", "east")
    solver = Solver(Puzzle(world, ("move_forward", "turn_left")), [])
    assert solver.completions(from_solution(["turn_left", "move_forward"])) == []
    assert solver.exhausted == 0


def test_the_block_limit_rules_out_a_long_completion() -> None:
    world = parse_world("#####\n#S..G\n#####", "east")
    puzzle = Puzzle(world, ("move_forward", "turn_left", "turn_right"), max_blocks=4)
    assert Solver(puzzle, []).completions(from_solution(["turn_left"])) == []
    assert Solver(puzzle, []).completions([])[0].size == 3


def test_the_search_stops_at_its_budget_and_says_so() -> None:
    level = next(level for level in LEVELS if level.id == "junior_13")  # a picture to paint
    solver = Solver(puzzle_of(level), [], budget=10)
    assert solver.completions([]) == []
    assert solver.exhausted == 1


def test_extend_follows_build_order_only() -> None:
    plan = from_solution(["move_forward", {"block": "repeat", "params": {"count": 2},
                                           "body": ["turn_left"]}])
    assert extend(from_solution(["move_forward"]), plan, "plan") is not None
    assert extend(from_solution(["turn_left"]), plan, "plan") is None


def test_fold_puts_repeated_patterns_in_repeats() -> None:
    move, left = ("move_forward", ()), ("turn_left", ())
    assert to_solution(fold([move] * 3, True)) == [
        {"block": "repeat", "params": {"count": 3}, "body": ["move_forward"]}]
    assert to_solution(fold([move, left] * 3 + [move], True)) == [
        {"block": "repeat", "params": {"count": 3}, "body": ["move_forward", "turn_left"]},
        "move_forward"]
    assert to_solution(fold([move] * 3, False)) == ["move_forward"] * 3

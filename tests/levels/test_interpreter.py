"""The interpreter: events naming their block, every way a run ends, and it always ends."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from levels.interpreter import EventKind, Reason, Run, run_program, stars_for
from levels.python_parser import parse_python
from levels.world import parse_world
from tests.levels.programs import edit, random_editor

CORRIDOR = parse_world("######\n#S*.G#\n######", "east")
PICTURE = parse_world("#####\n#S..#\n#####", "east", ".....\n.rrr.\n.....")


def run(world, text, **kw):
    return run_program(world, parse_python(text), **kw)


def test_events_name_the_block_that_acted() -> None:
    blocks = parse_python("move_forward()\ncollect()\nturn_left()\n")
    events, _ = run_program(CORRIDOR, blocks)
    assert [e.kind for e in events] == [EventKind.MOVED, EventKind.COLLECTED_STAR,
                                        EventKind.TURNED_LEFT]
    assert [e.uid for e in events] == [b.uid for b in blocks]
    assert [e.path for e in events] == [(0,), (1,), (2,)]
    assert events[0].cell == (1, 2) and events[-1].heading.value == "north"


def test_solved_when_every_star_is_collected_and_the_goal_reached() -> None:
    events, outcome = run(CORRIDOR, "move_forward()\ncollect()\nmove_forward()\nmove_forward()")
    assert outcome.solved and outcome.reason is Reason.SOLVED
    assert events[-1].kind is EventKind.REACHED_GOAL
    assert outcome.as_dict() == {"solved": True, "outcome": "solved", "steps": 4, "stars": 3,
                                 "blocks": 4}


def test_reaching_the_goal_with_stars_left_is_not_enough() -> None:
    _, outcome = run(CORRIDOR, "for i in range(3):\n    move_forward()\n")
    assert not outcome.solved and outcome.reason is Reason.STARS_LEFT


def test_a_wall_ends_the_run_as_a_failed_attempt() -> None:
    events, outcome = run(CORRIDOR, "turn_left()\nmove_forward()\nmove_forward()")
    assert outcome.reason is Reason.WALL and outcome.stars == 0
    assert events[-1].kind is EventKind.BUMPED_WALL and events[-1].path == (1,)
    assert len(events) == 2  # nothing runs after the bump


def test_endless_loops_run_out_of_steps() -> None:
    events, outcome = run(CORRIDOR, "while not at_goal():\n    turn_left()\n", max_steps=50)
    assert outcome.reason is Reason.OUT_OF_STEPS and outcome.steps == 50
    assert events[-1].kind is EventKind.OUT_OF_STEPS
    _, outcome = run(CORRIDOR, "def spin():\n    spin()\nspin()\n")
    assert outcome.reason is Reason.OUT_OF_STEPS


def test_goal_not_reached_and_empty_program() -> None:
    assert run(CORRIDOR, "move_forward()\ncollect()")[1].reason is Reason.GOAL_NOT_REACHED
    assert run(CORRIDOR, "")[1].reason is Reason.EMPTY
    assert run(CORRIDOR, "def jump():\n    move_forward()\n")[1].reason is Reason.EMPTY


def test_pixel_art_must_match_the_picture() -> None:
    good = 'paint("red")\nmove_forward()\npaint("red")\nmove_forward()\npaint("red")\n'
    assert run(PICTURE, good)[1].solved
    wrong = good.replace('"red")\n', '"blue")\n', 1)
    assert run(PICTURE, wrong)[1].reason is Reason.PICTURE_WRONG
    extra = good + "turn_left()\nturn_left()\nmove_forward()\npaint(\"red\")\n"
    assert run(PICTURE, extra)[1].solved  # painting the same square again is fine


def test_if_else_and_functions() -> None:
    world = parse_world("#####\n#S..#\n###G#\n#####", "east")
    text = ("def stairs():\n    if path_ahead():\n        move_forward()\n    else:\n"
            "        turn_right()\nwhile not at_goal():\n    stairs()\n")
    events, outcome = run(world, text)
    assert outcome.solved
    kinds = [e.kind for e in events]
    assert EventKind.CALLED in kinds and EventKind.TURNED_RIGHT in kinds
    checked = [e for e in events if e.kind is EventKind.CHECKED and e.path == (0, 0)]
    assert [e.value for e in checked] == [True, True, False, True]


def test_stars_by_block_count() -> None:
    assert [stars_for(True, n, 5) for n in (4, 5, 6, 7, 8)] == [3, 3, 2, 2, 1]
    assert stars_for(False, 1, 5) == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(edit, max_size=40))
def test_every_program_terminates(ops) -> None:
    blocks = random_editor(ops).blocks()
    run_ = Run(CORRIDOR, blocks, max_steps=300)
    events = list(run_.events())
    assert run_.outcome is not None and run_.outcome.steps <= 300
    assert len(events) <= 300 + 2

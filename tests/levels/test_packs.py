"""The shipped level packs: enough levels, every reference solution solves its level, and
wrong programs fail for the right reason."""
from __future__ import annotations

import pytest

from accessibility.translator import Translator
from levels.interpreter import Reason, run_program
from levels.level import TRACKS
from levels.packs import load_packs
from levels.program import Block, count_blocks
from levels.python_parser import parse_python
from levels.python_view import to_python
from levels.validator import check, check_solution

PACKS = load_packs()
LEVELS = PACKS.levels()


def test_the_packs_load_without_problems_and_hold_enough_levels() -> None:
    assert PACKS.problems == []
    assert len(LEVELS) >= 67  # towards CitizenCode's 67 challenges
    assert all(len(PACKS.tracks[track]) >= 8 for track in TRACKS)
    assert len({level.id for level in LEVELS}) == len(LEVELS)


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.id)
def test_each_reference_solution_solves_its_level_within_its_limits(level) -> None:
    assert check_solution(level) is None
    blocks = list(level.solution)
    assert set(b.kind for b in _all(blocks)) <= set(level.palette)
    if level.max_blocks is not None:
        assert count_blocks(blocks) <= level.max_blocks
    _, outcome = run_program(level.world, blocks, max_steps=level.max_steps, par=level.par)
    assert outcome.stars == 3
    # the stored text is already in the canonical Python form shown to learners
    assert to_python(blocks).text == level.solution_text


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.id)
def test_the_solution_minus_its_last_block_does_not_solve(level) -> None:
    blocks = list(level.solution)
    if blocks[-1].kind == "repeat_until_goal" or len(blocks) == 1:
        blocks[-1] = Block.make("turn_left")  # an endless or empty attempt
    else:
        blocks = blocks[:-1]
    _, outcome = run_program(level.world, blocks, max_steps=level.max_steps)
    assert not outcome.solved


@pytest.mark.parametrize("level_id, program, reason", [
    ("junior_02", "for i in range(3):\n    move_forward()\n", Reason.WALL),
    ("teens_04", "while not at_goal():\n    turn_left()\n", Reason.OUT_OF_STEPS),
    ("junior_01", "move_forward()\nmove_forward()\n", Reason.GOAL_NOT_REACHED),
    ("junior_07", 'paint("blue")\nmove_forward()\npaint("red")\nmove_forward()\n'
                  'paint("red")\n', Reason.PICTURE_WRONG),
    ("junior_04", "for i in range(3):\n    move_forward()\n", Reason.STARS_LEFT),
])
def test_wrong_programs_fail_for_the_right_reason(level_id, program, reason) -> None:
    level = PACKS.level(level_id)
    assert level is not None
    _, outcome = run_program(level.world, parse_python(program), max_steps=level.max_steps)
    assert outcome.reason is reason and outcome.stars == 0


def test_levels_introduce_one_idea_at_a_time() -> None:
    """Each track starts with plain sequences (junior after its first rung); loops come
    before conditions and functions."""
    for track in TRACKS:
        concepts = [level.concept for level in PACKS.tracks[track]
                    if level.concept not in FIRST_RUNG]
        assert concepts[0] == "sequence" or track == "teens"
        first = {c: concepts.index(c) for c in set(concepts)}
        if "loops" in first and "conditions" in first:
            assert first["loops"] < first["conditions"]
        if "loops" in first and "functions" in first:
            assert first["loops"] < first["functions"]


FIRST_RUNG = ("cause_and_effect", "timing", "choice")


def test_junior_opens_with_the_switch_skills_rung_and_keeps_the_old_ids() -> None:
    """Cause and effect, then pressing at the right time, then a choice of two: each a
    one-block level, before any sequence; learners' progress (by id) still finds its levels."""
    junior = PACKS.tracks["junior"]
    rung = [level for level in junior if level.concept in FIRST_RUNG]
    assert len(rung) >= 5 and junior[:len(rung)] == rung
    assert [level.concept for level in rung] == sorted(
        (level.concept for level in rung), key=FIRST_RUNG.index)
    assert all(count_blocks(list(level.solution)) == 1 for level in rung)
    assert all(level.run_on_add for level in rung if level.concept != "timing")
    timing = [level for level in rung if level.concept == "timing"]
    assert timing and all(list(level.start) and not level.run_on_add for level in timing)
    assert len([level for level in rung if len(level.palette) == 2]) >= 2  # the choices
    assert all(PACKS.level(f"junior_{n:02d}") is not None for n in range(1, 14))


def test_every_level_has_its_texts_in_every_language() -> None:
    report = check(has_text=Translator("en").has_all)
    assert report.problems == []
    assert report.summary()["levels"] == len(LEVELS)


def test_next_level_follows_the_track_order() -> None:
    junior = PACKS.tracks["junior"]
    assert PACKS.next_level(junior[0].id) is junior[1]
    assert PACKS.next_level(junior[-1].id) is None


def _all(blocks):
    for block in blocks:
        yield block
        if block.body is not None:
            yield from _all(block.body)

"""Data activities: coloured stars counted as they are collected, a question about them
answered with the ``answer`` block, and the checker that wants every solution's last block."""
from __future__ import annotations

import pytest

from accessibility.translator import Translator
from levels.interpreter import EventKind, Reason, run_program
from levels.level import LevelError, level_from_mapping
from levels.packs import load_packs
from levels.python_parser import parse_python
from levels.python_view import to_python
from levels.validator import check_solution, without_last_block
from levels.world import parse_world

QUIZ = {"id": "quiz", "map": "#######\n#Srrb.#\n#######", "heading": "east",
        "blocks": ["move_forward", "collect", "answer"], "question": "most_collected_colour",
        "solution": "move_forward()\ncollect()\nmove_forward()\ncollect()\nmove_forward()\n"
                    "collect()\nanswer(\"red\")\n"}


def _run(level, text: str):
    return run_program(level.world, parse_python(text), max_steps=level.max_steps)


def test_coloured_stars_are_stars_with_a_colour_and_read_back() -> None:
    world = parse_world("#####\n#Sry*#\n#####", "east")
    assert world.stars == {(1, 2), (1, 3), (1, 4)}
    assert world.star_colours == {(1, 2): "red", (1, 3): "yellow"}
    assert world.rows_text()[1] == "#Sry*#"


def test_collecting_counts_each_colour() -> None:
    level = level_from_mapping(QUIZ, track="junior")
    events, outcome = _run(level, QUIZ["solution"])
    assert outcome.solved
    assert events[-1].kind is EventKind.ANSWERED and events[-1].value == "red"


@pytest.mark.parametrize("answer, reason", [("blue", Reason.WRONG_ANSWER),
                                            ("yellow", Reason.WRONG_ANSWER)])
def test_a_wrong_answer_is_refused_with_a_spoken_reason(answer: str, reason: Reason) -> None:
    level = level_from_mapping(QUIZ, track="junior")
    text = QUIZ["solution"].replace('"red"', f'"{answer}"')
    _, outcome = _run(level, text)
    assert not outcome.solved and outcome.reason is reason
    for locale in ("fr", "nl", "en", "de", "it", "es"):
        assert Translator(locale).has(f"levels.outcome.{reason.value}")


def test_no_answer_and_an_answer_before_counting_are_refused() -> None:
    level = level_from_mapping(QUIZ, track="junior")
    _, outcome = _run(level, QUIZ["solution"].replace('answer("red")\n', ""))
    assert outcome.reason is Reason.NO_ANSWER
    _, outcome = _run(level, 'answer("red")')
    assert outcome.reason is Reason.STARS_LEFT  # an answer is final: the stars are not all in


def test_the_fewest_question_wants_the_rarest_colour() -> None:
    level = level_from_mapping({**QUIZ, "question": "fewest_collected_colour",
                                "solution": QUIZ["solution"].replace('"red"', '"blue"')},
                               track="junior")
    assert check_solution(level) is None


def test_an_unknown_question_is_a_level_problem() -> None:
    with pytest.raises(LevelError) as error:
        level_from_mapping({**QUIZ, "question": "favourite_colour"}, track="junior")
    assert [p.key for p in error.value.problems] == ["levels.error.question"]


def test_answer_reads_and_parses_as_python() -> None:
    blocks = parse_python('answer("green")')
    assert to_python(blocks).text.strip() == 'answer("green")'


@pytest.mark.parametrize("level", [level for level in load_packs().levels()
                                   if level.world.question is not None],
                         ids=lambda level: level.id)
def test_each_data_question_refuses_every_other_colour(level) -> None:
    """Each shipped data question: the right colour accepted, every wrong one refused."""
    assert check_solution(level) is None
    right = str(level.solution[-1].params["colour"])
    for colour in ("red", "blue", "yellow", "green"):
        if colour != right:
            blocks = without_last_block(level.solution) + parse_python(f'answer("{colour}")')
            _, outcome = run_program(level.world, blocks, max_steps=level.max_steps)
            assert outcome.reason is Reason.WRONG_ANSWER


def test_the_checker_reports_a_solution_that_needs_no_last_block() -> None:
    padded = {key: value for key, value in QUIZ.items() if key != "question"}
    padded["solution"] = QUIZ["solution"].replace('answer("red")', "move_forward()")
    level = level_from_mapping({**padded, "map": "########\n#Srrb..#\n########"},
                               track="junior")
    problem = check_solution(level)
    assert problem is not None and problem.key == "levels.error.last_block_unneeded"


def test_without_last_block_takes_the_deepest_last_block() -> None:
    blocks = parse_python("move_forward()\nfor i in range(2):\n    turn_left()\n    collect()\n")
    assert to_python(without_last_block(blocks)).text.strip().splitlines()[-1].strip() \
        == "turn_left()"
    assert len(blocks[1].body) == 2  # the original is untouched


def test_a_coloured_star_says_its_colour_and_the_tally_so_far() -> None:
    level = level_from_mapping(QUIZ, track="junior")
    events, _ = _run(level, QUIZ["solution"])
    found = [event for event in events if event.kind is EventKind.COLLECTED_STAR]
    assert [event.value for event in found] == [("red", 1), ("red", 2), ("blue", 1)]
    assert {event.narration_key for event in found} == {"narration.events.collected_colour_star"}
    plain = parse_world("####\n#S*#\n####", "east")
    events, _ = run_program(plain, parse_python("move_forward()\ncollect()"))
    assert events[-1].value is None
    assert events[-1].narration_key == "narration.events.collected_star"


SORT = {"id": "sort", "map": "#######\n#SrbRB#\n#######", "heading": "east",
        "blocks": ["move_forward", "turn_left", "collect", "drop"],
        "solution": "move_forward()\ncollect()\nmove_forward()\nmove_forward()\ndrop()\n"
                    "turn_left()\nturn_left()\nmove_forward()\ncollect()\nturn_left()\n"
                    "turn_left()\nmove_forward()\nmove_forward()\ndrop()\n"}


def test_bins_read_back_and_sorting_each_colour_into_its_bin_solves() -> None:
    level = level_from_mapping(SORT, track="junior")
    assert level.world.bins == {(1, 4): "red", (1, 5): "blue"}
    assert level.world.rows_text()[1] == "#SrbRB#"
    events, outcome = _run(level, SORT["solution"])
    assert outcome.solved
    assert [e.value for e in events if e.kind is EventKind.DROPPED] == [("red", 1), ("blue", 1)]


def test_a_star_in_the_wrong_bin_is_refused_with_a_spoken_reason() -> None:
    level = level_from_mapping(SORT, track="junior")
    mixed = "move_forward()\ncollect()\nmove_forward()\ncollect()\nmove_forward()\ndrop()\n"
    events, outcome = _run(level, mixed)
    assert outcome.reason is Reason.WRONG_BIN
    assert events[-1].kind is EventKind.DROPPED
    for locale in ("fr", "nl", "en", "de", "it", "es"):
        assert Translator(locale).has("levels.outcome.wrong_bin")


def test_stars_still_carried_are_not_sorted() -> None:
    level = level_from_mapping(SORT, track="junior")
    _, outcome = _run(level, SORT["solution"].rsplit("drop()", 1)[0])
    assert outcome.reason is Reason.NOT_SORTED
    events, _ = _run(level, "drop()\nmove_forward()\ncollect()")
    assert events[0].kind is EventKind.NOTHING_TO_DROP  # not on a bin, nothing carried


def test_a_star_colour_without_a_bin_is_a_level_problem() -> None:
    with pytest.raises(LevelError) as error:
        level_from_mapping({**SORT, "map": "#######\n#SrbRy#\n#######"}, track="junior")
    assert "levels.error.no_bin" in [p.key for p in error.value.problems]


def test_drop_reads_and_parses_as_python() -> None:
    assert to_python(parse_python("drop()")).text.strip() == "drop()"


def test_every_run_event_and_outcome_is_spoken_in_every_language() -> None:
    """Each event the robot can cause and each way a run ends has its words (a missing key
    is spoken as an ellipsis)."""
    silent = {EventKind.CHECKED, EventKind.CALLED}  # highlighted, never spoken
    keys = [f"narration.events.{kind.value}" for kind in EventKind if kind not in silent]
    keys += ["narration.events.collected_colour_star"]
    keys += [f"levels.outcome.{reason.value}" for reason in Reason]
    for locale in ("fr", "nl", "en", "de", "it", "es"):
        translator = Translator(locale)
        assert [key for key in keys if not translator.has(key)] == [], locale

"""Bad level files are answered clearly: every problem, its file, level and field."""
from __future__ import annotations

from pathlib import Path

import pytest

from levels.level import LevelError, load_level
from levels.validator import check

GOOD = """id: test_01
map: |
  #####
  #S.G#
  #####
heading: east
blocks: [move_forward]
solution: |
  move_forward()
  move_forward()
"""


def write(tmp_path: Path, text: str, name: str = "01_test.yml") -> Path:
    folder = tmp_path / "junior"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    with pytest.raises(LevelError) as bad:
        load_level(write(tmp_path, text))
    return [(p.field, p.key) for p in bad.value.problems]


def test_a_good_level_loads(tmp_path) -> None:
    level = load_level(write(tmp_path, GOOD))
    assert level.id == "test_01" and level.track == "junior" and level.order == 1
    assert level.par == 2 and level.title_key == "levels.test_01.title"


def test_malformed_yaml(tmp_path) -> None:
    assert problems_of(tmp_path, "id: [unclosed\nmap: |\n") == [("file", "levels.error.yaml")]


def test_a_typo_in_a_field_name_suggests_the_right_one(tmp_path) -> None:
    with pytest.raises(LevelError) as bad:
        load_level(write(tmp_path, GOOD.replace("heading:", "heding:")))
    found = {(p.field, p.key): p.params for p in bad.value.problems}
    assert found[("heding", "levels.error.unknown_field")]["suggestion"] == "heading"
    assert ("heading", "levels.error.missing_field") in found


def test_unknown_block(tmp_path) -> None:
    with pytest.raises(LevelError) as bad:
        load_level(write(tmp_path, GOOD.replace("[move_forward]", "[move_forwards]")))
    problem = bad.value.problems[0]
    assert (problem.field, problem.key) == ("blocks", "levels.error.unknown_block")
    assert problem.params["suggestion"] == "move_forward"


def test_map_without_start(tmp_path) -> None:
    assert ("map", "levels.error.map_start") in problems_of(tmp_path, GOOD.replace("S", "."))


def test_unreachable_goal(tmp_path) -> None:
    found = problems_of(tmp_path, GOOD.replace("#S.G#", "#S#G#"))
    assert ("map", "levels.error.goal_unreachable") in found


@pytest.mark.parametrize("solution, key", [
    ("import os", "python.error.import"),
    ("open('x')", "python.error.unknown_name"),
    ("while True:\n    move_forward()", "python.error.while_condition"),
])
def test_bad_python_in_the_solution(tmp_path, solution, key) -> None:
    text = GOOD.split("solution:")[0] + "solution: |\n" + "".join(
        f"  {line}\n" for line in solution.splitlines())
    found = problems_of(tmp_path, text)
    assert ("solution", key) in found


def test_the_validator_reports_every_problem_of_every_file_in_one_run(tmp_path) -> None:
    write(tmp_path, GOOD, "01_good.yml")
    write(tmp_path, GOOD.replace("id: test_01", "id: test_02").replace("S", "."), "02_a.yml")
    write(tmp_path, "id: test_03\nmapp: x\n", "03_b.yml")
    write(tmp_path, GOOD.replace("id: test_01", "id: test_04").replace(
        "  move_forward()\n  move_forward()\n", "  move_forward()\n"), "04_c.yml")
    report = check(root=tmp_path)
    by_level = {}
    for p in report.problems:
        by_level.setdefault(p.level, []).append(p.key)
    assert set(by_level) == {"test_02", "test_03", "test_04"}
    assert "levels.error.map_start" in by_level["test_02"]
    assert {"levels.error.unknown_field", "levels.error.missing_field"} <= set(by_level["test_03"])
    assert by_level["test_04"] == ["levels.error.not_solved"]
    assert report.summary()["levels"] == 2

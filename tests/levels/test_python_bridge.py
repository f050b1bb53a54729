"""Python text from blocks (with the line of each block) and back, against a whitelist."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levels.program import to_solution
from levels.python_parser import PythonError, parse_python
from levels.python_view import to_python
from tests.levels.programs import edit, random_editor

PROGRAM = '''def stairs():
    move_forward()
    turn_left()
for i in range(3):
    stairs()
    if path_ahead():
        for j in range(2):
            paint("red")
    else:
        collect()
while not at_goal():
    pass
'''


def test_text_and_line_map() -> None:
    blocks = parse_python(PROGRAM)
    text = to_python(blocks)
    assert text.text == PROGRAM
    assert [b.kind for b in blocks] == ["define", "repeat", "repeat_until_goal"]
    repeat = blocks[1]
    assert text.line_of(repeat.uid) == 4
    assert text.uid_at(8) == repeat.body[1].body[0].body[0].uid  # paint("red")
    assert text.lines[-1].text == "    pass" and text.lines[-1].uid == blocks[2].uid


def test_elif_reads_as_an_if_inside_else() -> None:
    blocks = parse_python("if path_left():\n    turn_left()\nelif path_right():\n"
                          "    turn_right()\nelse:\n    move_forward()\n")
    assert to_solution(blocks) == [
        {"block": "if_path", "params": {"direction": "left"}, "body": ["turn_left"]},
        {"block": "else", "body": [
            {"block": "if_path", "params": {"direction": "right"}, "body": ["turn_right"]},
            {"block": "else", "body": ["move_forward"]}]}]


@pytest.mark.parametrize("text, key, line, column", [
    ("import os\n", "python.error.import", 1, 1),
    ("move_forward()\nfrom os import system\n", "python.error.import", 2, 1),
    ("open('secrets.txt')\n", "python.error.unknown_name", 1, 1),
    ("eval('1+1')\n", "python.error.unknown_name", 1, 1),
    ("__import__('os').system('ls')\n", "python.error.attribute", 1, 1),
    ("while True:\n    move_forward()\n", "python.error.while_condition", 1, 1),
    ("x = 3\n", "python.error.assignment", 1, 1),
    ("for i in range(4):\n    n += 1\n", "python.error.assignment", 2, 5),
    ("for i in range(11):\n    move_forward()\n", "python.error.range_count", 1, 10),
    ("for i in [1, 2]:\n    move_forward()\n", "python.error.for_range", 1, 1),
    ("move_forward(3)\n", "python.error.no_arguments", 1, 1),
    ("paint(red)\n", "python.error.colour", 1, 1),
    ("if at_goal():\n    move_forward()\n", "python.error.if_condition", 1, 1),
    ("def hack():\n    pass\n", "python.error.def_name", 1, 1),
    ("for i in range(2):\n    def jump():\n        pass\n", "python.error.def_not_top", 2, 5),
    ("def jump(n):\n    pass\n", "python.error.def_arguments", 1, 1),
    ("class A:\n    pass\n", "python.error.keyword", 1, 1),
    ("print('hi')\n", "python.error.unknown_name", 1, 1),
    ("move_forward(\n", "python.error.brackets", 1, 13),
    ("for i in range(3)\n    move_forward()\n", "python.error.colon", 1, 18),
    ("  move_forward()\n", "python.error.indentation", 1, 2),
    ("path_ahead()\n", "python.error.question_alone", 1, 1),
])
def test_anything_outside_the_subset_is_refused_with_line_and_column(text, key, line,
                                                                      column) -> None:
    with pytest.raises(PythonError) as refused:
        parse_python(text)
    first = refused.value.problems[0]
    assert (first.key, first.line, first.column) == (key, line, column)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(PythonError) as refused:
        parse_python("import os\nmove_forward()\nx = 1\nfly()\n")
    assert [p.line for p in refused.value.problems] == [1, 3, 4]


def test_parsing_never_runs_the_text(tmp_path, monkeypatch) -> None:
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PythonError):
        parse_python(f"open({str(marker)!r}, 'w').write('x')\n")
    assert not marker.exists()


@settings(max_examples=200, deadline=None)
@given(st.lists(edit, max_size=40))
def test_text_to_tree_to_text_is_stable(ops) -> None:
    blocks = random_editor(ops).blocks()
    text = to_python(blocks).text
    again = parse_python(text)
    assert to_solution(again) == to_solution(blocks)
    assert to_python(again).text == text

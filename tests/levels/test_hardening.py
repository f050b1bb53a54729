"""Issue 17: no file or text a person gives can crash the game or the command line.

Each reproduction of the issue is a test here (they fail on 00b907f), then property tests
throw random nesting, length, tags and values at the same boundaries.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import i18n.resource_loader
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accessibility.translator import Translator
from levels.__main__ import main
from levels.interpreter import MAX_RUN_DEPTH, Reason, run_program
from levels.level import LevelError, load_level
from levels.packs import load_packs
from levels.program import MAX_DEPTH, Block, clone, count_blocks
from levels.python_parser import MAX_TEXT, PythonError, parse_python
from levels.safe_yaml import MAX_FILE_BYTES, SafeLoadError, load_yaml, read_text
from levels.validator import check

WORLD = load_packs().levels()[0].world
BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n'
        'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n'
        'id: *i\n')  # the id is read as text: str() walks all 9**9 items
LEVEL = ("id: {id}\nmap: |\n  #####\n  #S.G#\n  #####\nheading: east\n"
         "blocks: [move_forward]\nsolution: |\n  move_forward()\n  move_forward()\n")
BAD_FILES: dict[str, bytes] = {
    "bomb": BOMB.encode(),
    "not_utf8": b"id: x\nmap: \xff\xfe\n",
    "date": b"id: dated\nmap: 2001-02-30\nheading: east\n",
    "int_tag": b"id: tagged\nmax_steps: !!int abc\n",
    "huge_int": b"id: huge\nmax_steps: " + b"9" * 5000 + b"\n",
    "deep": b"id: deep\nmap: " + b"[" * 20000 + b"\n",
    "too_big": b"# " + b"x" * MAX_FILE_BYTES + b"\n",
}


def _pack(tmp_path: Path, bad: dict[str, bytes]) -> list[Path]:
    folder = tmp_path / "junior"
    folder.mkdir(exist_ok=True)
    (folder / "01_good.yml").write_text(LEVEL.format(id="good_01"))
    files = [folder / "01_good.yml"]
    for index, (name, data) in enumerate(bad.items(), start=2):
        path = folder / f"{index:02}_{name}.yml"
        path.write_bytes(data)
        files.append(path)
    return files


# -- level files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_level_file_is_one_problem_and_the_good_level_still_loads(
        tmp_path: Path, name: str) -> None:
    files = _pack(tmp_path, {name: BAD_FILES[name]})
    packs = load_packs(tmp_path, files)
    assert [level.id for level in packs.levels()] == ["good_01"]
    assert packs.problems and {p.file for p in packs.problems} == {str(files[1])}
    assert packs.problems[0].key.startswith("levels.error.")


def test_check_lists_every_problem_of_every_file_in_one_run(tmp_path: Path, capsys) -> None:
    files = _pack(tmp_path, BAD_FILES)
    assert main(["check", "--json", *map(str, files)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["levels"] == 1
    file_errors = [e for e in report["errors"] if e["key"] != "levels.error.no_text"]
    assert sorted({Path(e["file"]).name for e in file_errors}) == sorted(
        path.name for path in files[1:])  # good_01 only lacks its translated texts
    assert all(e["message"] and e["message"] != "…" for e in report["errors"])


def test_a_fifo_or_a_device_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "level.yml"
    os.mkfifo(fifo)  # opening it for read would block until someone writes
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(LevelError) as caught:
            load_level(path)
        assert caught.value.problems[0].key == "levels.error.not_a_file"


def test_a_map_too_big_for_the_screen_is_refused(tmp_path: Path) -> None:
    row = "#" + "." * 60 + "#"
    text = LEVEL.format(id="wide").replace("#S.G#", "#S.G" + "." * 57 + "#").replace(
        "#####", "#" * len(row))
    path = tmp_path / "wide.yml"
    path.write_text(text)
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert "levels.error.map_too_big" in [p.key for p in caught.value.problems]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                           st.text(max_size=20)),
                 lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=30),
    st.builds(lambda depth, open_, close: open_ * depth + close * depth,
              st.integers(0, 1200), st.sampled_from(["[", "{", "- ", "a: &x\n "]),
              st.sampled_from(["]", "}", "", "*x"])),
    st.builds(lambda tag, value: f"max_steps: {tag} {value}\n",
              st.sampled_from(["!!int", "!!float", "!!timestamp", "!!binary", "!!set",
                               "!!python/object:os.system", "!!omap", ""]),
              st.text(max_size=30)),
    st.builds(lambda digits, sign: f"id: x\nmax_steps: {sign}{'9' * digits}\n",
              st.integers(1, 6000), st.sampled_from(["", "-", "0x", "0o", "+", "1_"])),
    st.builds(lambda y, m, d, field: f"{field}: {y:04}-{m:02}-{d:02}\n",
              st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99),
              st.sampled_from(["map", "id", "heading", "solution", "max_steps"])),
))
def test_any_level_data_ends_in_a_level_or_level_problems(tmp_path: Path, data: object) -> None:
    path = tmp_path / "fuzz.yml"
    text = data if isinstance(data, str) else json.dumps(
        {"id": "fuzz", "map": data} if not isinstance(data, dict) else data)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_level(path)
    except LevelError as error:
        assert error.problems and all(p.key.startswith(("levels.", "python.", "editor."))
                                      for p in error.problems)


def test_the_yaml_loader_refuses_aliases_and_keeps_dates_as_text() -> None:
    with pytest.raises(SafeLoadError) as caught:
        load_yaml(BOMB)
    assert caught.value.key == "levels.error.yaml_alias"
    assert load_yaml("map: 2001-02-30\nwhen: 2001-02-03") == {"map": "2001-02-30",
                                                              "when": "2001-02-03"}


# -- Python text -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, key", [
    ("a" + "+a" * 3000, "python.error.line_too_long"),
    ("-" * 19_990 + "1", "python.error.line_too_long"),
    ("(" * 5000 + ")" * 5000, "python.error.too_many_brackets"),
    ("if path_ahead():\n    move_forward()\n"
     + "elif path_left():\n    turn_left()\n" * 200, "python.error.too_deep"),
    ("".join("    " * i + "for i in range(2):\n" for i in range(60)) + "    " * 60 + "pass\n",
     "python.error.too_deep"),
])
def test_python_that_crashed_the_game_is_refused_with_a_message(text: str, key: str) -> None:
    with pytest.raises(PythonError) as caught:
        parse_python(text)
    assert [p.key for p in caught.value.problems] == [key]
    assert Translator("fr").t(key, max=1) != "…"


def test_the_deepest_program_the_parser_takes_can_be_copied_and_run() -> None:
    lines = ["def jump():"] + ["    " * (i + 1) + "for i in range(2):"
                               for i in range(MAX_DEPTH - 2)]
    blocks = parse_python("\n".join(lines + ["    " * (MAX_DEPTH - 1) + "jump()",
                                             "jump()"]) + "\n")
    assert count_blocks(clone(blocks)) == count_blocks(blocks)
    _, outcome = run_program(WORLD, blocks, max_steps=5000)
    assert outcome.reason is Reason.OUT_OF_STEPS  # was a RecursionError from ~495 steps


def test_clone_copies_a_tree_deeper_than_deepcopy_could() -> None:
    top = Block.make("repeat", {"count": 2})
    inner = top
    for _ in range(400):
        child = Block.make("repeat", {"count": 2})
        assert inner.body is not None
        inner.body.append(child)
        inner = child
    copy = clone([top])
    assert copy[0].uid == top.uid and copy[0] is not top and count_blocks(copy) == 401


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300) | st.builds(
    lambda pieces, depth, repeat: ("    " * depth).join(pieces) * repeat,
    st.lists(st.sampled_from(["move_forward()", "(", ")", "[", "-", "+a", "not ", "\n",
                              "if path_ahead():\n", "elif path_left():\n", "else:\n",
                              "for i in range(3):\n", "def jump():\n", "    ", "jump()",
                              "while not at_goal():\n", "'", '"""', "\\", "#", ":", "=",
                              "lambda: ", "[x for x in ", "paint(\"red\")"]), max_size=40),
    st.integers(0, 40), st.integers(1, 400)))
@example("\x00")  # ast.parse raised ValueError, not SyntaxError (CI found it)
def test_any_python_text_gives_blocks_or_problems(text: str) -> None:
    text = text[:MAX_TEXT + 10]
    try:
        blocks = parse_python(text)
    except PythonError as error:
        assert error.problems
        return
    # a generous bound on the work a run may do: the steps are counted, not the clock
    _, outcome = run_program(WORLD, blocks, max_steps=400)
    assert outcome.steps <= 400 and MAX_RUN_DEPTH >= MAX_DEPTH


# -- the command line ------------------------------------------------------------------------


def test_run_applies_the_levels_block_rules_like_the_app(tmp_path: Path, capsys) -> None:
    nine = tmp_path / "nine.py"
    nine.write_text("move_forward()\n" * 9)
    assert main(["run", "python_03", "--program", str(nine)]) == 2
    assert "2 blocks" in capsys.readouterr().err
    with_def = tmp_path / "def.py"
    with_def.write_text("def jump():\n    move_forward()\nfor i in range(9):\n    jump()\n")
    assert main(["run", "python_03", "--program", str(with_def)]) == 2
    assert "not part of this level" in capsys.readouterr().err
    good = tmp_path / "good.py"
    good.write_text(load_packs().level("python_03").solution_text)  # type: ignore[union-attr]
    assert main(["run", "python_03", "--program", str(good)]) == 0
    assert json.loads(capsys.readouterr().out)["solved"] is True


@pytest.mark.parametrize("name", ["fifo", "/dev/zero", "deep"])
def test_run_refuses_a_program_file_it_cannot_use_with_a_message(
        tmp_path: Path, capsys, name: str) -> None:
    program = tmp_path / "prog.py"
    if name == "fifo":
        os.mkfifo(program)
    elif name == "deep":
        program.write_text("-" * 19_990 + "1")
    else:
        program = Path(name)
    assert main(["run", "junior_01", "--program", str(program)]) == 2
    err = capsys.readouterr().err
    assert str(program) in err and "Traceback" not in err


def test_check_asks_the_files_once_for_a_missing_text(tmp_path: Path, monkeypatch) -> None:
    """1,000 untranslated levels took 96 s: the translator reloaded files per missing key."""
    folder = tmp_path / "junior"
    folder.mkdir()
    files = []
    for index in range(1, 21):
        path = folder / f"{index:02}_x.yml"
        path.write_text(LEVEL.format(id=f"untranslated_{index}"))
        files.append(path)
    searches = []
    real = i18n.resource_loader.search_translation
    monkeypatch.setattr(i18n.resource_loader, "search_translation",
                        lambda *args, **kw: searches.append(args) or real(*args, **kw))
    translator = Translator("en")
    report = check(files, has_text=translator.has_all)
    assert len(report.problems) == 20 * 3
    assert len(searches) <= 6  # one file per language at most, not one per missing key


def test_read_text_caps_what_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"x" * 2048)
    assert read_text(path, max_bytes=4096) == "x" * 2048
    with pytest.raises(SafeLoadError) as caught:
        read_text(path, max_bytes=1024)
    assert caught.value.key == "levels.error.too_big"


def test_a_hidden_character_is_named_at_its_line_not_a_crash() -> None:
    """A file pasted from elsewhere can carry a NUL: the child is told where, in words."""
    with pytest.raises(PythonError) as caught:
        parse_python("move_forward()\nturn_\x00left()\n")
    (problem,) = caught.value.problems
    assert (problem.key, problem.line, problem.column) == ("python.error.hidden_character", 2, 6)

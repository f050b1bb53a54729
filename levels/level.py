"""One level: its world, the blocks it allows, its limits and its reference solution.

A level is a YAML file in a track folder of ``levels/packs/`` (the folder names the track,
the file name's leading number orders it). Title, instruction and hint are i18n keys
derived from the id: ``levels.<id>.title``, ``levels.<id>.instruction``,
``levels.<id>.hint``. Reading a level collects every problem it has (``LevelProblem``:
file, level id, field, i18n key) instead of stopping at the first.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from levels.blocks import CATALOGUE
from levels.interpreter import DEFAULT_MAX_STEPS
from levels.program import Block, count_blocks, problems, walk
from levels.python_parser import PythonError, parse_python
from levels.safe_yaml import SafeLoadError, load_file
from levels.world import QUESTIONS, World, WorldError, parse_world

TRACKS: tuple[str, ...] = ("junior", "teens", "python")
FIELDS: tuple[str, ...] = ("id", "concept", "map", "heading", "picture", "blocks", "max_blocks",
                           "max_steps", "par", "solution", "start", "question", "run_on_add")
REQUIRED: tuple[str, ...] = ("id", "map", "heading", "blocks", "solution")
ID_SHAPE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
MADE_CONCEPT = "made"  # a level made in the game's maker: its words are the maker's own
CANVAS_CONCEPT = "canvas"  # the maker's free canvas: paint anything, nothing to reach


@dataclass(frozen=True)
class LevelProblem:
    """Something wrong in a level file, said as an i18n key (namespace ``levels``)."""

    file: str
    level: str
    field: str
    key: str
    params: dict[str, object] = field(default_factory=dict)  # type: ignore[operator]  # "field" above


class LevelError(ValueError):
    def __init__(self, problems: list[LevelProblem]) -> None:
        super().__init__("; ".join(f"{p.file} [{p.level}] {p.field}: {p.key} {p.params}"
                                   for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Level:
    id: str
    track: str
    order: int
    world: World
    palette: tuple[str, ...]
    solution_text: str
    solution: tuple[Block, ...]
    max_blocks: int | None = None
    max_steps: int = DEFAULT_MAX_STEPS
    par: int = 1
    concept: str = ""
    start: tuple[Block, ...] = ()  # blocks already in the program when the level opens
    run_on_add: bool = False  # a first-rung level: the program runs as soon as a block is placed
    path: Path | None = None

    @property
    def _texts(self) -> str:
        if self.concept in (MADE_CONCEPT, CANVAS_CONCEPT):
            return f"maker.{self.concept}"
        return f"levels.{self.id}"

    @property
    def title_key(self) -> str:
        return f"{self._texts}.title"

    @property
    def instruction_key(self) -> str:
        return f"{self._texts}.instruction"

    @property
    def hint_key(self) -> str:
        return f"{self._texts}.hint"


def order_from_name(path: Path) -> int:
    match = re.match(r"^(\d+)", path.name)
    return int(match.group(1)) if match else 0


def load_level(path: Path, track: str | None = None) -> Level:
    """Read one level file; ``LevelError`` lists every problem found in it."""
    path = Path(path)
    name = str(path)
    try:
        data = load_file(path)
    except SafeLoadError as error:
        raise LevelError([LevelProblem(name, "?", "file", error.key, dict(error.params))]) \
            from None
    track = track or (path.parent.name if path.parent.name in TRACKS else "junior")
    return level_from_mapping(data, track=track, order=order_from_name(path), file=name,
                              path=path)


def level_from_mapping(data: Any, *, track: str, order: int = 0, file: str = "<level>",
                       path: Path | None = None) -> Level:
    found: list[LevelProblem] = []
    level_id = str(data.get("id", "?")) if isinstance(data, Mapping) else "?"

    def report(field_name: str, key: str, **params: object) -> None:
        found.append(LevelProblem(file, level_id, field_name, key, params))

    if not isinstance(data, Mapping):
        report("file", "levels.error.not_a_mapping")
        raise LevelError(found)
    for key in data:
        if key not in FIELDS:
            report(str(key), "levels.error.unknown_field", field=key,
                   suggestion=_closest(str(key), FIELDS))
    for key in REQUIRED:
        if key not in data or data[key] in (None, ""):
            report(key, "levels.error.missing_field", field=key)
    if "id" in data and not (isinstance(data["id"], str) and ID_SHAPE.match(data["id"])):
        report("id", "levels.error.bad_id", value=data["id"])

    world = None
    if "map" in data and "heading" in data:
        try:
            world = parse_world(data["map"], data["heading"], data.get("picture"))
        except WorldError as error:
            field_name = "picture" if "picture" in error.key else (
                "heading" if "heading" in error.key else "map")
            report(field_name, error.key, **error.params)
    if world is not None and "question" in data:
        if data["question"] not in QUESTIONS:
            report("question", "levels.error.question", value=data["question"],
                   choices=", ".join(QUESTIONS))
        else:
            world = dataclasses.replace(world, question=data["question"])
    if "run_on_add" in data and not isinstance(data["run_on_add"], bool):
        report("run_on_add", "levels.error.yes_or_no", field="run_on_add")
    if world is not None:
        _check_world(world, report)

    palette = _palette(data.get("blocks"), report)
    limits = {name: _positive_int(data, name, report, low, high)
              for name, low, high in (("max_blocks", 1, 200), ("max_steps", 10, 5000),
                                      ("par", 1, 200))}
    solution = _program(data.get("solution"), "solution", palette, report)
    start = _program(data.get("start", ""), "start", palette, report) if "start" in data else []
    if solution is not None and limits["max_blocks"] is not None \
            and count_blocks(solution) > limits["max_blocks"]:
        report("solution", "levels.error.solution_too_long", count=count_blocks(solution),
               max=limits["max_blocks"])
    if found or world is None or solution is None:
        raise LevelError(found)
    return Level(
        id=str(data["id"]), track=track, order=order, world=world, palette=tuple(palette),
        solution_text=str(data["solution"]), solution=tuple(solution),
        max_blocks=limits["max_blocks"],
        max_steps=limits["max_steps"] or DEFAULT_MAX_STEPS,
        par=limits["par"] or count_blocks(solution), concept=str(data.get("concept", "")),
        start=tuple(start or ()), run_on_add=data.get("run_on_add") is True, path=path)


def _closest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return match[0] if match else ""


def _check_world(world: World, report: Any) -> None:
    reachable = world.reachable()
    if world.goal is not None and world.goal not in reachable:
        report("map", "levels.error.goal_unreachable")
    if world.stars - reachable:
        report("map", "levels.error.star_unreachable")
    if set(world.bins) - reachable:
        report("map", "levels.error.bin_unreachable")
    if world.bins and set(world.star_colours.values()) - set(world.bins.values()):
        report("map", "levels.error.no_bin", colours=", ".join(sorted(
            set(world.star_colours.values()) - set(world.bins.values()))))
    if world.picture is not None and set(world.picture) - reachable:
        report("picture", "levels.error.picture_unreachable")
    if world.goal is None and not world.stars and world.picture is None:
        report("map", "levels.error.nothing_to_do")


def _palette(raw: object, report: Any) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        report("blocks", "levels.error.blocks_list")
        return []
    palette = []
    for item in raw:
        if str(item) not in CATALOGUE:
            report("blocks", "levels.error.unknown_block", block=item,
                   suggestion=_closest(str(item), list(CATALOGUE)))
        else:
            palette.append(str(item))
    return palette


def _positive_int(data: Mapping[str, Any], name: str, report: Any, low: int,
                  high: int) -> int | None:
    if name not in data:
        return None
    value = data[name]
    if type(value) is not int or not low <= value <= high:
        report(name, "levels.error.out_of_range", field=name, low=low, high=high, value=value)
        return None
    return value


def _program(raw: object, field_name: str, palette: list[str], report: Any) -> list[Block] | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        report(field_name, "levels.error.solution_text")
        return None
    try:
        blocks = parse_python(raw)
    except PythonError as error:
        for problem in error.problems:
            report(field_name, problem.key, line=problem.line, column=problem.column,
                   **problem.params)
        return None
    for found in problems(blocks):
        report(field_name, found.key, **found.params)
    if palette:
        for kind in sorted({block.kind for _, block in walk(blocks)} - set(palette)):
            report(field_name, "levels.error.block_not_in_palette", block=kind)
    return blocks

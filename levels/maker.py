"""The level maker: a grid a child edits cell by cell, the blocks it allows, a check, a save.

The cursor moves by row and column stops (a switch user scans rows, then cells), and each
tool puts one thing in the cell under it. The reference solution is found by the maker
(shortest walks to each star and painted cell, then the goal), so a child never has to
write one; the check is the levels' own (``level_from_mapping`` + ``check_solution``), so a
made level is valid exactly when ``python -m levels check`` says so.
"""
from __future__ import annotations

import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from levels.blocks import COLOUR_LETTERS
from levels.level import (CANVAS_CONCEPT, MADE_CONCEPT, Level, LevelError, LevelProblem,
                          level_from_mapping)
from levels.level_writer import write_level
from levels.validator import check_solution
from levels.world import Heading, World

MADE_TRACK = "made"
MAP_TOOLS = {"wall": "#", "open": ".", "start": "S", "goal": "G", "star": "*"}
COLOUR_OF = {name: letter for letter, name in COLOUR_LETTERS.items()}
TOOLS: tuple[str, ...] = (*MAP_TOOLS, *(f"paint:{name}" for name in COLOUR_OF), "unpaint")
MOVES = ("move_forward", "turn_left", "turn_right")
CHOOSABLE_BLOCKS: tuple[str, ...] = (*MOVES, "collect", "paint", "repeat", "if_path")
CANVAS_ID = "made_canvas"
CANVAS_BLOCKS: tuple[str, ...] = (*MOVES, "paint", "repeat")

Cell = tuple[int, int]


@dataclass
class LevelMaker:
    """A level being made; ``rows`` x ``columns`` with a wall all round, as levels have."""

    rows: int = 6
    columns: int = 8
    heading: Heading = Heading.EAST
    blocks: list[str] = field(default_factory=lambda: list(MOVES))
    cursor: Cell = (1, 1)
    cells: dict[Cell, str] = field(default_factory=dict)  # map character per cell
    paint: dict[Cell, str] = field(default_factory=dict)  # colour letter per cell

    def __post_init__(self) -> None:
        if not self.cells:
            for r in range(self.rows):
                for c in range(self.columns):
                    edge = r in (0, self.rows - 1) or c in (0, self.columns - 1)
                    self.cells[(r, c)] = "#" if edge else "."
            self.cells[(1, 1)] = "S"
            self.cells[(self.rows - 2, self.columns - 2)] = "G"

    # -- editing -------------------------------------------------------------------------

    def move(self, rows: int = 0, columns: int = 0) -> Cell:
        """Move the cursor, wrapping round (a switch scan goes on from the other side)."""
        r, c = self.cursor
        self.cursor = ((r + rows) % self.rows, (c + columns) % self.columns)
        return self.cursor

    def put(self, tool: str, cell: Cell | None = None) -> None:
        cell = cell or self.cursor
        if tool == "unpaint" or tool.startswith("paint:"):
            self.paint.pop(cell, None)
            if tool != "unpaint" and self.cells[cell] != "#":
                self.paint[cell] = COLOUR_OF[tool.split(":", 1)[1]]
            return
        char = MAP_TOOLS[tool]
        if char in "SG":  # one start, one goal: the old one becomes open ground
            for other, old in self.cells.items():
                if old == char:
                    self.cells[other] = "."
        if char == "#":
            self.paint.pop(cell, None)
        self.cells[cell] = char

    def what_is(self, cell: Cell) -> str:
        """The tool that made the cell (for the spoken label of the cursor's cell)."""
        if cell in self.paint:
            return f"paint:{COLOUR_LETTERS[self.paint[cell]]}"
        return {v: k for k, v in MAP_TOOLS.items()}[self.cells[cell]]

    def toggle_block(self, kind: str) -> None:
        if kind in self.blocks:
            self.blocks.remove(kind)
        elif kind in CHOOSABLE_BLOCKS:
            self.blocks.append(kind)

    def turn(self) -> Heading:
        self.heading = self.heading.right()
        return self.heading

    # -- the level -----------------------------------------------------------------------

    def map_text(self) -> str:
        return "\n".join("".join(self.cells[(r, c)] for c in range(self.columns))
                         for r in range(self.rows))

    def picture_text(self) -> str | None:
        if not self.paint:
            return None
        return "\n".join("".join(self.paint.get((r, c), ".") for c in range(self.columns))
                         for r in range(self.rows))

    def solution(self) -> list[str] | None:
        """Block calls that do everything the level asks (``None``: something is unreachable)."""
        start = next((cell for cell, char in self.cells.items() if char == "S"), None)
        if start is None:
            return None
        stops = sorted(c for c, ch in self.cells.items() if ch == "*") + sorted(self.paint)
        goal = next((cell for cell, char in self.cells.items() if char == "G"), None)
        calls: list[str] = []
        here, facing = start, self.heading
        for stop in stops + ([goal] if goal else []):
            walk = self._walk(here, facing, stop)
            if walk is None:
                return None
            steps, facing = walk
            calls += steps
            here = stop
            if stop in self.paint:
                calls.append(f'paint("{COLOUR_LETTERS[self.paint[stop]]}")')
            elif self.cells[stop] == "*":
                calls.append("collect()")
        return calls

    def _walk(self, start: Cell, facing: Heading, goal: Cell) -> tuple[list[str], Heading] | None:
        """Fewest blocks from ``start`` facing ``facing`` to ``goal`` (breadth first)."""
        first = (start, facing)
        came: dict[tuple[Cell, Heading], tuple[tuple[Cell, Heading], str] | None] = {first: None}
        queue = deque([first])
        while queue:
            cell, heading = queue.popleft()
            if cell == goal:
                steps: list[str] = []
                state = (cell, heading)
                while came[state] is not None:
                    state, step = came[state]  # type: ignore[misc]
                    steps.append(step)
                return steps[::-1], heading
            ahead = (cell[0] + heading.step[0], cell[1] + heading.step[1])
            options = [((cell, heading.left()), "turn_left()"),
                       ((cell, heading.right()), "turn_right()")]
            if self.cells.get(ahead, "#") != "#":
                options.insert(0, ((ahead, heading), "move_forward()"))
            for state, step in options:
                if state not in came:
                    came[state] = ((cell, heading), step)
                    queue.append(state)
        return None

    def to_mapping(self, level_id: str) -> dict[str, object]:
        calls = self.solution() or []
        needed = {call.split("(", 1)[0] for call in calls}
        data: dict[str, object] = {
            "id": level_id, "concept": MADE_CONCEPT, "map": self.map_text(),
            "heading": self.heading.value,
            "blocks": [*self.blocks, *sorted(needed - set(self.blocks))],
            "solution": "\n".join(calls) if calls else ""}
        if self.picture_text() is not None:
            data["picture"] = self.picture_text()
        return data

    def check(self, level_id: str = "made_check") -> tuple[Level | None, list[LevelProblem]]:
        """The level as the game would load it, or every problem (i18n keys) it has."""
        try:
            level = level_from_mapping(self.to_mapping(level_id), track=MADE_TRACK)
        except LevelError as error:
            return None, error.problems
        problem = check_solution(level)
        return (level, []) if problem is None else (None, [problem])

    def save(self, folder: Path, level_id: str | None = None) -> Path:
        """Check, then write ``<folder>/<id>.yml``; ``LevelError`` if it is not playable."""
        level_id = level_id or f"made_{uuid.uuid4().hex[:8]}"
        level, problems = self.check(level_id)
        if level is None:
            raise LevelError(problems)
        return write_level(Path(folder) / f"{level_id}.yml", self.to_mapping(level_id))


def load_made(folder: Path) -> tuple[list[Level], list[LevelProblem]]:
    """The levels made on this tablet (or copied to its ``made`` folder), oldest first."""
    from levels.packs import load_packs  # the packs' reader: bad files listed, never fatal

    files = sorted(Path(folder).glob("*.yml"), key=lambda path: (path.stat().st_mtime, path.name))
    packs = load_packs(Path(folder), files)
    levels = [level for track in packs.tracks.values() for level in track]
    levels.sort(key=lambda level: files.index(level.path) if level.path in files else 0)
    return [_as_made(level) for level in levels], packs.problems


def _as_made(level: Level) -> Level:
    from dataclasses import replace

    return replace(level, track=MADE_TRACK)


def free_canvas(rows: int = 8, columns: int = 10) -> Level:
    """An open field to paint pixel pictures with blocks: nothing to reach, so every run
    that does not bump a wall is done (the interpreter's verdict), and the picture stays."""
    walls = frozenset((r, c) for r in range(rows) for c in range(columns)
                      if r in (0, rows - 1) or c in (0, columns - 1))
    world = World(rows, columns, walls, (1, 1), Heading.EAST)
    return Level(id=CANVAS_ID, track=MADE_TRACK, order=0, world=world, palette=CANVAS_BLOCKS,
                 solution_text="", solution=(), par=200, concept=CANVAS_CONCEPT)

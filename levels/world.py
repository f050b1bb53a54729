"""A grid world: walls, the character's start and heading, a goal, stars, a target picture.

Maps are ASCII art, one character a cell: ``#`` wall, ``.`` open, ``S`` start, ``G`` goal,
``*`` star (a collectible); a colour letter (``r``, ``b``, ``y``, ``g``, ``o``, ``p``) is a
star of that colour, for data activities (count, sort, chart, a question about them); a
capital ``R``, ``B``, ``Y``, ``O``, ``P`` is a bin of that colour to sort them into. A
pixel-art level adds a target picture of the same size, one
colour letter a cell (``r`` red, ``b`` blue, ``g`` green, ``y`` yellow, ``o`` orange,
``p`` purple, ``k`` black, ``w`` white) and ``.`` for a cell that stays unpainted.
Cells are ``(row, column)`` from the top left; north is up.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum

from levels.blocks import COLOUR_LETTERS

MAP_LEGEND = {"#": "wall", ".": "open", "S": "start", "G": "goal", "*": "star"}
STAR_LETTERS = {letter: COLOUR_LETTERS[letter] for letter in "rbygop"}
BIN_LETTERS = {letter.upper(): COLOUR_LETTERS[letter] for letter in "rbyop"}  # G is the goal
QUESTIONS: tuple[str, ...] = ("most_collected_colour", "fewest_collected_colour")
"""Questions a data level asks about the stars collected; the ``answer`` block replies."""
MAX_SIDE = 40  # rows or columns: a map must fit a child's screen (and bound the search)

Cell = tuple[int, int]


class Heading(Enum):
    NORTH = "north"
    EAST = "east"
    SOUTH = "south"
    WEST = "west"

    @property
    def step(self) -> Cell:
        return {"north": (-1, 0), "east": (0, 1), "south": (1, 0), "west": (0, -1)}[self.value]

    def left(self) -> "Heading":
        order = list(Heading)
        return order[(order.index(self) - 1) % 4]

    def right(self) -> "Heading":
        order = list(Heading)
        return order[(order.index(self) + 1) % 4]


class WorldError(ValueError):
    """A map or picture that cannot be a world; ``key``/``params`` say what (``levels``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params


@dataclass(frozen=True)
class World:
    """The unchanging part of a level: a run keeps its own position, stars and paint."""

    rows: int
    columns: int
    walls: frozenset[Cell]
    start: Cell
    heading: Heading
    goal: Cell | None = None
    stars: frozenset[Cell] = frozenset()
    picture: dict[Cell, str] | None = field(default=None, hash=False)  # cell -> colour name
    star_colours: dict[Cell, str] = field(default_factory=dict, hash=False)  # coloured stars
    question: str | None = None  # one of ``QUESTIONS``: the level wants an answer
    bins: dict[Cell, str] = field(default_factory=dict, hash=False)  # cell -> colour sorted there

    def inside(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.rows and 0 <= cell[1] < self.columns

    def is_open(self, cell: Cell) -> bool:
        return self.inside(cell) and cell not in self.walls

    def ahead(self, cell: Cell, heading: Heading) -> Cell:
        return (cell[0] + heading.step[0], cell[1] + heading.step[1])

    def reachable(self) -> set[Cell]:
        """Open cells the character can walk to from the start."""
        seen = {self.start}
        queue = deque([self.start])
        while queue:
            cell = queue.popleft()
            for heading in Heading:
                nxt = self.ahead(cell, heading)
                if self.is_open(nxt) and nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def rows_text(self) -> list[str]:
        """The map back as ASCII art (for the Python view of a level and for tests)."""
        lines = []
        for r in range(self.rows):
            line = ""
            for c in range(self.columns):
                cell = (r, c)
                line += ("#" if cell in self.walls else "S" if cell == self.start
                         else "G" if cell == self.goal else _star_letter(self, cell)
                         if cell in self.stars else _bin_letter(self.bins.get(cell)))
            lines.append(line)
        return lines


def _star_letter(world: World, cell: Cell) -> str:
    colour = world.star_colours.get(cell)
    return next((k for k, v in STAR_LETTERS.items() if v == colour), "*")


def _bin_letter(colour: str | None) -> str:
    return next((k for k, v in BIN_LETTERS.items() if v == colour), ".")


def expected_answer(world: World, collected: set[Cell]) -> str | None:
    """The colour that answers the world's question about the ``collected`` stars (``None``
    when no star was collected or two colours tie)."""
    tally: dict[str, int] = {}
    for cell in collected:
        if cell in world.star_colours:
            tally[world.star_colours[cell]] = tally.get(world.star_colours[cell], 0) + 1
    if not tally:
        return None
    best = (max if world.question == "most_collected_colour" else min)(tally.values())
    winners = [colour for colour, count in tally.items() if count == best]
    return winners[0] if len(winners) == 1 else None


def _grid(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return [line for line in lines if line.strip()]


def parse_world(map_text: str, heading: str, picture_text: str | None = None) -> World:
    """A world from a level's ``map`` (and ``picture``); ``WorldError`` says what is wrong."""
    if not isinstance(map_text, str) or not map_text.strip():
        raise WorldError("levels.error.map_missing")
    lines = _grid(map_text)
    columns = max(len(line) for line in lines)
    if len(lines) > MAX_SIDE or columns > MAX_SIDE:
        raise WorldError("levels.error.map_too_big", rows=len(lines), columns=columns,
                         max=MAX_SIDE)
    walls: set[Cell] = set()
    stars: set[Cell] = set()
    colours: dict[Cell, str] = {}
    bins: dict[Cell, str] = {}
    starts: list[Cell] = []
    goals: list[Cell] = []
    for r, line in enumerate(lines):
        for c, char in enumerate(line.ljust(columns, "#")):
            if char not in MAP_LEGEND and char not in STAR_LETTERS and char not in BIN_LETTERS:
                raise WorldError("levels.error.map_char", char=char, row=r + 1, column=c + 1)
            cell = (r, c)
            if char == "#":
                walls.add(cell)
            elif char == "S":
                starts.append(cell)
            elif char == "G":
                goals.append(cell)
            elif char == "*":
                stars.add(cell)
            elif char in STAR_LETTERS:
                stars.add(cell)
                colours[cell] = STAR_LETTERS[char]
            elif char in BIN_LETTERS:
                bins[cell] = BIN_LETTERS[char]
    if len(starts) != 1:
        raise WorldError("levels.error.map_start", count=len(starts))
    if len(goals) > 1:
        raise WorldError("levels.error.map_goals", count=len(goals))
    try:
        facing = Heading(str(heading).strip().lower())
    except ValueError:
        raise WorldError("levels.error.heading", value=heading) from None
    picture = None
    if picture_text is not None:
        picture = _parse_picture(picture_text, len(lines), columns)
    return World(len(lines), columns, frozenset(walls), starts[0], facing,
                 goals[0] if goals else None, frozenset(stars), picture, colours, bins=bins)


def _parse_picture(text: str, rows: int, columns: int) -> dict[Cell, str]:
    lines = _grid(text) if isinstance(text, str) else []
    if len(lines) != rows or any(len(line) > columns for line in lines):
        raise WorldError("levels.error.picture_size", rows=rows, columns=columns)
    picture: dict[Cell, str] = {}
    for r, line in enumerate(lines):
        for c, char in enumerate(line):
            if char == ".":
                continue
            if char not in COLOUR_LETTERS:
                raise WorldError("levels.error.picture_char", char=char, row=r + 1,
                                 column=c + 1)
            picture[(r, c)] = COLOUR_LETTERS[char]
    return picture

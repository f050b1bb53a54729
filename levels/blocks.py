"""The block catalogue: every block a learner can place, with its closed parameter choices.

A block type says what it is (id, category, colour), what it takes (parameters, each a
closed list of values: numbers 2–10, colours, directions, function names — never free
text), whether it holds other blocks (a container), where it may stand, and how it reads
in Python. Labels are i18n keys (namespace ``blocks``): ``blocks.<id>.label`` for the
palette and narration, ``blocks.<id>.short`` for the cue voice while scanning.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

COUNTS: tuple[int, ...] = tuple(range(2, 11))
COLOURS: tuple[str, ...] = ("red", "blue", "green", "yellow", "orange", "purple", "black", "white")
COLOUR_LETTERS: dict[str, str] = {
    "r": "red", "b": "blue", "g": "green", "y": "yellow",
    "o": "orange", "p": "purple", "k": "black", "w": "white",
}
DIRECTIONS: tuple[str, ...] = ("ahead", "left", "right")
FUNCTION_NAMES: tuple[str, ...] = ("jump", "dance", "zigzag", "stairs", "square", "spin")


class Category(Enum):
    MOTION = "motion"
    LOOPS = "loops"
    LOGIC = "logic"
    ACTIONS = "actions"
    FUNCTIONS = "functions"


CATEGORY_COLOURS: dict[Category, str] = {
    Category.MOTION: "#8FC1F0",
    Category.LOOPS: "#F6C667",
    Category.LOGIC: "#9FE0D8",
    Category.ACTIONS: "#F4A7B9",
    Category.FUNCTIONS: "#C8B6F2",
}
"""Each category's colour in the default theme (``accessibility.themes`` reads it from here;
the dark and high-contrast themes give their own)."""


@dataclass(frozen=True)
class Param:
    """A parameter and the values it may take (the only values the editor offers)."""

    name: str
    choices: tuple[object, ...]


@dataclass(frozen=True)
class BlockType:
    """One kind of block.

    ``python`` is the Python form of the block's head with ``{name}`` placeholders for its
    parameters. ``follows`` names the block an ``else`` must come right after; ``top_level``
    blocks (function definitions) may only stand in the program itself.
    """

    id: str
    category: Category
    python: str
    params: tuple[Param, ...] = ()
    container: bool = False
    top_level: bool = False
    follows: str | None = None

    @property
    def colour(self) -> str:
        return CATEGORY_COLOURS[self.category]

    @property
    def label_key(self) -> str:
        return f"blocks.{self.id}.label"

    @property
    def short_key(self) -> str:
        return f"blocks.{self.id}.short"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


CATALOGUE: dict[str, BlockType] = {block.id: block for block in (
    BlockType("move_forward", Category.MOTION, "move_forward()"),
    BlockType("turn_left", Category.MOTION, "turn_left()"),
    BlockType("turn_right", Category.MOTION, "turn_right()"),
    BlockType("repeat", Category.LOOPS, "for {var} in range({count}):",
              params=(Param("count", COUNTS),), container=True),
    BlockType("repeat_until_goal", Category.LOOPS, "while not at_goal():", container=True),
    BlockType("if_path", Category.LOGIC, "if path_{direction}():",
              params=(Param("direction", DIRECTIONS),), container=True),
    BlockType("else", Category.LOGIC, "else:", container=True, follows="if_path"),
    BlockType("collect", Category.ACTIONS, "collect()"),
    BlockType("paint", Category.ACTIONS, 'paint("{colour}")', params=(Param("colour", COLOURS),)),
    BlockType("drop", Category.ACTIONS, "drop()"),
    BlockType("answer", Category.ACTIONS, 'answer("{colour}")', params=(Param("colour", COLOURS),)),
    BlockType("define", Category.FUNCTIONS, "def {name}():",
              params=(Param("name", FUNCTION_NAMES),), container=True, top_level=True),
    BlockType("call", Category.FUNCTIONS, "{name}()", params=(Param("name", FUNCTION_NAMES),)),
)}


def block_type(kind: str) -> BlockType:
    """The catalogue entry for ``kind``; ``KeyError`` names the unknown block."""
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise KeyError(f"unknown block {kind!r}") from None


def value_key(name: str, value: object) -> str:
    """The i18n key of a parameter value's spoken name (colours, directions, function names)."""
    return f"blocks.value.{name}.{value}"

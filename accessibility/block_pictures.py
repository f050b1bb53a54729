"""Which picture stands for each block, animal and world tile, and how blocks are shown.

Children of 6-10 tell blocks apart by their picture and colour, not by reading. The
pictures are OpenMoji (CC BY-SA 4.0, see docs/CREDITS.md), turned into PNG files under
``app/assets/pictures/`` at build time by ``scripts/make_pictures.py``; this module only
names them (no Kivy, no image library), so the core and the tests can reason about them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accessibility.themes import Theme
from levels.blocks import CATALOGUE, block_type

PICTURES_DIR = Path(__file__).resolve().parent.parent / "app" / "assets" / "pictures"

BLOCK_LOOKS: tuple[str, ...] = ("pictures", "pictures_words", "words")
"""How a block is shown: its picture only, its picture with its word under it, or words."""
DEFAULT_BLOCK_LOOK = "pictures_words"


@dataclass(frozen=True)
class Picture:
    """A picture file and the OpenMoji it is made of: ``emoji`` first, ``badge`` small in a
    corner (a flag on "repeat until the goal", a play sign on "use the parcel")."""

    name: str
    emoji: str
    badge: str | None = None
    upright: bool = False  # turned so that the arrow starts upwards (a turn seen from behind)
    mirror: bool = False  # drawn mirrored (turn left is turn right seen in a mirror)
    grey: bool = False  # drawn in light grey: a star not earned yet

    @property
    def path(self) -> Path:
        return PICTURES_DIR / f"{self.name}.png"


BLOCK_PICTURES: dict[str, Picture] = {
    "move_forward": Picture("block_move_forward", "2B06"),
    "turn_left": Picture("block_turn_left", "2934", upright=True, mirror=True),
    "turn_right": Picture("block_turn_right", "2934", upright=True),
    "repeat": Picture("block_repeat", "1F501"),
    "repeat_until_goal": Picture("block_repeat_until_goal", "1F501", badge="1F3C1"),
    "if_path": Picture("block_if_path", "1FAA7", badge="2753"),
    "else": Picture("block_else", "1F500"),
    "collect": Picture("block_collect", "1FAF4", badge="2B50"),
    "paint": Picture("block_paint", "1F58C"),
    "define": Picture("block_define", "1F4E6"),
    "call": Picture("block_call", "1F4E6", badge="25B6"),
    "answer": Picture("block_answer", "1F4AC", badge="1F4CA"),  # say what the chart shows
    "drop": Picture("block_drop", "1F4E5", badge="2B50"),  # a star into its bin
}

AVATAR_PICTURES: dict[str, Picture] = {
    animal: Picture(f"avatar_{animal}", code) for animal, code in (
        ("fox", "1F98A"), ("owl", "1F989"), ("cat", "1F431"), ("frog", "1F438"),
        ("bee", "1F41D"), ("whale", "1F433"), ("lion", "1F981"), ("panda", "1F43C"))}

WORLD_PICTURES: dict[str, Picture] = {
    "robot": Picture("world_robot", "1F916"),
    "wall": Picture("world_wall", "1F9F1"),
    "star": Picture("world_star", "2B50"),
    "goal": Picture("world_goal", "1F3C1"),
    "cheer": Picture("world_cheer", "1F389"),
}

UI_PICTURES: dict[str, Picture] = {
    "star": Picture("ui_star", "2B50"),  # a star earned (level map, level complete)
    "star_empty": Picture("ui_star_empty", "2B50", grey=True),  # a star still to earn
    "status": Picture("ui_status", "1F50C"),  # the teacher's corner: devices and sound
}

CONTROL_PICTURES: dict[str, Picture] = {
    control: Picture(f"control_{control}", code) for control, code in (
        ("run", "25B6"), ("stop", "23F9"), ("step", "1F463"), ("reset", "23EE"),
        ("undo", "21A9"), ("redo", "21AA"), ("hint", "1F4A1"), ("map", "1F5FA"),
        ("back", "2B05"), ("delete", "1F5D1"))}
"""The workspace's controls, so a child who cannot read finds Run, Undo or the hint."""

ALL_PICTURES: tuple[Picture, ...] = (*BLOCK_PICTURES.values(), *AVATAR_PICTURES.values(),
                                     *WORLD_PICTURES.values(), *UI_PICTURES.values(),
                                     *CONTROL_PICTURES.values())


def block_picture(kind: str) -> Picture:
    """The picture of block ``kind`` (``KeyError`` for a block not in the catalogue)."""
    block_type(kind)
    return BLOCK_PICTURES[kind]


def avatar_picture(avatar: str) -> str:
    """The PNG path of a learner's animal, as a widget takes it ('' for an unknown one)."""
    picture = AVATAR_PICTURES.get(avatar)
    return str(picture.path) if picture is not None else ""


def block_colour(kind: str, theme: Theme) -> str:
    """The fill of block ``kind`` in ``theme``: its category's colour."""
    return theme.blocks[CATALOGUE[kind].category.value]


def block_look(value: object) -> str:
    """A profile's block look, or the default for a value that is not one of ``BLOCK_LOOKS``."""
    return value if isinstance(value, str) and value in BLOCK_LOOKS else DEFAULT_BLOCK_LOOK

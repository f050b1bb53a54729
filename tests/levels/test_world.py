"""Worlds from ASCII maps: the legend, the heading, pictures, and maps that cannot work."""
from __future__ import annotations

import pytest

from levels.world import Heading, WorldError, parse_world

MAP = """
######
#S.*G#
#.####
######
"""


def test_the_legend() -> None:
    world = parse_world(MAP, "east")
    assert (world.rows, world.columns) == (4, 6)
    assert world.start == (1, 1) and world.goal == (1, 4) and world.stars == {(1, 3)}
    assert (0, 0) in world.walls and world.is_open((2, 1)) and not world.is_open((2, 2))
    assert world.heading is Heading.EAST
    assert world.rows_text() == MAP.strip().splitlines()


def test_turning_goes_round_the_compass() -> None:
    assert Heading.NORTH.left() is Heading.WEST and Heading.WEST.right() is Heading.NORTH
    assert [h.right() for h in Heading] == [Heading.EAST, Heading.SOUTH, Heading.WEST,
                                            Heading.NORTH]


def test_picture_letters_are_colours() -> None:
    world = parse_world("####\n#S.#\n####", "east", "....\n.rb.\n....")
    assert world.picture == {(1, 1): "red", (1, 2): "blue"}


@pytest.mark.parametrize("map_text, heading, picture, key", [
    ("", "east", None, "levels.error.map_missing"),
    ("####\n#..#\n####", "east", None, "levels.error.map_start"),
    ("####\n#SS#\n####", "east", None, "levels.error.map_start"),
    ("#####\n#SGG#\n#####", "east", None, "levels.error.map_goals"),
    ("####\n#S?#\n####", "east", None, "levels.error.map_char"),
    ("####\n#SG#\n####", "up", None, "levels.error.heading"),
    ("####\n#S.#\n####", "east", "..\n..", "levels.error.picture_size"),
    ("####\n#S.#\n####", "east", "....\n.z..\n....", "levels.error.picture_char"),
])
def test_bad_maps_say_what_is_wrong(map_text, heading, picture, key) -> None:
    with pytest.raises(WorldError) as bad:
        parse_world(map_text, heading, picture)
    assert bad.value.key == key


def test_reachable_cells() -> None:
    world = parse_world("#####\n#S#G#\n#####", "east")
    assert world.goal not in world.reachable()

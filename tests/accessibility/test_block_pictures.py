"""Every block has its own picture, and block colours tell categories apart without hue."""
from __future__ import annotations

import itertools
import struct
import zlib

import pytest

from accessibility.block_pictures import (
    ALL_PICTURES,
    AVATAR_PICTURES,
    BLOCK_LOOKS,
    BLOCK_PICTURES,
    DEFAULT_BLOCK_LOOK,
    block_colour,
    block_look,
    block_picture,
)
from accessibility.themes import THEME_NAMES, THEMES, contrast_ratio, relative_luminance
from levels.blocks import CATALOGUE

GREY_STEP = 1.2  # the least luminance ratio between two categories' colours


def pixels(path) -> bytes:
    """The decoded pixel bytes of a PNG (so two files that only differ in metadata match)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    return zlib.decompress(b"".join(chunks))


def test_every_block_in_the_catalogue_has_a_picture_file() -> None:
    assert set(BLOCK_PICTURES) == set(CATALOGUE)
    for kind in CATALOGUE:
        assert block_picture(kind).path.is_file(), kind
    for picture in ALL_PICTURES:
        assert picture.path.stat().st_size < 40_000, picture.name  # small, loaded lazily


def test_no_two_blocks_or_animals_share_a_picture() -> None:
    for group in (BLOCK_PICTURES, AVATAR_PICTURES):
        seen = {name: pixels(p.path) for name, p in group.items()}
        for (a, first), (b, second) in itertools.combinations(seen.items(), 2):
            assert first != second, f"{a} and {b} look the same"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_block_colours_differ_in_greyscale(name: str) -> None:
    theme = THEMES[name]
    levels = sorted(relative_luminance(colour) for colour in theme.blocks.values())
    for darker, lighter in itertools.pairwise(levels):
        assert (lighter + 0.05) / (darker + 0.05) >= GREY_STEP, (name, levels)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_blocks_stand_out_from_the_screen_at_3_to_1(name: str) -> None:
    theme = THEMES[name]
    for kind in CATALOGUE:
        colour = block_colour(kind, theme)
        for under in (theme.background, theme.surface):
            assert contrast_ratio(colour, under) >= 3.0, (name, kind, colour, under)


def test_a_grey_palette_would_fail() -> None:
    levels = sorted(relative_luminance(c) for c in ("#8FC1F0", "#9FE0D8", "#C8B6F2"))
    assert any((b + 0.05) / (a + 0.05) < GREY_STEP for a, b in itertools.pairwise(levels))
    assert contrast_ratio("#8FC1F0", "#FFFFFF") < 3.0  # the old pastel blocks on white


def test_block_look_defaults_to_pictures_and_words() -> None:
    assert DEFAULT_BLOCK_LOOK == "pictures_words" and block_look("nonsense") == DEFAULT_BLOCK_LOOK
    assert all(block_look(look) == look for look in BLOCK_LOOKS)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_world_paths_are_lighter_than_walls(name: str) -> None:
    theme = THEMES[name]
    assert relative_luminance(theme.floor) > relative_luminance(theme.wall)
    assert contrast_ratio(theme.floor, theme.wall) >= 3.0
    assert contrast_ratio(theme.grid, theme.floor) >= 3.0  # the lines between squares show

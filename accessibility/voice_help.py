"""What a voice learner can say here, read aloud when they say "help me please".

A child who cannot read a list of commands still hears one; it names only what works on
this screen (in a level: the level's own blocks), so it stays short.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

AROUND = ("next", "previous", "select", "back", "run")  # menus, maps, the level's end
BLOCK_COMMANDS = ("move_forward", "turn_left", "turn_right", "collect", "repeat", "paint")
IN_A_LEVEL = ("run", "undo", "delete")  # after the level's blocks


def phrases_here(phrases: Mapping[str, Sequence[str]],
                 palette: Sequence[str] | None) -> list[str]:
    """The first phrase of each command useful here: in a level (``palette`` given), its
    blocks' and the program's; elsewhere, moving around. Commands with no phrase in this
    language are left out."""
    if palette is None:
        wanted: tuple[str, ...] = AROUND
    else:
        wanted = tuple(b for b in BLOCK_COMMANDS if b in palette) + IN_A_LEVEL
    return [phrases[command][0] for command in wanted if phrases.get(command)]

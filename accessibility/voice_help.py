"""What a voice learner can say: read aloud when they say "help me please", and written
under each button that a phrase works ("Run" -> "run my program").

A child who cannot read a list of commands still hears one; it names only what works on
this screen (in a level: the level's own blocks), so it stays short. A child who reads sees
the phrase where the button is: the phrases are not the buttons' names ("Start again" is
"begin again"), chosen so that classroom talk is not taken for them.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from accessibility.presenters.workspace_presenter import CONTROLS, RUN_ID, palette_id
from adapters.events import SPEECH_SOURCE

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


SPEECH_PREFIX = f"{SPEECH_SOURCE}:"  # binding ids of voice commands


def target_for(intent: str) -> str | None:
    """The id of the button that does what ``intent`` (a profile binding) does, if any."""
    if intent.startswith("add:"):
        return palette_id(intent[4:])
    if intent == "run":
        return RUN_ID
    if intent in CONTROLS:
        return f"control:{intent}"
    return None


def say_labels(phrases: Mapping[str, Sequence[str]],
               bindings: Mapping[str, str]) -> dict[str, str]:
    """Button id -> the first phrase of the voice command bound to what it does."""
    labels: dict[str, str] = {}
    for control, intent in bindings.items():
        if not control.startswith(SPEECH_PREFIX):
            continue
        target = target_for(intent)
        said = phrases.get(control[len(SPEECH_PREFIX):])
        if target is not None and said:
            labels.setdefault(target, said[0])
    return labels

"""What a voice learner can say: read aloud when they say "help me please", and written
under each button that a phrase works ("Run" -> "run my program").

A child who cannot read a list of commands still hears one; it names only what works on
this screen (the screen's ``CommandTable``: in a level, the level's own blocks and what can
be done to the program now), so it stays short. A child who reads sees the phrase where the
button is: the phrases are not the buttons' names ("Start again" is "begin again"), chosen
so that classroom talk is not taken for them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from adapters.events import SPEECH_SOURCE

SPEECH_PREFIX = f"{SPEECH_SOURCE}:"  # binding ids of voice commands


def spoken(phrases: Mapping[str, Sequence[str]], bindings: Mapping[str, str]) -> dict[str, str]:
    """Command (a binding's intent: ``run``, ``add:collect``) -> the first phrase of the
    voice command bound to it. Switches bound to a command are not something to say."""
    said: dict[str, str] = {}
    for control, intent in bindings.items():
        if not control.startswith(SPEECH_PREFIX):
            continue
        words = phrases.get(control[len(SPEECH_PREFIX):])
        if words:
            said.setdefault(intent, words[0])
    return said


def phrases_here(phrases: Mapping[str, Sequence[str]], bindings: Mapping[str, str],
                 commands: Iterable[str]) -> list[str]:
    """The first phrase of each command in ``commands`` (a screen's ``help_names``), in
    order; commands with no phrase in this language are left out."""
    said = spoken(phrases, bindings)
    return [said[name] for name in commands if name in said]


def say_labels(phrases: Mapping[str, Sequence[str]], bindings: Mapping[str, str],
               targets: Mapping[str, str]) -> dict[str, str]:
    """Button id -> the first phrase of the voice command that does what it does;
    ``targets`` maps a command to its button (``CommandTable.targets``)."""
    said = spoken(phrases, bindings)
    return {target: said[name] for name, target in targets.items() if name in said}

"""Command phrases: present for every command in every locale, unambiguous, whole-utterance."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accessibility.translator import LOCALES
from adapters.speech.grammar import COMMANDS, CommandGrammar, load_phrases, normalise
from tests.adapters.speech_eval import english_decoder

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_command_has_phrases_and_no_phrase_means_two_commands(locale: str) -> None:
    phrases = load_phrases(locale)
    assert set(phrases) == set(COMMANDS)
    seen: dict[tuple[str, ...], str] = {}
    for command, alternatives in phrases.items():
        assert alternatives, f"{locale}: {command} has no phrase"
        for phrase in alternatives:
            words = normalise(phrase)
            assert words, f"{locale}: {command} has an empty alternative"
            assert seen.setdefault(words, command) == command, (
                f"{locale}: {phrase!r} means both {seen[words]} and {command}")


def test_normalise_keeps_what_a_dictionary_spells() -> None:
    assert normalise("Aide-moi !") == ("aide", "moi")
    assert normalise("celui d’avant") == ("celui", "d'avant")
    assert normalise("  Turn   LEFT ") == ("turn", "left")
    assert normalise("à gauche") == ("à", "gauche")


def test_every_command_is_bound_in_the_voice_profile() -> None:
    profile = yaml.safe_load((ROOT / "accessibility/presets/voice.yml").read_text())
    bound = {key.split(":", 1)[1] for key in profile["bindings"] if key.startswith("speech:")}
    assert set(COMMANDS) <= bound, f"unbound: {sorted(set(COMMANDS) - bound)}"


def test_english_phrases_are_all_in_the_bundled_dictionary_and_parse_as_jsgf() -> None:
    decoder = english_decoder()  # set_grammar parses the JSGF inside pocketsphinx
    assert decoder.grammar is not None
    assert decoder.grammar.dropped == ()
    assert len(decoder.grammar.commands) == sum(len(p) for p in load_phrases("en").values())


def test_a_command_must_be_the_whole_utterance() -> None:
    grammar = CommandGrammar.build("en", load_phrases("en"))
    assert grammar.command_for("run my program") == "run"
    assert grammar.command_for("turn left") == "turn_left"
    assert grammar.command_for("run my program now") is None
    assert grammar.command_for("left") is None  # "left" alone is talk, not a command
    assert grammar.command_for("") is None


def test_english_commands_are_phrases_not_single_words() -> None:
    """Single words are acoustically weak and are what classroom talk sounds like."""
    single = [phrase for alternatives in load_phrases("en").values()
              for phrase in alternatives if len(normalise(phrase)) < 2]
    assert single == []


def test_phrases_with_unknown_words_are_dropped_not_guessed() -> None:
    grammar = CommandGrammar.build("fr", {"stop": ("stop", "arrête"), "help": ("aide moi",)},
                                   known=lambda word: word in {"stop", "aide"})
    assert grammar.commands == {("stop",): "stop"}
    assert set(grammar.dropped) == {"arrête", "aide moi"}
    jsgf = CommandGrammar.build("fr", {"turn_left": ("à gauche",)}).jsgf()
    assert "public <commands> = ( à gauche ) ;" in jsgf

""""help me please" tells a voice learner what works here, in every language."""
from __future__ import annotations

import pytest

from accessibility.profiles import preset
from accessibility.translator import LOCALES
from accessibility.voice_help import phrases_here, say_labels
from adapters.speech.grammar import load_phrases


def test_english_phrases_for_menus_and_for_a_level_with_two_blocks() -> None:
    phrases = load_phrases("en")
    assert phrases_here(phrases, None) == ["the next one", "previous one", "choose this one",
                                           "take me back", "run my program"]
    assert phrases_here(phrases, ("move_forward", "turn_left", "if_path")) == [
        "move forward", "turn left", "run my program", "undo it", "remove it"]


def test_a_command_with_no_phrase_is_left_out() -> None:
    assert phrases_here({"run": ("run it",), "next": ()}, None) == ["run it"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_names_every_command_useful_in_a_level(locale: str) -> None:
    palette = ("move_forward", "turn_left", "turn_right", "collect", "repeat", "paint")
    assert len(phrases_here(load_phrases(locale), palette)) == 9
    assert len(phrases_here(load_phrases(locale), None)) == 5


@pytest.mark.parametrize("locale", LOCALES)
def test_buttons_get_the_phrase_of_the_command_bound_to_what_they_do(locale: str) -> None:
    phrases = load_phrases(locale)
    labels = say_labels(phrases, preset("voice").bindings)
    assert labels["control:run"] == phrases["run"][0]
    assert labels["control:reset"] == phrases["reset"][0]
    assert labels["palette:collect"] == phrases["collect"][0]
    assert "control:hint" not in labels and "control:map" not in labels  # no command for them
    # only speech bindings: a switch bound to run is not something to say
    assert say_labels(phrases, {"kb:space": "run", "speech:undo": "undo"}) == {
        "control:undo": phrases["undo"][0]}

""""help me please" tells a voice learner what works here, in every language; the phrases
come from the screen's command table, and so do the buttons' phrases."""
from __future__ import annotations

import pytest

from accessibility.presenters.commands import MOVES, CommandTable, ScreenCommand
from accessibility.presenters.workspace_presenter import WorkspacePresenter
from accessibility.profiles import preset
from accessibility.translator import LOCALES, Translator
from accessibility.voice_help import phrases_here, say_labels
from adapters.speech.grammar import load_phrases
from levels.editor import Editor

VOICE = preset("voice").bindings
EVERY_BLOCK = ["move_forward", "turn_left", "turn_right", "collect", "repeat", "paint"]


def workspace(palette: list[str], program: list[str] = ()) -> WorkspacePresenter:
    editor = Editor(palette)
    for kind in program:
        editor.insert(kind, {})
    return WorkspacePresenter(editor, translator=Translator("en"), on_run=lambda: None)


def test_english_phrases_for_menus_and_for_a_level_with_two_blocks() -> None:
    phrases = load_phrases("en")
    menu = CommandTable([ScreenCommand("run", lambda: None, "app.map.next")])
    assert phrases_here(phrases, VOICE, menu.help_names()) == [
        "the next one", "previous one", "choose this one", "take me back", "run my program"]
    level = workspace(["move_forward", "turn_left", "if_path"], program=["move_forward"])
    assert phrases_here(phrases, VOICE, level.commands().help_names()) == [
        "move forward", "turn left", "run my program", "undo it", "remove it"]


def test_help_names_only_what_works_now() -> None:
    """An empty program: nothing to undo, nothing to remove, so neither is named."""
    names = workspace(["move_forward"]).commands().help_names()
    assert names == ["add:move_forward", "run"]


def test_a_command_with_no_phrase_is_left_out() -> None:
    phrases = {"run": ("run it",), "next": ()}
    assert phrases_here(phrases, VOICE, [*MOVES, "run"]) == ["run it"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_names_every_command_useful_in_a_level(locale: str) -> None:
    level = workspace(EVERY_BLOCK, program=["move_forward"])
    assert len(phrases_here(load_phrases(locale), VOICE, level.commands().help_names())) == 9
    assert len(phrases_here(load_phrases(locale), VOICE, [*MOVES, "run"])) == 5


@pytest.mark.parametrize("locale", LOCALES)
def test_buttons_get_the_phrase_of_the_command_bound_to_what_they_do(locale: str) -> None:
    phrases = load_phrases(locale)
    targets = workspace(EVERY_BLOCK).commands().targets()
    labels = say_labels(phrases, VOICE, targets)
    assert labels["control:run"] == phrases["run"][0]
    assert labels["control:reset"] == phrases["reset"][0]
    assert labels["palette:collect"] == phrases["collect"][0]
    assert "control:hint" not in labels and "control:map" not in labels  # no command for them
    # only speech bindings: a switch bound to run is not something to say
    assert say_labels(phrases, {"kb:space": "run", "speech:undo": "undo"}, targets) == {
        "control:undo": phrases["undo"][0]}

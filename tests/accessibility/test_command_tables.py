"""Every screen's command table: each entry's label exists in all six languages, a command
that works is carried out and one that does not is refused, and voice help names exactly
the table's enabled commands meant for help (after the moves, on menus)."""
from __future__ import annotations

import pytest

from accessibility.actions import Command
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import MOVES, CommandTable, ScreenCommand
from accessibility.presenters.level_complete_presenter import LevelCompletePresenter
from accessibility.presenters.level_map_presenter import LevelMapPresenter
from accessibility.presenters.settings_presenter import SettingsDraft, SettingsPresenter
from accessibility.presenters.voice_training_presenter import VoiceTrainingPresenter
from accessibility.presenters.workspace_presenter import RUN_ID, WorkspacePresenter
from accessibility.profiles import preset
from accessibility.translator import Translator
from levels.blocks import CATALOGUE
from levels.editor import Editor
from levels.packs import load_packs

TRANSLATOR = Translator("en")
PACKS = load_packs()


def nothing(*_args: object) -> None:
    pass


def screens() -> dict[str, ScreenPresenter]:
    packs = PACKS
    editor = Editor(list(CATALOGUE))
    editor.insert("move_forward", {})
    return {
        "workspace": WorkspacePresenter(
            editor, translator=TRANSLATOR, on_run=nothing, on_step=nothing,
            on_reset=nothing, on_hint=nothing, on_map=nothing, on_stop=nothing),
        "map": LevelMapPresenter(packs.tracks, {}, track="junior", title=TRANSLATOR.t,
                                 on_open=nothing, on_back=nothing),
        "complete": LevelCompletePresenter(stars=3, has_next=True, on_next=nothing,
                                           on_replay=nothing, on_map=nothing),
        "settings": SettingsPresenter(
            SettingsDraft(preset("touch"), "en"), on_change=nothing, on_save=nothing,
            on_cancel=nothing, on_export=nothing, on_add_learner=nothing,
            on_message=nothing, translate=TRANSLATOR.t),
        "voice_training": VoiceTrainingPresenter(["run my program"], "Sam", on_say=nothing,
                                                 on_finish=nothing, on_leave=nothing)}


@pytest.mark.parametrize("screen", sorted(screens()))
def test_every_entry_has_a_label_in_all_six_languages(screen: str) -> None:
    table = screens()[screen].commands()
    assert list(table), f"{screen} has no commands"
    missing = [e.label_key for e in table if not TRANSLATOR.has_all(e.label_key)]
    assert missing == []
    names = [e.name for e in table]
    assert len(names) == len(set(names))  # one entry per command


@pytest.mark.parametrize("screen", sorted(screens()))
def test_help_names_exactly_the_enabled_commands_meant_for_it(screen: str) -> None:
    table = screens()[screen].commands()
    wanted = [e.name for e in table if e.enabled() and e.in_help]
    moves = list(MOVES) if table.moves else []
    assert table.help_names() == moves + wanted


def test_the_workspace_buttons_come_from_its_table() -> None:
    presenter = screens()["workspace"]
    table = presenter.commands()
    model = presenter.model()
    for name, target_id in table.targets().items():
        target, entry = model.find(target_id), table.get(name)
        assert target is not None and entry is not None, name
        assert target.label_key == entry.label_key
        if not name.startswith("add:"):  # a block that does not fit here is only greyed
            assert target.enabled == entry.enabled(), name
    assert table.targets()["run"] == RUN_ID


def test_a_disabled_or_unknown_command_is_refused_and_an_enabled_one_runs() -> None:
    done: list[str] = []
    table = CommandTable([
        ScreenCommand("run", lambda: done.append("run"), "access.control.run"),
        ScreenCommand("undo", lambda: done.append("undo"), "access.control.undo",
                      enabled=lambda: False)])
    assert table.execute(Command("run")) and done == ["run"]
    assert not table.execute(Command("undo")) and done == ["run"]
    assert not table.execute(Command("fly")) and done == ["run"]


def test_undo_through_the_table_changes_the_program_and_is_refused_when_nothing_is_left() -> None:
    editor = Editor(["move_forward"])
    presenter = WorkspacePresenter(editor, translator=TRANSLATOR)
    assert presenter.execute(Command("add:move_forward"))
    assert len(editor.blocks()) == 1
    assert presenter.execute(Command("undo"))
    assert len(editor.blocks()) == 0
    assert not presenter.execute(Command("undo"))  # nothing left to undo
    assert not presenter.execute(Command("delete"))  # nothing before the cursor



def test_undo_and_redo_are_said_with_the_programs_new_size() -> None:
    """A switch or voice learner cannot see which block went away or came back."""
    said: list[str] = []
    editor = Editor(["move_forward", "turn_left"])
    presenter = WorkspacePresenter(editor, translator=TRANSLATOR,
                                   on_message=lambda m: said.append(TRANSLATOR.t(m.key, **m.params)))
    presenter.execute(Command("add:move_forward"))
    presenter.execute(Command("add:turn_left"))
    said.clear()
    assert presenter.execute(Command("undo"))
    assert said == ["Undone. One block in your program."]
    assert presenter.execute(Command("undo"))
    assert presenter.execute(Command("redo"))
    assert said[1:] == ["Undone. Your program is empty.", "Done again. One block in your program."]

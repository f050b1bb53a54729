"""Issue 19 in the core (no window): Run becomes Stop while running, edits are locked and
said during a run, added/removed/moved blocks are said, menus and dialogs have a Cancel,
the outcome is announced for holding, Python errors are said, and a touch palette keeps
its order."""
from __future__ import annotations

from typing import Mapping

import pytest

from accessibility.clock import FakeClock
from accessibility.narrator import Priority
from accessibility.presenters.workspace_presenter import (CANCEL_ID, MENU_ID, PARAM_ID, RUN_ID,
                                                          block_id, palette_id)
from accessibility.profiles import AccessProfile
from accessibility.translator import Translator
from app.workspace_session import WorkspaceSession
from levels.packs import load_packs

PACKS = load_packs()


class Speaker:
    """Records what is said; ``finish()`` ends the utterances (their ``on_done``)."""

    def __init__(self) -> None:
        self.said: list[tuple[str, dict[str, object]]] = []
        self._done: list = []

    def say(self, key: str, params: Mapping[str, object] | None = None, *,
            priority: Priority = Priority.NORMAL, on_done=None) -> int:
        self.said.append((key, dict(params or {})))
        if on_done is not None:
            self._done.append(on_done)
        return len(self.said)

    def silence(self) -> None:
        pass

    def finish(self) -> None:
        done, self._done = self._done, []
        for callback in done:
            callback(True)

    def keys(self) -> list[str]:
        return [key for key, _params in self.said]


def make(level_id: str = "junior_02", palette_order=None):
    clock, speaker = FakeClock(), Speaker()
    finished: list[object] = []
    session = WorkspaceSession(PACKS.level(level_id), translator=Translator("en"),
                               speaker=speaker, clock=clock, profile=AccessProfile(),
                               on_finished=lambda outcome, _s: finished.append(outcome),
                               on_map=lambda: None, palette_order=palette_order)
    return session, speaker, clock, finished


def activate(session: WorkspaceSession, target_id: str) -> None:
    target = session.presenter.model().find(target_id)
    assert target is not None, target_id
    target.activate()


def run_to_end(session, speaker, clock) -> None:
    for _ in range(200):
        if not session.running:
            return
        speaker.finish()
        clock.advance(1.0)
    raise AssertionError("the run never ended")


def test_run_becomes_a_visible_stop_while_running_and_back() -> None:
    session, speaker, clock, _finished = make()
    activate(session, palette_id("move_forward"))
    models = []
    session.presenter.model_changed.connect(lambda root, _focus: models.append(root))
    activate(session, RUN_ID)
    assert session.running
    run = models[-1].find(RUN_ID)
    assert run is not None and run.label_key == "app.command.stop"
    activate(session, RUN_ID)  # the Stop button stops
    assert not session.running
    assert "narration.events.program_stopped" in speaker.keys()
    assert models[-1].find(RUN_ID).label_key == "access.control.run"


def test_editing_is_refused_and_said_while_running() -> None:
    session, speaker, clock, _finished = make()
    activate(session, palette_id("move_forward"))
    activate(session, RUN_ID)
    count = session.editor.block_count
    for edit in (palette_id("move_forward"), "control:undo"):
        speaker.said.clear()
        activate(session, edit)
        assert speaker.keys() == ["editor.error.running"], edit
    assert session.editor.block_count == count
    assert session.running  # the run goes on, the robot does not snap back


def test_added_removed_and_moved_blocks_are_said() -> None:
    session, speaker, _clock, _finished = make()
    activate(session, palette_id("move_forward"))
    activate(session, palette_id("turn_right"))
    assert speaker.said[-2:] == [("narration.events.block_added", {"block": "Move forward"}),
                                 ("narration.events.block_added", {"block": "Turn right"})]
    first = session.editor.blocks()[0].uid
    activate(session, block_id(first))
    session.presenter.model()  # the menu is published, not in the plain model
    speaker.said.clear()
    menu_root = []
    session.presenter.model_changed.connect(lambda root, _f: menu_root.append(root))
    activate(session, block_id(first))
    menu_root[-1].find("menu:move").activate()
    end = session.presenter.model().find_group("move_to").children[-2]
    end.activate()
    assert speaker.said[-1] == ("narration.events.block_moved", {"block": "Move forward"})
    moved = session.editor.blocks()[-1].uid
    activate(session, block_id(moved))
    menu_root[-1].find("menu:delete").activate()
    assert speaker.said[-1] == ("narration.events.block_removed", {"block": "Move forward"})
    assert [b.kind for b in session.editor.blocks()] == ["turn_right"]


@pytest.mark.parametrize("opened", [MENU_ID, PARAM_ID, "move_to"])
def test_every_menu_and_dialog_has_a_cancel_that_changes_nothing(opened) -> None:
    session, _speaker, _clock, _finished = make("junior_09" if opened == PARAM_ID
                                                else "junior_02")
    roots = []
    session.presenter.model_changed.connect(lambda root, _f: roots.append(root))
    if opened == PARAM_ID:
        kind = next(k for k in session.level.palette if session.presenter.port.param_choices(k))
        activate(session, palette_id(kind))
    else:
        activate(session, palette_id(session.level.palette[0]))
        activate(session, block_id(session.editor.blocks()[0].uid))
        if opened == "move_to":
            roots[-1].find("menu:move").activate()
    before = [b.kind for b in session.editor.blocks()]
    group = roots[-1].find_group(opened)
    assert group is not None and group.children[-1].id == CANCEL_ID
    group.children[-1].activate()
    assert roots[-1].find_group(opened) is None
    assert [b.kind for b in session.editor.blocks()] == before


def test_the_outcome_is_announced_and_its_end_of_narration_signalled() -> None:
    session, speaker, clock, finished = make()
    held, said = [], []
    session.listeners.outcome.connect(held.append)
    session.listeners.outcome_said.connect(lambda: said.append(1))
    activate(session, palette_id("move_forward"))
    activate(session, RUN_ID)
    run_to_end(session, speaker, clock)
    assert len(finished) == 1 and len(held) == 1
    assert held[0].key.startswith("levels.outcome.")  # one forward: not at the goal yet
    assert not said  # the outcome is still being said
    speaker.finish()
    assert said == [1]


def test_python_errors_are_said() -> None:
    session, speaker, _clock, _finished = make()
    problems = session.type_python("move_forward(\n")
    assert problems
    assert speaker.said[-1][0] == problems[0].key


def test_a_touch_palette_keeps_its_order_as_the_program_grows() -> None:
    session, _speaker, _clock, _finished = make("junior_03")
    order = session.presenter.palette_kinds()
    for kind in ("turn_left", "turn_left", "move_forward", "turn_right"):
        activate(session, palette_id(kind))
        assert session.presenter.palette_kinds() == order == list(session.level.palette)


def test_a_scanned_palette_may_reorder() -> None:
    reversed_order = lambda kinds, _port: list(reversed(kinds))  # noqa: E731
    session, _speaker, _clock, _finished = make("junior_03", palette_order=reversed_order)
    assert session.presenter.palette_kinds() != list(session.level.palette)


def test_a_hint_points_at_its_squares_and_the_missing_block() -> None:
    session, speaker, _clock, _finished = make("junior_04")  # stars to pick up
    marks = []
    session.listeners.hint.connect(marks.append)
    session.hint()
    level = session.level
    assert speaker.keys()[-1] == level.hint_key
    assert marks[-1].cells == level.world.stars | {level.world.goal}
    assert marks[-1].block == "move_forward"  # the solution's first block, not placed yet
    activate(session, palette_id("move_forward"))
    assert marks[-1].cells == frozenset() and marks[-1].block is None  # the hint was before
    session.hint()
    assert marks[-1].block == "collect"


def test_cancelling_a_new_blocks_count_goes_back_to_the_palette() -> None:
    session, _speaker, _clock, _finished = make("junior_09")
    focus = []
    session.presenter.model_changed.connect(lambda _root, where: focus.append(where))
    activate(session, palette_id("repeat"))
    assert focus[-1] == PARAM_ID
    session.presenter.cancel()
    assert focus[-1] == "palette" and session.editor.block_count == 0

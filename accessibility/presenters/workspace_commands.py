"""The workspace's direct commands (voice, labelled big buttons) as its command table, and
the run button and the controls built from it.

A mixin of ``WorkspacePresenter``: the table needs the presenter's editor port, callbacks and
edits, and keeping it here keeps the presenter about the scan model.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from accessibility.actions import Command
from accessibility.message import Message, MessageSink
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.presenters.editor_port import EditorPort
from accessibility.presenters.workspace_places import Pending, palette_id
from accessibility.scan_model import Group, Target
from levels.blocks import CATALOGUE, value_key
from levels.editor import EditError

CONTROLS_ID = "controls"
CONTROLS = ("step", "reset", "undo", "redo", "hint", "map")
CALLBACKS = ("run", "step", "reset", "hint", "map", "stop")  # what the session does
HELPFUL = ("run", "undo", "delete")  # named by voice help, after the level's blocks
LABELS = {"delete": "access.menu.delete", "stop": "app.command.stop"}  # no button of their own
log = logging.getLogger(__name__)

RUN_ID = "control:run"
RUNNING_KEY = "editor.error.running"


class WorkspaceCommands:
    """``commands()``, ``execute`` and the buttons of the workspace presenter."""

    port: EditorPort
    _on: dict[str, Callable[[], None] | None]
    _on_message: MessageSink | None
    _pending: Pending | None
    _add: Callable[[str], None]
    _changed: Callable[..., None]
    _name: Callable[[str], str]
    _translate: Callable[..., str]
    running: Callable[[], bool]

    def _run(self) -> Target:
        """Run, or while the program runs a visible Stop in its place (same stop)."""
        if self.running():
            return Target(RUN_ID, LABELS["stop"], self._commander("stop"))
        return self._button(self.commands(), "run")

    def _controls(self) -> Group:
        table = self.commands()
        return Group(CONTROLS_ID, "access.group.controls",
                     [self._button(table, name) for name in CONTROLS])

    def _button(self, table: CommandTable, name: str) -> Target:
        """The scan target of a command that has one (its id is the entry's target)."""
        entry = table.get(name)
        assert entry is not None and entry.target is not None
        return Target(entry.target, entry.label_key, self._commander(name),
                      enabled=entry.enabled())

    def commands(self) -> CommandTable:
        """Adding each of the level's blocks, then the program's commands."""
        entries = [ScreenCommand(f"add:{kind}", self._add_now(kind),
                                 self.port.label_key(kind), target=palette_id(kind))
                   for kind in self.port.palette()]
        entries += [ScreenCommand(
            name, self._caller(name), LABELS.get(name, f"access.control.{name}"),
            enabled=self._has(name), in_help=name in HELPFUL,
            target=f"control:{name}" if name in CONTROLS or name == "run" else None)
            for name in ("run", "step", "reset", "undo", "redo", "delete", "hint", "map",
                         "stop")]
        return CommandTable(entries, moves=False)

    def _has(self, name: str) -> Callable[[], bool]:
        """Whether the command works now: something to undo, a callback given ..."""
        if name == "undo":
            return self.port.can_undo
        if name == "redo":
            return self.port.can_redo
        if name == "delete":
            return lambda: self.port.cursor()[1] > 0
        return lambda: self._on[name] is not None

    def _caller(self, name: str) -> Callable[[], None]:
        if name in CALLBACKS:
            return lambda: self._on[name]()  # type: ignore[misc]
        return {"undo": self._undo, "redo": self._redo, "delete": self._delete_before}[name]

    def _add_now(self, kind: str) -> Callable[[], None]:
        """A block added by a direct command: a choice in progress is dropped first."""
        def add() -> None:
            self._pending = None
            self._add(kind)
        return add

    def _commander(self, name: str) -> Callable[[], object]:
        return lambda: self.execute(Command(name))

    def execute(self, command: Command) -> bool:
        """Carry out a direct command (``commands()``); ``False`` if it does not apply
        here. A block this level does not have is said, so a voice user knows why nothing
        came."""
        if self.commands().execute(command):
            return True
        if command.verb == "add" and command.argument in CATALOGUE \
                and command.argument not in self.port.palette() \
                and self._on_message is not None:
            self._on_message(Message("editor.error.not_allowed",
                                     self._spoken_params({"block": command.argument})))
        return False

    def _undo(self) -> None:
        self._step_history(self.port.undo, "narration.events.undone")

    def _redo(self) -> None:
        self._step_history(self.port.redo, "narration.events.redone")

    def _step_history(self, step: Callable[[], None], done_key: str) -> None:
        """Undo or redo, said with the program's new size: a switch or voice learner
        cannot see which block came back or went away."""
        if not self._edit(step):
            return
        self._say(Message(done_key, {"count": self.port.block_count()}))
        self._changed(focus=None)

    def _delete_before(self) -> None:
        """The block just before the cursor (what a voice learner just added)."""
        parent, position = self.port.cursor()
        path = (*parent, position - 1)
        block = self.port.block_at(path)
        self._edit(lambda: self.port.delete(path), "narration.events.block_removed",
                   block.kind if block is not None else "")
        self._changed(focus=None)

    # -- edits, said ----------------------------------------------------------------------

    def _spoken_params(self, params: dict[str, object]) -> dict[str, object]:
        """A message's values as words: a block id becomes its name, a function its name."""
        spoken = dict(params)
        if "block" in spoken:
            spoken["block"] = self._name(str(spoken["block"]))
        if "name" in spoken:
            spoken["name"] = self._translate(value_key("name", spoken["name"]))
        return spoken

    def _edit(self, change: Callable[[], None], done_key: str = "", kind: str = "") -> bool:
        """Carry out an edit and say it (``done_key`` about the block ``kind``); a refused
        one, or any edit while the program runs, is said and changes nothing."""
        if self.refused_while_running():
            return False
        try:
            change()
        except EditError as error:
            log.info("edit refused: %s", error)
            self._say(Message(error.key, self._spoken_params(error.params)))
            return False
        if done_key:
            self._say(Message(done_key, self._spoken_params({"block": kind})))
        return True

    def refused_while_running(self) -> bool:
        """Editing is locked during a run: the robot would snap back mid-way."""
        if not self.running():
            return False
        self._say(Message(RUNNING_KEY))
        return True

    def _say(self, message: Message) -> None:
        if self._on_message is not None:
            self._on_message(message)

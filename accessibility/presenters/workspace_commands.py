"""The workspace's direct commands (voice, labelled big buttons) as its command table, and
the run button and the controls built from it.

A mixin of ``WorkspacePresenter``: the table needs the presenter's editor port, callbacks and
edits, and keeping it here keeps the presenter about the scan model.
"""
from __future__ import annotations

from collections.abc import Callable

from accessibility.actions import Command
from accessibility.message import Message, MessageSink
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.presenters.editor_port import EditorPort
from accessibility.presenters.workspace_places import Pending, palette_id
from accessibility.scan_model import Group, Target
from levels.blocks import CATALOGUE

CONTROLS_ID = "controls"
CONTROLS = ("step", "reset", "undo", "redo", "hint", "map")
CALLBACKS = ("run", "step", "reset", "hint", "map", "stop")  # what the session does
HELPFUL = ("run", "undo", "delete")  # named by voice help, after the level's blocks
LABELS = {"delete": "access.menu.delete", "stop": "app.command.stop"}  # no button of their own
RUN_ID = "control:run"


class WorkspaceCommands:
    """``commands()``, ``execute`` and the buttons of the workspace presenter."""

    port: EditorPort
    _on: dict[str, Callable[[], None] | None]
    _on_message: MessageSink | None
    _pending: Pending | None
    _add: Callable[[str], None]
    _changed: Callable[..., None]
    _edit: Callable[[Callable[[], None]], bool]
    _spoken_params: Callable[[dict[str, object]], dict[str, object]]

    def _run(self) -> Target:
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
        self.port.undo()
        self._changed(focus=None)

    def _redo(self) -> None:
        self.port.redo()
        self._changed(focus=None)

    def _delete_before(self) -> None:
        """The block just before the cursor (what a voice learner just added)."""
        parent, position = self.port.cursor()
        self._edit(lambda: self.port.delete((*parent, position - 1)))
        self._changed(focus=None)

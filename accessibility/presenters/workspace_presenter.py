"""The workspace screen as a scan model: palette, program and controls.

Built from the level editor's state on every change; ids are stable so the scanner's
highlight follows a block or an insertion point when the program changes.

- ``palette``: the level's allowed blocks. Choosing one inserts it at the cursor; a block
  with a parameter (repeat count 2–10, a colour) first opens a small ``parameter`` group.
- ``program``: the cursor's insertion point first (choosing a block right after choosing
  the palette is the common case, so "here" costs one step), then the program in reading
  order: insertion points and blocks. Choosing an insertion point moves the cursor there
  and opens the palette; choosing a block opens its ``block_menu`` (delete, change the
  parameter, move). Moving shows only the insertion points (``move_to`` group).
- ``control:run`` on its own, right after the palette: the one control every attempt
  needs, one stop away once the last block is placed.
- ``controls``: step, reset, undo, redo (disabled when there is nothing), the level's
  hint, and back to the level map.

A palette block that cannot go at the cursor (an ``else`` with no ``if`` before it, a
function inside a loop) is disabled, so scanning skips it. An edit the level refuses
(too many blocks) is said through ``on_message`` with the editor's i18n key; the program
stays as it was.

Direct commands (voice, labelled big buttons) are the ``commands()`` table: ``add:<block>``,
``run``, ``step``, ``reset``, ``undo``, ``redo``, ``delete`` (the block before the cursor),
``hint``, ``map``, ``stop``; the run button and the controls are built from it.

Nothing here touches the editor's internals: ``EditorPort`` is the one place that knows
the editor's method names.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypedDict

from accessibility.block_labels import block_label
from accessibility.guided_presenter import GROUP_ID as GUIDED_ID
from accessibility.guided_presenter import GuidedPresenter
from accessibility.message import MessageSink
from accessibility.prediction import PaletteOrder, ValueOrder
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.editor_port import BlockInfo, EditorPort, Path
from accessibility.presenters.workspace_commands import (CONTROLS, CONTROLS_ID, RUN_ID,
                                                         WorkspaceCommands)
from accessibility.presenters.workspace_places import (Pending, block_id, exits, insertion_id,
                                                       inside, palette_id, param_id,
                                                       value_label)
from accessibility.scan_model import BlockRef, Group, InsertionPoint, PaletteBlock, Target
from accessibility.translator import Translator

log = logging.getLogger(__name__)

ROOT_ID = "workspace"
PALETTE_ID = "palette"
PROGRAM_ID = "program"
MENU_ID = "block_menu"
PARAM_ID = "parameter"
MOVE_ID = "move_to"
EXIT_ID = "palette:exit"
CANCEL_ID = "menu:cancel"
Arrange = Callable[[list[Group | Target], "WorkspacePresenter"], list[Group | Target]]
"""Reorders (or adds to) the workspace's top groups, e.g. the suggested next step first."""
Lead = Callable[["WorkspacePresenter"], "str | None"]
"""Where the scan goes after an edit (e.g. Run once the program solves the level)."""


class ScanHooks(TypedDict, total=False):
    """How a scanning learner's workspace is ordered (``accessibility.next_step``)."""

    palette_order: PaletteOrder | None
    value_order: ValueOrder | None
    arrange: Arrange | None
    lead: Lead | None
__all__ = ["CANCEL_ID", "CONTROLS", "CONTROLS_ID", "RUN_ID", "WorkspacePresenter", "block_id",
           "insertion_id", "palette_id", "param_id"]



class WorkspacePresenter(WorkspaceCommands, ScreenPresenter):
    """Turns the level editor into one scan model and carries out what a learner chose."""

    def __init__(self, editor: object, *, translator: Translator,
                 on_run: Callable[[], None] | None = None,
                 on_step: Callable[[], None] | None = None,
                 on_reset: Callable[[], None] | None = None,
                 on_hint: Callable[[], None] | None = None,
                 on_map: Callable[[], None] | None = None,
                 on_stop: Callable[[], None] | None = None,
                 on_changed: Callable[[], None] | None = None,
                 on_message: MessageSink | None = None,
                 palette_order: PaletteOrder | None = None,
                 value_order: ValueOrder | None = None,
                 arrange: Arrange | None = None,
                 lead: Lead | None = None) -> None:
        super().__init__()
        self.port = EditorPort(editor)
        self._translator = translator
        self._on = {"run": on_run, "step": on_step, "reset": on_reset, "hint": on_hint,
                    "map": on_map, "stop": on_stop}
        self._on_message = on_message
        self._palette_order = palette_order
        self._value_order = value_order
        self._arrange = arrange
        self._lead = lead  # where the scan goes after an edit (e.g. Run once it solves)
        self._on_changed = on_changed
        self._pending: Pending | None = None
        self._guided: GuidedPresenter | None = None
        self.running: Callable[[], bool] = lambda: False  # the session's run under way

    # -- the model ------------------------------------------------------------------------

    def attach_guided(self, guided: GuidedPresenter) -> None:
        """Guided mode: while it has a step, the screen offers only its choices and the
        controls; when it is done, the whole workspace comes back."""
        self._guided = guided
        guided.on_model_changed(lambda _group: self._publish(focus=GUIDED_ID))

    def model(self) -> Group:
        guided = self._guided
        if guided is not None and guided.session.state is not None:
            return Group(ROOT_ID, "access.group.workspace",
                         [guided.group(), self._run(), self._controls()])
        pending = self._pending
        if pending is not None and pending.missing:
            return Group(ROOT_ID, "access.group.workspace", [self._param_group(pending)])
        if pending is not None and pending.move_path is not None:
            return Group(ROOT_ID, "access.group.workspace", [self._move_group(pending)])
        children: list[Group | Target] = [self._palette(), self._run(), self._program(),
                                           self._controls()]
        if self._arrange is not None:
            children = self._arrange(children, self)
        return Group(ROOT_ID, "access.group.workspace", children)

    def cursor_id(self) -> str:
        """The insertion point id where the next block goes."""
        parent, position = self.port.cursor()
        return insertion_id(parent, position)

    def palette_kinds(self) -> list[str]:
        kinds = self.port.palette()
        if self._palette_order is not None:
            ordered = self._palette_order(list(kinds), self.port)
            if sorted(ordered) == sorted(kinds):
                kinds = ordered
        return kinds

    def _palette(self) -> Group:
        """The level's blocks, and inside a loop or an if a way out of it: "Continue after
        Repeat" moves the cursor past the container without a trip to the program."""
        children: list[Group | Target] = [
            Target(palette_id(kind), self.port.label_key(kind), self._adder(kind),
                   description_key="access.palette.add", enabled=self.port.fits(kind),
                   payload=PaletteBlock(kind))
            for kind in self.palette_kinds()]
        parent, _position = self.port.cursor()
        if parent:
            owner = self.port.block_at(parent)
            exit_target = Target(EXIT_ID, "access.palette.exit",
                                 self._cursor_setter(*exits((parent, 0))[0]),
                                 params={"block": self._name(owner.kind) if owner else ""})
            # once the body holds a block, leaving it is the likeliest next choice but one
            children.insert(1 if self.port.children(parent) else len(children), exit_target)
        return Group(PALETTE_ID, "access.group.palette", children)

    def shortcut_to(self, place_id: str) -> str | None:
        """The palette's way out of a container, when it leads to ``place_id``."""
        parent, _position = self.port.cursor()
        if parent and insertion_id(*exits((parent, 0))[0]) == place_id:
            return EXIT_ID
        return None

    def _program(self) -> Group:
        """The cursor first, then the ways out of the containers around it (after a
        loop's body the next block most often goes after the loop), then the rest."""
        cursor = self.port.cursor()
        ways_out = exits(cursor)
        children: list[Group | Target] = [self._insertion(*cursor, current=True)]
        children += [self._insertion(*place) for place in ways_out]
        for item in self._walk(self.port.blocks(), ()):
            if isinstance(item, tuple):
                if item != cursor and item not in ways_out:
                    children.append(self._insertion(*item))
            else:
                path, block = item.path, item
                key, params = block_label(block.kind, block.params, self._translate)
                children.append(Target(block_id(block.uid), key, self._opener(path),
                                       params=params, description_key="access.program.block",
                                       payload=BlockRef(block.uid, block.kind, path)))
        return Group(PROGRAM_ID, "access.group.program", children)

    def reading_order(self) -> list[str]:
        """Insertion point and block ids as the program reads (the cursor in its place),
        for drawing the program; the scan model puts the cursor first instead."""
        return [insertion_id(*item) if isinstance(item, tuple) else block_id(item.uid)
                for item in self._walk(self.port.blocks(), ())]

    def _walk(self, blocks: Sequence[BlockInfo], parent: Path) -> list[tuple[Path, int] | BlockInfo]:
        """Insertion points (``(parent, position)``) and blocks in reading order."""
        out: list[tuple[Path, int] | BlockInfo] = []
        for position, block in enumerate(blocks):
            out.append((parent, position))
            out.append(block)
            if block.body is not None:
                out.extend(self._walk(block.body, block.path))
        out.append((parent, len(blocks)))
        return out

    def _insertion(self, parent: Path, position: int, current: bool = False,
                   action: Callable[[], None] | None = None) -> Target:
        key, params = self._where(parent, position)
        return Target(insertion_id(parent, position),
                      "access.insert.here" if current else key,
                      action or self._cursor_setter(parent, position),
                      params={**params, "where": key}, description_key=key,
                      payload=InsertionPoint(parent, position))

    def _where(self, parent: Path, position: int) -> tuple[str, dict[str, object]]:
        siblings = self.port.children(parent)
        owner = self.port.block_at(parent) if parent else None
        if position > 0:
            return "access.insert.after", {"block": self._name(siblings[position - 1].kind)}
        if owner is not None:
            return "access.insert.inside", {"block": self._name(owner.kind)}
        return "access.insert.start", {}

    def _name(self, kind: str) -> str:
        """A block's spoken name, to go inside another label ("After move forward")."""
        return self._translate(self.port.label_key(kind))

    def _translate(self, key: str, **params: object) -> str:
        return self._translator.t(key, **params)

    def _param_group(self, pending: Pending) -> Group:
        name = pending.missing[0]
        values = tuple(self.port.param_choices(pending.kind).get(name, ()))
        if self._value_order is not None and pending.change_path is None:
            ordered = tuple(self._value_order(pending.kind, name, values))
            values = ordered if sorted(map(str, ordered)) == sorted(map(str, values)) else values
        return Group(PARAM_ID, f"access.param.{name}", [
            *(self._param_target(name, value) for value in values), self._cancel_target()])

    def _param_target(self, name: str, value: object) -> Target:
        key, params = value_label(name, value)
        return Target(param_id(name, value), key, self._param_chooser(name, value), params=params)

    def _menu_group(self, path: Path) -> Group:
        block = self.port.block_at(path)
        assert block is not None
        children: list[Group | Target]
        children = [Target("menu:delete", "access.menu.delete", lambda: self._delete(path))]
        if self.port.param_choices(block.kind):
            children.append(Target("menu:change", "access.menu.change",
                                   lambda: self._change(path)))
        children.append(Target("menu:move", "access.menu.move", lambda: self._start_move(path)))
        children.append(self._cancel_target())
        return Group(MENU_ID, "access.group.block_menu", children,
                     params={"block": self._name(block.kind)})

    def _move_group(self, pending: Pending) -> Group:
        moving = pending.move_path
        assert moving is not None
        spots = [item for item in self._walk(self.port.blocks(), ())
                 if isinstance(item, tuple) and not inside(item[0], moving)]
        children: list[Group | Target] = [
            self._insertion(parent, position, action=self._mover(parent, position))
            for parent, position in spots]
        children.append(self._cancel_target())
        return Group(MOVE_ID, "access.group.move_to", children)

    # -- what choosing does ---------------------------------------------------------------

    def _adder(self, kind: str) -> Callable[[], None]:
        return lambda: self._add(kind)

    def _add(self, kind: str, params: dict[str, object] | None = None) -> None:
        if self.refused_while_running():
            return
        missing = [name for name in self.port.param_choices(kind) if name not in (params or {})]
        if missing:
            self._pending = Pending(kind=kind, params=dict(params or {}), missing=missing)
            self._publish(focus=PARAM_ID)
            return
        if self._edit(lambda: self.port.insert(kind, params or {}),
                      "narration.events.block_added", kind):
            self._changed(focus=None)

    def place(self, parent: Path, position: int, kind: str, params: dict[str, object]) -> None:
        """Put a block with all its parameters at a place in one choice (a suggested
        step); a refused edit is said and changes nothing."""
        self._pending = None
        self.port.set_cursor(parent, position)
        if self._edit(lambda: self.port.insert(kind, params), "narration.events.block_added",
                      kind):
            self._changed(focus=None)

    def _param_chooser(self, name: str, value: object) -> Callable[[], None]:
        return lambda: self._choose_param(name, value)

    def _choose_param(self, name: str, value: object) -> None:
        pending = self._pending
        if pending is None:
            return
        pending.params[name] = value
        pending.missing.remove(name)
        if pending.missing:
            self._publish(focus=PARAM_ID)
            return
        self._pending = None
        change_path = pending.change_path
        if change_path is not None:
            self._edit(lambda: self.port.set_param(change_path, name, value))
            self._changed(focus=PROGRAM_ID)
        else:
            self._edit(lambda: self.port.insert(pending.kind, pending.params),
                       "narration.events.block_added", pending.kind)
            self._changed(focus=PALETTE_ID)

    def _cursor_setter(self, parent: Path, position: int) -> Callable[[], None]:
        def set_cursor() -> None:
            self.port.set_cursor(parent, position)
            self._publish(focus=PALETTE_ID)
        return set_cursor

    def _opener(self, path: Path) -> Callable[[], None]:
        def open_menu() -> None:
            root = self.model()
            program = next(c for c in root.children if c.id == PROGRAM_ID)
            assert isinstance(program, Group)
            program.children.append(self._menu_group(path))
            self._publish(focus=MENU_ID, root=root)
        return open_menu

    def _delete(self, path: Path) -> None:
        self._edit(lambda: self.port.delete(path), "narration.events.block_removed",
                   self._kind_at(path))
        self._changed(focus=PROGRAM_ID)

    def _kind_at(self, path: Path) -> str:
        block = self.port.block_at(path)
        return block.kind if block is not None else ""

    def _change(self, path: Path) -> None:
        if self.refused_while_running():
            return
        block = self.port.block_at(path)
        assert block is not None
        names = list(self.port.param_choices(block.kind))
        self._pending = Pending(kind=block.kind, params=dict(block.params), missing=names[:1],
                                 change_path=path)
        self._publish(focus=PARAM_ID)

    def _start_move(self, path: Path) -> None:
        if self.refused_while_running():
            return
        self._pending = Pending(move_path=path)
        self._publish(focus=MOVE_ID)

    def _mover(self, parent: Path, position: int) -> Callable[[], None]:
        def move() -> None:
            pending = self._pending
            self._pending = None
            if pending is not None and pending.move_path is not None:
                moving = pending.move_path
                self._edit(lambda: self.port.move(moving, parent, position),
                           "narration.events.block_moved", self._kind_at(moving))
            self._changed(focus=PROGRAM_ID)
        return move

    def _cancel_target(self) -> Target:
        return Target(CANCEL_ID, "access.menu.cancel", self.cancel)

    def cancel(self) -> None:
        """Close the open menu or dialog (its Cancel, a tap outside it, Escape); the
        program stays as it was; the scan goes back where the choice began."""
        pending, self._pending = self._pending, None
        adding = pending is not None and bool(pending.kind) and pending.change_path is None
        self._publish(focus=PALETTE_ID if adding else PROGRAM_ID)

    def _changed(self, focus: str | None) -> None:
        if self._on_changed is not None:
            self._on_changed()
        self._publish((self._lead(self) if self._lead is not None else None) or focus)

"""Structured program editing without dragging: insertion points, a cursor, undo and redo.

For a switch user the legal insertion points are the only places worth scanning, so the
editor lists them (per block kind). Every operation is tried on a copy and checked with
``program.problems`` and the level's rules (allowed blocks, ``max_blocks``) before it is
kept: no operation can make an illegal program. A refused operation raises ``EditError``
with an i18n key (namespace ``editor``) a learner can understand; the program is unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from levels.blocks import FUNCTION_NAMES, block_type
from levels.program import (Block, Path, Problem, block_at, clone, container_at, count_blocks,
                            defined_functions, problems, to_solution, walk)

Cursor = tuple[Path, int]
UNDO_LIMIT = 200


class EditError(ValueError):
    """An edit the level does not allow; ``key``/``params`` are the message to show and say."""

    def __init__(self, key: str, params: Mapping[str, object] | None = None,
                 path: Path = ()) -> None:
        super().__init__(f"{key} {dict(params or {})} at {path}")
        self.key = key
        self.params = dict(params or {})
        self.path = path

    @classmethod
    def of(cls, problem: Problem) -> "EditError":
        return cls(problem.key, problem.params, problem.path)


@dataclass(frozen=True)
class _Snapshot:
    blocks: list[Block]
    cursor: Cursor


class Editor:
    """Edits one program for one level: ``palette`` is the level's allowed blocks."""

    def __init__(self, palette: Sequence[str], *, max_blocks: int | None = None,
                 program: Sequence[Block] | None = None) -> None:
        for kind in palette:
            block_type(kind)
        self._palette = list(dict.fromkeys(palette))
        self.max_blocks = max_blocks
        self._blocks: list[Block] = clone(program or [])
        found = problems(self._blocks)
        if found:
            raise EditError.of(found[0])
        self._cursor: Cursor = ((), len(self._blocks))
        self._undo: list[_Snapshot] = []
        self._redo: list[_Snapshot] = []
        self._listeners: list[Callable[[], None]] = []

    # -- reading --------------------------------------------------------------------------

    def palette(self) -> list[str]:
        return list(self._palette)

    def blocks(self) -> list[Block]:
        """The program (do not change it: every change goes through the editor)."""
        return self._blocks

    @property
    def block_count(self) -> int:
        return count_blocks(self._blocks)

    @property
    def cursor(self) -> Cursor:
        return self._cursor

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def param_choices(self, kind: str) -> dict[str, tuple[object, ...]]:
        """Parameter name -> the values that may be chosen now, in order."""
        spec = block_type(kind)
        choices = {param.name: param.choices for param in spec.params}
        defined = defined_functions(self._blocks)
        if kind == "call":
            choices["name"] = tuple(defined)
        elif kind == "define":
            choices["name"] = tuple(n for n in FUNCTION_NAMES if n not in defined)
        return choices

    def all_insertion_points(self) -> list[Cursor]:
        """Every position in every container, in reading order."""
        points: list[Cursor] = []

        def visit(container: Sequence[Block], parent: Path) -> None:
            for index, block in enumerate(container):
                points.append((parent, index))
                if block.body is not None:
                    visit(block.body, (*parent, index))
            points.append((parent, len(container)))

        visit(self._blocks, ())
        return points

    def insertion_points(self, kind: str) -> list[Cursor]:
        """Where a ``kind`` block may be inserted now (empty when it may go nowhere)."""
        return [point for point in self.all_insertion_points()
                if self.check_insert(kind, point) is None]

    def check_insert(self, kind: str, at: Cursor | None = None) -> EditError | None:
        """Why ``kind`` cannot go at ``at`` (default: the cursor), or ``None`` if it can."""
        parent, position = at or self._cursor
        choices = self.param_choices(kind)
        if any(not values for values in choices.values()):
            return EditError("editor.error.no_function" if kind == "call"
                             else "editor.error.no_free_name", {"block": kind})
        try:
            params = {name: values[0] for name, values in choices.items()}
            self._attempt(lambda blocks: container_at(blocks, parent).insert(
                position, Block.make(kind, params)), kinds=(kind,))
        except EditError as error:
            return error
        return None

    # -- editing --------------------------------------------------------------------------

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def set_cursor(self, parent: Path, position: int) -> None:
        parent = tuple(parent)
        if (parent, position) not in self.all_insertion_points():
            raise EditError("editor.error.no_such_place", path=parent)
        self._cursor = (parent, position)

    def insert(self, kind: str, params: Mapping[str, object] | None = None) -> Block:
        """Put a new ``kind`` block at the cursor; the cursor moves inside it (a container)
        or after it, where the next block most likely goes."""
        parent, position = self._cursor
        block = Block.make(kind, params)
        self._commit(lambda blocks: container_at(blocks, parent).insert(position, block),
                     kinds=(kind,))
        path = (*parent, position)
        self._cursor = (path, 0) if block.body is not None else (parent, position + 1)
        self._changed()
        return block

    def delete(self, path: Path) -> None:
        """Remove a block with what it holds; an ``if`` takes its ``else`` along."""
        path = tuple(path)
        parent, index = path[:-1], path[-1]

        def remove(blocks: list[Block]) -> None:
            container = container_at(blocks, parent)
            removed = container.pop(index)
            if removed.kind == "if_path" and index < len(container) \
                    and container[index].kind == "else":
                container.pop(index)

        self._check_path(path)
        target = block_at(self._blocks, path)
        if target.kind == "define" and any(
                b.kind == "call" and b.params.get("name") == target.params.get("name")
                for _, b in walk(self._blocks)):
            raise EditError("editor.error.function_in_use",
                            {"name": target.params.get("name")}, path)
        self._commit(remove)
        self._cursor = (parent, index)
        self._changed()

    def replace(self, path: Path, kind: str, params: Mapping[str, object] | None = None) -> None:
        """Swap a block for another kind, keeping what it holds when both hold blocks."""
        path = tuple(path)
        self._check_path(path)

        def swap(blocks: list[Block]) -> None:
            container = container_at(blocks, path[:-1])
            old = container[path[-1]]
            new = Block.make(kind, params)
            if new.body is not None and old.body is not None:
                new.body = old.body
            new.uid = old.uid
            container[path[-1]] = new

        self._commit(swap, kinds=(kind,))
        self._changed()

    def set_param(self, path: Path, name: str, value: object) -> None:
        """Change one parameter; renaming a function renames its calls too."""
        path = tuple(path)
        self._check_path(path)
        block = block_at(self._blocks, path)
        allowed = self.param_choices(block.kind).get(name)
        if allowed is None:
            raise EditError("editor.error.bad_param", path=path)
        if value not in allowed and value != block.params.get(name):
            raise EditError("editor.error.bad_param", path=path)
        old = block.params.get(name)

        def change(blocks: list[Block]) -> None:
            target = block_at(blocks, path)
            target.params[name] = value
            if target.kind == "define":
                for _, other in walk(blocks):
                    if other.kind == "call" and other.params.get("name") == old:
                        other.params["name"] = value

        self._commit(change)
        self._changed()

    def move(self, path: Path, parent: Path, position: int) -> None:
        """Move a block (an ``if`` with its ``else``) to ``position`` in ``parent``; both
        are read in the program as it is before the move."""
        path, parent = tuple(path), tuple(parent)
        self._check_path(path)
        source_parent, index = path[:-1], path[-1]
        unit = [path]
        siblings = container_at(self._blocks, source_parent)
        if siblings[index].kind == "if_path" and index + 1 < len(siblings) \
                and siblings[index + 1].kind == "else":
            unit.append((*source_parent, index + 1))
        if any(parent[:len(part)] == part for part in unit):
            raise EditError("editor.error.move_into_itself", path=path)

        def relocate(blocks: list[Block]) -> None:
            container = container_at(blocks, source_parent)
            moving = [container.pop(index)]
            if moving[0].kind == "if_path" and index < len(container) \
                    and container[index].kind == "else":
                moving.append(container.pop(index))
            target_parent, target_position = _shifted(parent, position, source_parent, index,
                                                      len(moving))
            target = container_at(blocks, target_parent)
            target[target_position:target_position] = moving

        self._commit(relocate)
        new_parent, new_position = _shifted(parent, position, source_parent, index, len(unit))
        self._cursor = (new_parent, new_position + len(unit))
        self._changed()

    def load(self, blocks: Sequence[Block]) -> None:
        """Replace the whole program (Python typed by the learner); one undo step."""
        kinds = tuple(b.kind for _, b in walk(blocks))
        self._commit(lambda current: current.__setitem__(slice(None), clone(blocks)),
                     kinds=kinds)
        self._cursor = ((), len(self._blocks))
        self._changed()

    def clear(self) -> None:
        self.load([])

    def undo(self) -> None:
        if not self._undo:
            raise EditError("editor.error.nothing_to_undo")
        self._redo.append(self._snapshot())
        self._restore(self._undo.pop())

    def redo(self) -> None:
        if not self._redo:
            raise EditError("editor.error.nothing_to_redo")
        self._undo.append(self._snapshot())
        self._restore(self._redo.pop())

    # -- inside ---------------------------------------------------------------------------

    def _check_path(self, path: Path) -> None:
        try:
            block_at(self._blocks, path)
        except (IndexError, TypeError):
            raise EditError("editor.error.no_such_block", path=path) from None

    def _attempt(self, change: Callable[[list[Block]], None],
                 kinds: Sequence[str] = ()) -> list[Block]:
        """The program as ``change`` would leave it, or ``EditError`` if that is not legal."""
        for kind in kinds:
            if kind not in self._palette:
                raise EditError("editor.error.not_allowed", {"block": kind})
        if "call" in kinds and not defined_functions(self._blocks) and "define" not in kinds:
            raise EditError("editor.error.no_function")
        candidate = clone(self._blocks)
        try:
            change(candidate)
        except (IndexError, KeyError):
            raise EditError("editor.error.no_such_place") from None
        found = problems(candidate)
        if found:
            raise EditError.of(found[0])
        if self.max_blocks is not None and count_blocks(candidate) > self.max_blocks:
            raise EditError("editor.error.max_blocks", {"count": self.max_blocks})
        return candidate

    def _commit(self, change: Callable[[list[Block]], None], kinds: Sequence[str] = ()) -> None:
        candidate = self._attempt(change, kinds)
        self._undo.append(self._snapshot())
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._blocks = candidate

    def _valid_cursor(self, cursor: Cursor) -> Cursor:
        """``cursor`` if it is still a place in the program, else the nearest place out."""
        points = self.all_insertion_points()
        parent, position = cursor
        while (parent, position) not in points:
            if not parent:
                return (), len(self._blocks)
            parent, position = parent[:-1], parent[-1] + 1
        return parent, position

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(clone(self._blocks), self._cursor)

    def _restore(self, snapshot: _Snapshot) -> None:
        self._blocks = clone(snapshot.blocks)
        self._cursor = snapshot.cursor
        self._changed()

    def _changed(self) -> None:
        self._cursor = self._valid_cursor(self._cursor)
        for listener in list(self._listeners):
            listener()


def _shifted(parent: Path, position: int, removed_parent: Path, removed_index: int,
             removed_count: int) -> Cursor:
    """Where (``parent``, ``position``), read before ``removed_count`` blocks were taken out
    at ``removed_parent[removed_index]``, is once they are gone."""
    depth = len(removed_parent)
    if parent == removed_parent:
        if position > removed_index:
            position = max(removed_index, position - removed_count)
        return parent, position
    if parent[:depth] == removed_parent and len(parent) > depth \
            and parent[depth] > removed_index:
        parent = (*parent[:depth], parent[depth] - removed_count, *parent[depth + 1:])
    return parent, position


def as_solution(editor: Editor) -> list[object]:
    """The editor's program in the level-pack form (tests compare it with a solution)."""
    return to_solution(editor.blocks())

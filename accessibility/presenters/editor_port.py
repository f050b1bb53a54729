"""The one place that knows the level editor's method names (``levels/editor.py``).

The presenter reads the program as ``BlockInfo`` values and asks for edits through this
port, so a change in the editor's API is a change here only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from levels.program import count_blocks

Path = tuple[int, ...]
"""Indices from the program's top level down to a block (``(0, 2)``: block 2 in the body of
block 0). A block's body is the container for the paths that extend it."""

@dataclass(frozen=True)
class BlockInfo:
    """What the presenter needs to know of one block of the program."""

    uid: str
    kind: str
    params: Mapping[str, object]
    path: Path
    body: tuple["BlockInfo", ...] | None  # None: not a container


class EditorPort:
    """Adapts the levels editor to what the workspace presenter needs."""

    def __init__(self, editor: Any) -> None:
        self.editor = editor

    # -- reading --------------------------------------------------------------------------

    def palette(self) -> list[str]:
        return list(self.editor.palette())

    def param_choices(self, kind: str) -> dict[str, tuple[object, ...]]:
        """Parameter name -> the values offered, in order (repeat 2–10, paint colours)."""
        return {name: tuple(values) for name, values in self.editor.param_choices(kind).items()}

    def label_key(self, kind: str) -> str:
        return f"blocks.{kind}.label"

    def blocks(self) -> tuple[BlockInfo, ...]:
        return self._infos(self.editor.blocks(), ())

    def block_count(self) -> int:
        """Every block of the program, those inside loops and functions included."""
        return count_blocks(self.editor.blocks())

    def _infos(self, raw: Sequence[Any], parent: Path) -> tuple[BlockInfo, ...]:
        infos = []
        for index, block in enumerate(raw):
            path = (*parent, index)
            body = getattr(block, "body", None)
            infos.append(BlockInfo(
                uid=str(getattr(block, "uid", None) or id(block)), kind=block.kind,
                params=dict(getattr(block, "params", {}) or {}), path=path,
                body=None if body is None else self._infos(body, path)))
        return tuple(infos)

    def children(self, parent: Path) -> tuple[BlockInfo, ...]:
        if not parent:
            return self.blocks()
        owner = self.block_at(parent)
        return owner.body or () if owner is not None else ()

    def block_at(self, path: Path) -> BlockInfo | None:
        blocks: tuple[BlockInfo, ...] | None = self.blocks()
        found = None
        for index in path:
            if blocks is None or not 0 <= index < len(blocks):
                return None
            found = blocks[index]
            blocks = found.body
        return found

    def fits(self, kind: str) -> bool:
        """Whether a ``kind`` block may go at the cursor (a full program still "fits":
        choosing it says why not, rather than hiding the block)."""
        problem = self.editor.check_insert(kind)
        return problem is None or problem.key in ("editor.error.max_blocks",
                                                  "editor.error.not_allowed")

    def cursor(self) -> tuple[Path, int]:
        parent, position = self.editor.cursor
        return tuple(parent), int(position)

    def can_undo(self) -> bool:
        return bool(self.editor.can_undo)

    def can_redo(self) -> bool:
        return bool(self.editor.can_redo)

    # -- editing --------------------------------------------------------------------------

    def set_cursor(self, parent: Path, position: int) -> None:
        self.editor.set_cursor(parent, position)

    def insert(self, kind: str, params: Mapping[str, object]) -> None:
        self.editor.insert(kind, dict(params))

    def delete(self, path: Path) -> None:
        self.editor.delete(path)

    def set_param(self, path: Path, name: str, value: object) -> None:
        self.editor.set_param(path, name, value)

    def move(self, path: Path, parent: Path, position: int) -> None:
        self.editor.move(path, parent, position)

    def undo(self) -> None:
        self.editor.undo()

    def redo(self) -> None:
        self.editor.redo()

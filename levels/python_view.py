"""The Python text form of a program, with which line each block is on.

The Python track shows this beside the blocks and highlights the running line; the level
packs store reference solutions in this form. Empty bodies read ``pass`` (Python needs a
line there); nested ``for`` loops count with ``i``, ``j``, ``k``...; an ``else`` that
holds only another ``if`` reads as ``elif``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from levels.blocks import block_type
from levels.program import Block, Path

INDENT = "    "
LOOP_NAMES = ("i", "j", "k", "n", "m")


@dataclass(frozen=True)
class PythonLine:
    """One line of the text: which block it shows (``uid``/``path``)."""

    number: int  # from 1
    text: str
    uid: str
    path: Path


@dataclass(frozen=True)
class PythonText:
    lines: tuple[PythonLine, ...]

    @property
    def text(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)

    def line_of(self, uid: str) -> int | None:
        """The line that shows block ``uid`` (for highlighting the running block)."""
        return next((line.number for line in self.lines if line.uid == uid), None)

    def uid_at(self, number: int) -> str | None:
        return next((line.uid for line in self.lines if line.number == number), None)


def head(block: Block, loop_depth: int = 0) -> str:
    """A block's own line, without indentation (``for i in range(3):``, ``paint("red")``)."""
    spec = block_type(block.kind)
    values = {name: value for name, value in block.params.items()}
    values["var"] = LOOP_NAMES[loop_depth % len(LOOP_NAMES)] + (
        str(loop_depth // len(LOOP_NAMES)) if loop_depth >= len(LOOP_NAMES) else "")
    return spec.python.format(**values)


def to_python(blocks: Sequence[Block]) -> PythonText:
    lines: list[PythonLine] = []

    def emit(text: str, block: Block, path: Path, depth: int) -> None:
        lines.append(PythonLine(len(lines) + 1, INDENT * depth + text, block.uid, path))

    def body(block: Block, path: Path, depth: int, loops: int) -> None:
        if block.body is None:
            return
        if not block.body:
            emit("pass", block, path, depth + 1)
        visit(block.body, path, depth + 1, loops + 1 if block.kind == "repeat" else loops)

    def otherwise(block: Block, path: Path, depth: int, loops: int) -> None:
        """An ``else`` holding only an ``if`` (and its ``else``) reads as ``elif``."""
        inner = block.body or []
        if inner and inner[0].kind == "if_path" and (
                len(inner) == 1 or (len(inner) == 2 and inner[1].kind == "else")):
            emit("el" + head(inner[0], loops), inner[0], (*path, 0), depth)
            body(inner[0], (*path, 0), depth, loops)
            if len(inner) == 2:
                otherwise(inner[1], (*path, 1), depth, loops)
            return
        emit(head(block, loops), block, path, depth)
        body(block, path, depth, loops)

    def visit(container: Sequence[Block], parent: Path, depth: int, loops: int) -> None:
        for index, block in enumerate(container):
            path = (*parent, index)
            if block.kind == "else":
                otherwise(block, path, depth, loops)
                continue
            emit(head(block, loops), block, path, depth)
            body(block, path, depth, loops)

    visit(blocks, (), 0, 0)
    return PythonText(tuple(lines))

"""A learner's program: a tree of blocks, addressed by paths, and what makes it legal.

A ``Block`` has a kind, parameters and, for containers, a ``body`` (a list of blocks). A
path is the tuple of indices from the top level down to a block: ``(0, 2)`` is block 2 in
the body of block 0. ``if_path`` ... ``else`` are two sibling blocks: an ``else`` is legal
only right after an ``if_path`` (Python's own reading order), which keeps every path a
plain tuple of indices.

The level-pack (and guided mode) form of a program is the *solution* form: a list whose
items are a block id (``"move_forward"``) or ``{"block": id, "params": {...}, "body": [...]}``.
"""
from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence

from levels.blocks import CATALOGUE, block_type

Path = tuple[int, ...]
# Blocks inside blocks, at most this deep: every tree walk stays far from Python's
# recursion limit, whatever the editor or the Python text builds.
MAX_DEPTH = 30

_uids = itertools.count(1)


def new_uid() -> str:
    """A block id unique in this process; kept by copies, so undo keeps the highlight."""
    return f"b{next(_uids)}"


@dataclass
class Block:
    """One placed block."""

    kind: str
    params: dict[str, object] = field(default_factory=dict)
    body: list["Block"] | None = None
    uid: str = field(default_factory=new_uid)

    @classmethod
    def make(cls, kind: str, params: Mapping[str, object] | None = None,
             body: list["Block"] | None = None) -> "Block":
        """A block of ``kind`` with an empty body if it is a container."""
        spec = block_type(kind)
        if spec.container and body is None:
            body = []
        return cls(kind, dict(params or {}), body if spec.container else None)


@dataclass(frozen=True)
class Problem:
    """Why a program is not legal: an i18n key (namespace ``editor``) and where."""

    key: str
    path: Path
    params: dict[str, object] = field(default_factory=dict)


def walk(blocks: Sequence[Block], parent: Path = ()) -> Iterator[tuple[Path, Block]]:
    """Every block with its path, in reading order (a container before its body)."""
    for index, block in enumerate(blocks):
        path = (*parent, index)
        yield path, block
        if block.body is not None:
            yield from walk(block.body, path)


def count_blocks(blocks: Sequence[Block]) -> int:
    return sum(1 for _ in walk(blocks))


def container_at(blocks: list[Block], parent: Path) -> list[Block]:
    """The list of blocks at ``parent`` (``()``: the program itself)."""
    current = blocks
    for index in parent:
        body = current[index].body
        if body is None:
            raise IndexError(f"block at {parent} holds no blocks")
        current = body
    return current


def block_at(blocks: list[Block], path: Path) -> Block:
    if not path:
        raise IndexError("the empty path is the program, not a block")
    return container_at(blocks, path[:-1])[path[-1]]


def defined_functions(blocks: Sequence[Block]) -> list[str]:
    """Names of the functions the program defines, in order."""
    return [str(b.params.get("name")) for b in blocks if b.kind == "define"]


def problems(blocks: Sequence[Block]) -> list[Problem]:
    """Everything that makes the program illegal (empty list: legal)."""
    found: list[Problem] = []
    defined = defined_functions(blocks)
    if len(set(defined)) != len(defined):
        found.append(Problem("editor.error.duplicate_function", ()))

    def check(container: Sequence[Block], parent: Path) -> None:
        for index, block in enumerate(container):
            path = (*parent, index)
            spec = CATALOGUE.get(block.kind)
            if spec is None:
                found.append(Problem("editor.error.unknown_block", path, {"block": block.kind}))
                continue
            if set(block.params) != {p.name for p in spec.params}:
                found.append(Problem("editor.error.bad_param", path))
            for param in spec.params:
                if block.params.get(param.name) not in param.choices:
                    found.append(Problem("editor.error.bad_param", path))
            if spec.top_level and parent:
                found.append(Problem("editor.error.top_level_only", path))
            if spec.follows and (index == 0 or container[index - 1].kind != spec.follows):
                found.append(Problem("editor.error.else_after_if", path))
            if block.kind == "call" and block.params.get("name") not in defined:
                found.append(Problem("editor.error.no_function", path))
            if (block.body is None) == spec.container:
                found.append(Problem("editor.error.bad_body", path))
            if block.body is not None and len(path) >= MAX_DEPTH:
                found.append(Problem("editor.error.too_deep", path, {"max": MAX_DEPTH}))
            elif block.body is not None:
                check(block.body, path)

    check(blocks, ())
    return found


def clone(blocks: Sequence[Block]) -> list[Block]:
    """A deep copy that keeps block uids (one frame per level, unlike ``deepcopy``)."""
    return [Block(block.kind, copy.deepcopy(block.params),
                  clone(block.body) if block.body is not None else None, block.uid)
            for block in blocks]


# --- the solution form (level packs, guided mode) ---------------------------------------


def to_solution(blocks: Sequence[Block]) -> list[object]:
    out: list[object] = []
    for block in blocks:
        if not block.params and block.body is None:
            out.append(block.kind)
            continue
        item: dict[str, object] = {"block": block.kind}
        if block.params:
            item["params"] = dict(block.params)
        if block.body is not None:
            item["body"] = to_solution(block.body)
        out.append(item)
    return out


def from_solution(items: Sequence[object], depth: int = 0) -> list[Block]:
    """Blocks from the solution form; ``ValueError`` for anything that is not a block (or
    nested deeper than ``MAX_DEPTH``: a stored draft is data from a disk)."""
    if depth > MAX_DEPTH:
        raise ValueError(f"blocks nested deeper than {MAX_DEPTH}")
    blocks: list[Block] = []
    for raw in items:
        if isinstance(raw, str):
            blocks.append(Block.make(raw))
        elif isinstance(raw, Mapping) and isinstance(raw.get("block"), str):
            body = raw.get("body")
            if body is not None and (not isinstance(body, Sequence) or isinstance(body, str)):
                raise ValueError(f"body of {raw['block']!r} must be a list of blocks")
            blocks.append(Block.make(raw["block"], dict(raw.get("params") or {}),
                                     from_solution(body, depth + 1) if body is not None
                                     else None))
        else:
            raise ValueError(f"not a block: {raw!r}")
    return blocks

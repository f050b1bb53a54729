"""Guided mode's script: a level's reference solution cut into one-block steps.

A step is "put this block here": the block id, its parameters, and where it goes (the path
of the container it goes into, and the position in it). Steps come in reading order (a
``repeat`` first, then the blocks of its body), so placing them one after the other
rebuilds the reference program.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

LabelKey = Callable[[str], str]


def default_label_key(block: str) -> str:
    """The i18n key of a block's spoken name (the level catalogue's convention)."""
    return f"blocks.{block}.label"


@dataclass(frozen=True)
class GuidedStep:
    """Place ``block`` (with ``params``) at ``position`` inside the container at ``parent``.

    ``parent`` is the path of indices from the program root to the container block
    (``()`` for the program itself); ``index`` numbers the steps from 0.
    """

    index: int
    block: str
    label_key: str
    params: Mapping[str, object] = field(default_factory=dict)
    parent: tuple[int, ...] = ()
    position: int = 0


def steps_from_solution(solution: Sequence[object],
                        label_key: LabelKey = default_label_key) -> list[GuidedStep]:
    """Flatten a reference solution into steps.

    A block is a block id (``"move_forward"``) or a mapping ``{"block": id, "params": {...},
    "body": [blocks...]}`` (the YAML form of level packs); ``body`` holds the blocks nested
    inside a container such as ``repeat``.
    """
    steps: list[GuidedStep] = []

    def walk(blocks: Sequence[object], parent: tuple[int, ...]) -> None:
        for position, raw in enumerate(blocks):
            block, params, body = _parse(raw)
            steps.append(GuidedStep(len(steps), block, label_key(block), params, parent,
                                    position))
            if body:
                walk(body, (*parent, position))

    walk(solution, ())
    return steps


def _parse(raw: object) -> tuple[str, dict[str, object], Sequence[object]]:
    if isinstance(raw, str):
        return raw, {}, ()
    if isinstance(raw, Mapping) and isinstance(raw.get("block"), str):
        params = dict(raw.get("params") or {})
        body = raw.get("body") or ()
        if not isinstance(body, Sequence) or isinstance(body, str):
            raise ValueError(f"body of {raw['block']!r} must be a list of blocks")
        return raw["block"], params, body
    raise ValueError(f"not a block: {raw!r}")

"""The workspace's places and targets as values: ids (stable strings, compared and never
parsed back), a choice in progress, and the places around the cursor."""
from __future__ import annotations

from dataclasses import dataclass, field

from accessibility.presenters.editor_port import Path
from levels.blocks import value_key


def palette_id(kind: str) -> str:
    return f"palette:{kind}"


def insertion_id(parent: Path, position: int) -> str:
    """``ins:0.2:1``: position 1 inside the body of block 2 of block 0; ``ins::0`` at the top."""
    return f"ins:{'.'.join(map(str, parent))}:{position}"


def block_id(uid: str) -> str:
    return f"block:{uid}"


def param_id(name: str, value: object) -> str:
    return f"param:{name}:{value}"


@dataclass
class Pending:
    """A choice in progress: a block waiting for its parameters, or a block being moved."""

    kind: str = ""
    params: dict[str, object] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    change_path: Path | None = None  # changing an existing block's parameter
    move_path: Path | None = None


def value_label(name: str, value: object) -> tuple[str, dict[str, object]]:
    """The label of a parameter choice: "3 times", or the value's own word ("red")."""
    if name == "count":
        return "access.param.count_value", {"value": value}
    return value_key(name, value), {}


def exits(cursor: tuple[Path, int]) -> list[tuple[Path, int]]:
    """The places right after each container around the cursor, innermost first."""
    parent, _position = cursor
    places = []
    while parent:
        places.append((parent[:-1], parent[-1] + 1))
        parent = parent[:-1]
    return places


def inside(path: Path, ancestor: Path) -> bool:
    return path[:len(ancestor)] == ancestor

"""A screen as the core sees it: groups of targets, built by a presenter, never from widgets.

The Kivy view draws this model and maps touches back to target ids; the scanner walks it;
the narrator speaks its labels; tests and benchmarks drive it without a window. What a
target stands for travels as its typed ``payload``; ids are only compared, never parsed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator


@dataclass(frozen=True)
class PaletteBlock:
    """A block of the palette: choosing it adds a ``kind`` block."""

    kind: str


@dataclass(frozen=True)
class InsertionPoint:
    """A place in the program: ``position`` inside the body of the block at ``parent``
    (``()``: the top level)."""

    parent: tuple[int, ...]
    position: int


@dataclass(frozen=True)
class BlockRef:
    """A block of the program: its stable ``uid`` and where it is now."""

    uid: str
    kind: str
    path: tuple[int, ...]


@dataclass(frozen=True)
class LearnerRef:
    """A learner on the picker: who, and the animal that shows them."""

    learner_id: int
    avatar: str


@dataclass(frozen=True)
class LevelRef:
    """A level on the map."""

    level_id: str


Payload = PaletteBlock | InsertionPoint | BlockRef | LearnerRef | LevelRef | None


@dataclass
class Target:
    """One thing a learner can choose.

    ``id`` is stable across rebuilds of the model (the highlight follows it); ``label_key`` is
    the i18n key of the short spoken label (the cue voice), ``description_key`` of the longer
    one; ``params`` fill their placeholders.
    """

    id: str
    label_key: str
    activate: Callable[[], object]
    params: dict[str, object] = field(default_factory=dict)
    description_key: str = ""
    enabled: bool = True
    payload: Payload = None  # what the target stands for, for the views


@dataclass
class Group:
    """Targets (or nested groups) that group scanning offers as one stop."""

    id: str
    label_key: str
    children: list[Group | Target] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)

    def targets(self) -> Iterator[Target]:
        """Every target below this group, depth first, in scan order."""
        for child in self.children:
            if isinstance(child, Group):
                yield from child.targets()
            else:
                yield child

    def find(self, target_id: str) -> Target | None:
        return next((t for t in self.targets() if t.id == target_id), None)

    def find_group(self, group_id: str) -> "Group | None":
        """This group or the one below it with ``group_id``, depth first."""
        if self.id == group_id:
            return self
        for child in self.children:
            if isinstance(child, Group):
                found = child.find_group(group_id)
                if found is not None:
                    return found
        return None


ScanNode = Group | Target

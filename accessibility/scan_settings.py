"""What the scanner is told and what it counts: its mode, timings and statistics.

Kept apart from the engine (``accessibility.scanner``) so profiles and settings screens can
build ``ScanSettings`` without the scanning logic; ``accessibility.scanner`` re-exports all.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Literal, Mapping, Protocol

INTERVAL_RANGE = (0.5, 5.0)


class ScanMode(Enum):
    AUTO = "auto"
    STEP = "step"
    STEP_DWELL = "step_dwell"
    INVERSE = "inverse"


Restart = Literal["top", "same_group"]
Resolve = Literal["press", "processing"]


@dataclass(frozen=True)
class ScanSettings:
    """How the scanner moves. Seconds; defaults follow the switch-access field."""

    mode: ScanMode = ScanMode.AUTO
    grouping: Literal["group", "linear"] = "group"
    interval: float = 1.0
    first_item_delay: float = 0.5
    dwell: float = 1.5
    loops: int = 3  # unanswered loops at the top before pausing
    exit_loops: int = 3  # unanswered loops in a group before leaving it
    restart: Restart = "top"
    wait_for_cue: bool = False
    grace: float = 0.25  # a press this soon after a move still chooses the previous stop
    resolve: Resolve = "press"  # choose what was lit at the press, or at processing time
    # the switch filter's post-acceptance delay: a stop lit by a press stays lit this much
    # longer, so the lockout does not eat its time (the profile's ``post_acceptance``)
    post_acceptance: float = 0.0


class CueSpeaker(Protocol):
    """Same shape as ``accessibility.narrator.CueSpeaker`` (kept here to avoid the import)."""

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Callable[[bool], None] | None = None) -> int: ...


@dataclass
class ScanStats:
    """Counts for tests and benchmarks: highlight moves, activations, intents received."""

    moves: int = 0
    activations: int = 0
    group_entries: int = 0
    backs: int = 0
    intents: int = 0
    pauses: int = 0
    resolved_earlier: int = 0  # presses that chose what was lit before processing time

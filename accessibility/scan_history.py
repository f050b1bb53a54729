"""What was lit when: the scanner's recent highlight changes, so a press chooses the stop
that was lit when the switch went down, not the one lit when the press is processed."""
from __future__ import annotations

from dataclasses import dataclass

SIZE = 16  # changes remembered: many scan intervals, far more than any processing delay


@dataclass(frozen=True)
class Lit:
    """One highlight change: from ``t`` on, ``node`` was lit in the group reached by the
    group ids ``path`` (``None``: nothing lit). Ids, not nodes: a rebuilt model keeps them."""

    t: float
    path: tuple[str, ...]
    node: str | None


class HighlightHistory:
    """Only the scan timer's moves since the last change a person caused (a choice, a
    step, a new model) are kept: a late press never reaches back past a choice."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._changes: list[Lit] = []

    def __bool__(self) -> bool:
        return bool(self._changes)

    def record(self, lit: Lit, *, timed: bool) -> None:
        """A new highlight; ``timed``: the scan timer moved it (else history restarts)."""
        kept = self._changes[-self._size:] if timed else []
        self._changes = kept + [lit]

    def rewind(self, t: float, grace: float) -> Lit | None:
        """What a press at ``t`` chose — the stop lit then, or the one before when ``t`` is
        within ``grace`` of its start — and forget what came after; ``None``: what is lit
        now."""
        changes = self._changes
        at = max((i for i, lit in enumerate(changes) if lit.t <= t), default=0)
        if at > 0 and t - changes[at].t < grace:
            at -= 1
        if at == len(changes) - 1:
            return None
        del changes[at + 1:]
        return changes[at]

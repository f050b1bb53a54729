"""The likeliest next block first: a palette order for the workspace presenter's hook.

For a switch user every palette position before the wanted block is a step (or a scan
interval), so offering the likely block first is the cheapest help there is. The guess is
an interpolated n-gram model, the classic recipe for word prediction in AAC:

- what *other* levels' reference solutions put in the same place: block-kind bigrams
  (previous sibling -> next block, or "first block inside a repeat" -> next block), plus
  plain block frequencies, counted over the other levels of the same track. The level
  being played is left out, so the order never gives its answer away;
- what this learner's program already holds (a cache model): its own bigrams at the same
  context and its block counts, so a program that alternates turns keeps offering them.

Blocks that cannot go at the cursor go last (the scanner skips them anyway); ties keep
the level's own order. Pure functions of the palette and the editor's state.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

START = "^"
"""Context of a first block: ``^`` at the top of the program, ``^repeat`` first inside a
repeat's body."""

# Interpolation weights (fixed a priori, not fitted on the levels the benchmark measures):
# the track's habits at this place count most, then what this program itself does.
WEIGHTS: Mapping[str, float] = {"track_bigram": 0.4, "track_unigram": 0.1,
                                "program_bigram": 0.3, "program_unigram": 0.2}


class BlockLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def body(self) -> Sequence[BlockLike] | None: ...


class PortLike(Protocol):
    """What the prediction reads of ``accessibility.presenters.editor_port.EditorPort``."""

    def blocks(self) -> Sequence[object]: ...

    def cursor(self) -> tuple[tuple[int, ...], int]: ...

    def children(self, parent: tuple[int, ...]) -> Sequence[object]: ...

    def block_at(self, path: tuple[int, ...]) -> object | None: ...

    def fits(self, kind: str) -> bool: ...


@dataclass(frozen=True)
class BlockStats:
    """Counts of block kinds: ``bigrams[context][kind]`` and ``unigrams[kind]``."""

    bigrams: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    unigrams: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def count(cls, programs: Iterable[Sequence[BlockLike]]) -> "BlockStats":
        bigrams: dict[str, Counter[str]] = defaultdict(Counter)
        unigrams: Counter[str] = Counter()
        for program in programs:
            for context, kind in transitions(program):
                bigrams[context][kind] += 1
                unigrams[kind] += 1
        return cls({c: dict(k) for c, k in bigrams.items()}, dict(unigrams))


EMPTY = BlockStats()


def transitions(blocks: Sequence[BlockLike], parent: str = "") -> list[tuple[str, str]]:
    """(context, kind) for every block of a program, in reading order."""
    out: list[tuple[str, str]] = []
    previous = START + parent
    for block in blocks:
        out.append((previous, block.kind))
        if block.body is not None:
            out.extend(transitions(block.body, block.kind))
        previous = block.kind
    return out


class LevelLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def track(self) -> str: ...
    @property
    def solution(self) -> Sequence[BlockLike]: ...


def block_stats(levels: Iterable[LevelLike], *, track: str | None = None,
                exclude: str | None = None) -> BlockStats:
    """Counts over the reference solutions of ``levels`` in ``track`` (all tracks if
    ``None``), leaving out the level ``exclude`` (the one being played)."""
    return BlockStats.count(level.solution for level in levels
                            if (track is None or level.track == track) and level.id != exclude)


def cursor_context(port: PortLike) -> str:
    """``move_forward`` (the block before the cursor), ``^repeat`` or ``^``."""
    parent, position = port.cursor()
    if position > 0:
        siblings = port.children(parent)
        if position - 1 < len(siblings):
            return str(getattr(siblings[position - 1], "kind"))
    if not parent:
        return START
    owner = port.block_at(parent)
    return START + str(getattr(owner, "kind", ""))


def _program_stats(port: PortLike) -> BlockStats:
    return BlockStats.count([port.blocks()])  # type: ignore[list-item]


def _share(counts: Mapping[str, int] | None, kinds: Sequence[str]) -> dict[str, float] | None:
    """Each kind's share of the counts among ``kinds``; ``None`` when there is nothing."""
    if not counts:
        return None
    total = sum(counts.get(kind, 0) for kind in kinds)
    if total == 0:
        return None
    return {kind: counts.get(kind, 0) / total for kind in kinds}


def scores(kinds: Sequence[str], port: PortLike, stats: BlockStats = EMPTY) -> dict[str, float]:
    """Interpolated probability of each kind coming next at the cursor (0 when unknown).

    A component without data at this place hands its weight to the others.
    """
    context = cursor_context(port)
    program = _program_stats(port)
    parts = {"track_bigram": _share(stats.bigrams.get(context), kinds),
             "track_unigram": _share(stats.unigrams, kinds),
             "program_bigram": _share(program.bigrams.get(context), kinds),
             "program_unigram": _share(program.unigrams, kinds)}
    weight = sum(WEIGHTS[name] for name, part in parts.items() if part is not None)
    result = {kind: 0.0 for kind in kinds}
    if weight == 0:
        return result
    for name, part in parts.items():
        if part is not None:
            for kind in kinds:
                result[kind] += WEIGHTS[name] / weight * part[kind]
    return result


def likely_order(kinds: list[str], port: PortLike, stats: BlockStats = EMPTY) -> list[str]:
    """``kinds`` (the level's palette) with the likeliest next block first.

    With the default empty ``stats`` only the program itself informs the order; pass the
    track's counts (``block_stats``) for the full model, e.g. through ``palette_order_for``.
    """
    score = scores(kinds, port, stats)
    fits = {kind: port.fits(kind) for kind in kinds}
    position = {kind: index for index, kind in enumerate(kinds)}
    return sorted(kinds, key=lambda kind: (not fits[kind], -score[kind], position[kind]))


PaletteOrder = Callable[[list[str], PortLike], list[str]]


def palette_order_for(levels: Iterable[LevelLike], level: LevelLike) -> PaletteOrder:
    """The presenter hook for ``level``: counts from the other levels of its track."""
    return partial(likely_order, stats=block_stats(levels, track=level.track, exclude=level.id))


ValueOrder = Callable[[str, str, tuple[object, ...]], tuple[object, ...]]


def value_order_for(level: Any, editor: Any) -> ValueOrder:
    """The presenter's ``value_order`` hook for ``level`` being edited in ``editor``: a new
    Repeat at the top level offers first the number of squares open ahead of where the
    robot will stand — the corridor a first loop usually walks; the rest keep their order.
    """
    from levels.interpreter import open_ahead, state_before

    def order(kind: str, name: str, values: tuple[object, ...]) -> tuple[object, ...]:
        parent, position = editor.cursor
        if kind != "repeat" or name != "count" or parent:
            return values
        state = state_before(level.world, editor.blocks(), position, level.max_steps)
        ahead = open_ahead(level.world, state)
        if ahead not in values:
            return values
        return (ahead, *(value for value in values if value != ahead))

    return order

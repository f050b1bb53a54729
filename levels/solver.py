"""The level's own solver: how a program so far can still be finished, shortest first.

A switch user pays for every scan position before the block they want, so knowing the
likely next step is worth a lot; a level knows much more about that than any statistics:
its world, its reference solution and its block limit. This module answers "which
complete programs extend the program so far and solve the level?", shortest first:

- *plans*: complete solving programs known beforehand (the reference solution) or found
  earlier. The program so far extends a plan when its blocks, in build order (a container
  before its body), are the plan's first blocks; the plan's next block is then the next
  step.
- *search*: a breadth-first search over the level's small state space (cell, heading,
  stars collected, cells painted) from where the program so far leaves the robot, with the
  palette's plain blocks, the shortest action list then folded into ``repeat`` blocks
  where the palette has them. The completion is appended at the end of the program and
  checked by the interpreter, within ``max_blocks``.

The search stops after ``budget`` states (never a clock: the same answer on every
machine); no answer means "use the statistical order".
"""
from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from levels.blocks import COUNTS
from levels.interpreter import DEFAULT_MAX_STEPS, Reason, Run, RunState, run_program
from levels.program import Block, Path, count_blocks, walk
from levels.world import Cell, Heading, World

BUDGET = 4000
"""States the search may visit before it gives up (a few ms on a classroom machine)."""
MAX_PATTERN = 4
"""The longest run of blocks the folding tries to put in a repeat."""

Action = tuple[str, tuple[tuple[str, object], ...]]
StateKey = tuple[Cell, Heading, frozenset[Cell], frozenset[tuple[Cell, str]]]
"""A state of the search: where the robot is, which way it faces, stars taken, paint laid."""
"""A plain block: its kind and its parameters as sorted pairs (hashable)."""


@dataclass(frozen=True)
class Step:
    """Put a ``kind`` block with ``params`` at ``position`` inside the container at
    ``parent`` (``()``: the program itself)."""

    parent: Path
    position: int
    kind: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def param_map(self) -> dict[str, object]:
        return dict(self.params)


@dataclass(frozen=True)
class Completion:
    """A complete solving program that extends the program so far; ``steps`` are what is
    left to place, in build order; ``source`` says where it came from (plan or search)."""

    program: tuple[Block, ...]
    steps: tuple[Step, ...]
    source: str

    @property
    def size(self) -> int:
        return count_blocks(self.program)


@dataclass(frozen=True)
class Puzzle:
    """What the solver needs of a level (``levels.level.Level`` has all of it)."""

    world: World
    palette: tuple[str, ...]
    max_blocks: int | None = None
    max_steps: int = DEFAULT_MAX_STEPS


def build_steps(blocks: Sequence[Block]) -> list[Step]:
    """The blocks of a program as the steps that build it, in build order."""
    return [Step(path[:-1], path[-1], block.kind, tuple(sorted(block.params.items())))
            for path, block in walk(blocks)]


def solves(puzzle: Puzzle, blocks: Sequence[Block]) -> bool:
    """Whether ``blocks`` solve the level (the interpreter's verdict)."""
    _events, outcome = run_program(puzzle.world, list(blocks), max_steps=puzzle.max_steps)
    return outcome.solved


def extend(program: Sequence[Block], plan: Sequence[Block], source: str) -> Completion | None:
    """``plan`` as a completion of ``program`` if ``program`` is its build-order prefix."""
    done, wanted = build_steps(program), build_steps(plan)
    if len(done) > len(wanted) or wanted[:len(done)] != done:
        return None
    return Completion(tuple(plan), tuple(wanted[len(done):]), source)


class Solver:
    """Completions of a program for one level; remembers what its searches found."""

    def __init__(self, puzzle: Puzzle, plans: Sequence[Sequence[Block]] = (), *,
                 budget: int = BUDGET) -> None:
        self.puzzle = puzzle
        self.budget = budget
        self.plans: list[tuple[tuple[Block, ...], str]] = [
            (tuple(plan), "plan") for plan in plans if solves(puzzle, plan)]
        self.exhausted = 0  # searches that ran out of budget (the benchmark reports it)

    def completions(self, program: Sequence[Block]) -> list[Completion]:
        """Solving programs that extend ``program``, fewest blocks first (plans first
        among equals); the search runs only when no plan fits, so a learner on a known
        path pays no search. Empty when none is known within the budget."""
        found = [c for c in (extend(program, plan, source) for plan, source in self.plans)
                 if c is not None]
        searched = None if found else self.search(program)
        if searched is not None:
            found.append(searched)
            self.plans.append((searched.program, "search"))
        limit = self.puzzle.max_blocks
        found = [c for c in found if limit is None or c.size <= limit]
        return sorted(found, key=lambda c: (c.size, c.source != "plan"))

    def search(self, program: Sequence[Block]) -> Completion | None:
        """The shortest plain-block completion appended to ``program``, folded into
        repeats; ``None`` if the program already failed, or nothing was found in budget."""
        run = Run(self.puzzle.world, list(program), max_steps=self.puzzle.max_steps)
        for _ in run.events():
            pass
        assert run.outcome is not None
        if run.outcome.solved:
            return Completion(tuple(program), (), "search")
        if run.outcome.reason in (Reason.WALL, Reason.OUT_OF_STEPS):
            return None
        actions = self._shortest(run.state)
        if actions is None:
            return None
        tail = fold(actions, "repeat" in self.puzzle.palette)
        full = [*program, *tail]
        if not solves(self.puzzle, full):
            return None
        steps = build_steps(full)[count_blocks(program):]
        return Completion(tuple(full), tuple(steps), "search")

    def _shortest(self, state: RunState) -> list[Action] | None:
        world = self.puzzle.world
        start = _key(state)
        previous: dict[StateKey, tuple[StateKey, Action] | None] = {
            start: None}
        queue = deque([start])
        while queue:
            if len(previous) > self.budget:
                self.exhausted += 1
                return None
            key = queue.popleft()
            if _done(world, key):
                return _path(previous, key)
            for action, after in self._moves(key):
                if after not in previous:
                    previous[after] = (key, action)
                    queue.append(after)
        return None

    def _moves(self, key: StateKey) -> list[tuple[Action, StateKey]]:
        """The plain blocks worth trying from a state, with the state after each."""
        world, palette = self.puzzle.world, self.puzzle.palette
        cell, heading, stars, paint = key
        out: list[tuple[Action, StateKey]] = []
        if "move_forward" in palette and world.is_open(world.ahead(cell, heading)):
            out.append((("move_forward", ()), (world.ahead(cell, heading), heading, stars,
                                               paint)))
        if "turn_left" in palette:
            out.append((("turn_left", ()), (cell, heading.left(), stars, paint)))
        if "turn_right" in palette:
            out.append((("turn_right", ()), (cell, heading.right(), stars, paint)))
        if "collect" in palette and cell in world.stars and cell not in stars:
            out.append((("collect", ()), (cell, heading, stars | {cell}, paint)))
        wanted = (world.picture or {}).get(cell)
        if "paint" in palette and wanted is not None and (cell, wanted) not in paint:
            painted = frozenset(p for p in paint if p[0] != cell) | {(cell, wanted)}
            out.append((("paint", (("colour", wanted),)), (cell, heading, stars, painted)))
        return out


def _key(state: RunState) -> StateKey:
    return (state.cell, state.heading, frozenset(state.collected),
            frozenset(state.painted.items()))


def _done(world: World, key: StateKey) -> bool:
    cell, _heading, stars, paint = key
    if world.stars - stars:
        return False
    if world.picture is not None and dict(paint) != world.picture:
        return False
    return world.goal is None or cell == world.goal


def _path(previous: dict[StateKey, tuple[StateKey, Action] | None],
          key: StateKey) -> list[Action]:
    actions: list[Action] = []
    link = previous[key]
    while link is not None:
        key, action = link
        actions.append(action)
        link = previous[key]
    return actions[::-1]


def fold(actions: Sequence[Action], repeat: bool) -> list[Block]:
    """Plain blocks, with runs of a repeated pattern folded into ``repeat`` blocks where
    that saves blocks (greedy: the biggest saving at each place)."""
    out: list[Block] = []
    index = 0
    while index < len(actions):
        best = (0, 1, 1)  # saving, pattern length, times
        for length in range(1, MAX_PATTERN + 1) if repeat else ():
            pattern = list(actions[index:index + length])
            if len(pattern) < length:
                break
            times = 1
            while (times < COUNTS[-1] and actions[index + times * length:
                                                  index + (times + 1) * length] == pattern):
                times += 1
            saving = length * times - (length + 1)
            if times >= COUNTS[0] and saving > best[0]:
                best = (saving, length, times)
        _saving, length, times = best
        body = [Block.make(kind, dict(params)) for kind, params in actions[index:index + length]]
        if times > 1:
            out.append(Block.make("repeat", {"count": times}, body))
        else:
            out.extend(body)
        index += length * times
    return out


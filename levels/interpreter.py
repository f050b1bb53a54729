"""Runs a program in a world, step by step, as a stream of events the app animates.

Every event names the block that acted (its uid and path) so the app can highlight it and
the narrator can say what happened. A run always ends: every action, every loop turn,
every condition checked and every function call is a step, and ``max_steps`` steps end
the run (``out_of_steps``). Moving into a wall ends the run as a failed attempt, as in
Blockly Games' Maze. Reaching the goal ends it at once when the level asks for nothing
more (all stars collected, the picture painted).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator, Sequence

from levels.program import Block, Path, count_blocks
from levels.world import Cell, Heading, World, expected_answer

DEFAULT_MAX_STEPS = 400
MAX_CALL_DEPTH = 20
# Nested blocks and calls together, at most this deep during a run: each level is three
# generator frames, so a run stays far from Python's recursion limit (``_Stop`` instead).
MAX_RUN_DEPTH = 100


class EventKind(Enum):
    MOVED = "moved"
    TURNED_LEFT = "turned_left"
    TURNED_RIGHT = "turned_right"
    BUMPED_WALL = "bumped_wall"
    COLLECTED_STAR = "collected_star"
    NOTHING_TO_COLLECT = "nothing_to_collect"
    PAINTED = "painted"
    DROPPED = "dropped"  # carried stars put in the bin of their colour
    NOTHING_TO_DROP = "nothing_to_drop"
    ANSWERED = "answered"  # a data level's question answered: the run ends there
    CHECKED = "checked"  # a condition or a loop turn: the block is highlighted, nothing moves
    CALLED = "called"
    REACHED_GOAL = "reached_goal"
    OUT_OF_STEPS = "out_of_steps"


class Reason(Enum):
    """Why a run ended; ``SOLVED`` is the only success."""

    SOLVED = "solved"
    WALL = "wall"
    OUT_OF_STEPS = "out_of_steps"
    GOAL_NOT_REACHED = "goal_not_reached"
    STARS_LEFT = "stars_left"
    PICTURE_WRONG = "picture_wrong"
    EMPTY = "empty"
    NO_ANSWER = "no_answer"
    WRONG_ANSWER = "wrong_answer"
    WRONG_BIN = "wrong_bin"
    NOT_SORTED = "not_sorted"


@dataclass(frozen=True)
class RunEvent:
    """One thing that happened; ``cell``/``heading`` are where the character is after it."""

    kind: EventKind
    uid: str
    path: Path
    step: int
    cell: Cell
    heading: Heading
    value: object = None  # the colour painted or answered, the condition's answer, or a
    # coloured star's (colour, how many of that colour so far): the spoken tally

    @property
    def narration_key(self) -> str:
        if self.kind is EventKind.COLLECTED_STAR and self.value is not None:
            return "narration.events.collected_colour_star"
        return f"narration.events.{self.kind.value}"


@dataclass(frozen=True)
class Outcome:
    solved: bool
    reason: Reason
    steps: int
    stars: int
    blocks: int

    def as_dict(self) -> dict[str, object]:
        return {"solved": self.solved, "outcome": self.reason.value, "steps": self.steps,
                "stars": self.stars, "blocks": self.blocks}


def stars_for(solved: bool, blocks: int, par: int) -> int:
    """Three stars at or under the level's par block count, two within two more, else one."""
    if not solved:
        return 0
    if blocks <= par:
        return 3
    return 2 if blocks <= par + 2 else 1


class _Stop(Exception):
    def __init__(self, reason: Reason, last: "RunEvent | None" = None) -> None:
        self.reason = reason
        self.last = last  # an event to report as the run's last (out of steps)


@dataclass
class RunState:
    """What changes during a run."""

    cell: Cell
    heading: Heading
    collected: set[Cell] = field(default_factory=set)
    painted: dict[Cell, str] = field(default_factory=dict)
    steps: int = 0
    answer: str | None = None
    tally: dict[str, int] = field(default_factory=dict)  # coloured stars collected, by colour
    carrying: list[str] = field(default_factory=list)  # colours not yet dropped in a bin


class Run:
    """One run of ``blocks`` in ``world``: iterate ``events()``, then read ``outcome``."""

    def __init__(self, world: World, blocks: Sequence[Block], *,
                 max_steps: int = DEFAULT_MAX_STEPS, par: int | None = None) -> None:
        self.world = world
        self.blocks = list(blocks)
        self.max_steps = max_steps
        self.block_count = count_blocks(self.blocks)
        self.par = par if par is not None else self.block_count
        self.state = RunState(world.start, world.heading)
        self.outcome: Outcome | None = None
        self._functions = {str(b.params.get("name")): (b, (i,))
                           for i, b in enumerate(self.blocks) if b.kind == "define"}
        self._nesting = 0

    def events(self) -> Iterator[RunEvent]:
        if self.outcome is not None:
            raise RuntimeError("a Run runs once; make a new one")
        reason: Reason
        try:
            if not any(b.kind != "define" for b in self.blocks):
                raise _Stop(Reason.EMPTY)
            yield from self._sequence(self.blocks, (), 0)
            reason = self._verdict()
        except _Stop as stop:
            reason = stop.reason
            if stop.last is not None:
                yield stop.last
        solved = reason is Reason.SOLVED
        self.outcome = Outcome(solved, reason, self.state.steps,
                               stars_for(solved, self.block_count, self.par), self.block_count)

    # -- blocks ---------------------------------------------------------------------------

    def _sequence(self, blocks: Sequence[Block], parent: Path, depth: int) -> Iterator[RunEvent]:
        if not blocks:
            return
        if self._nesting >= MAX_RUN_DEPTH:
            raise _Stop(Reason.OUT_OF_STEPS, RunEvent(
                EventKind.OUT_OF_STEPS, blocks[0].uid, (*parent, 0), self.state.steps,
                self.state.cell, self.state.heading))
        self._nesting += 1
        try:
            yield from self._steps(blocks, parent, depth)
        finally:
            self._nesting -= 1

    def _steps(self, blocks: Sequence[Block], parent: Path, depth: int) -> Iterator[RunEvent]:
        previous_if: bool | None = None  # the answer of the ``if`` right before an ``else``
        for index, block in enumerate(blocks):
            path = (*parent, index)
            if block.kind == "define":
                continue
            if block.kind == "else":
                if previous_if is False:
                    yield from self._sequence(block.body or [], path, depth)
                previous_if = None
                continue
            previous_if = None
            if block.kind == "if_path":
                answer = self._path_open(str(block.params["direction"]))
                yield self._event(EventKind.CHECKED, block, path, answer)
                previous_if = answer
                if answer:
                    yield from self._sequence(block.body or [], path, depth)
            else:
                yield from self._block(block, path, depth)

    def _block(self, block: Block, path: Path, depth: int) -> Iterator[RunEvent]:
        state, world = self.state, self.world
        kind = block.kind
        if kind == "move_forward":
            ahead = world.ahead(state.cell, state.heading)
            if not world.is_open(ahead):
                yield self._event(EventKind.BUMPED_WALL, block, path)
                raise _Stop(Reason.WALL)
            state.cell = ahead
            yield self._event(EventKind.MOVED, block, path)
            if ahead == world.goal:
                yield self._event(EventKind.REACHED_GOAL, block, path)
                if self._verdict() is Reason.SOLVED:
                    raise _Stop(Reason.SOLVED)
        elif kind in ("turn_left", "turn_right"):
            state.heading = state.heading.left() if kind == "turn_left" else state.heading.right()
            yield self._event(EventKind.TURNED_LEFT if kind == "turn_left"
                              else EventKind.TURNED_RIGHT, block, path)
        elif kind == "collect":
            if state.cell in world.stars and state.cell not in state.collected:
                state.collected.add(state.cell)
                colour = world.star_colours.get(state.cell)
                if colour is not None:
                    state.tally[colour] = state.tally.get(colour, 0) + 1
                    if world.bins:
                        state.carrying.append(colour)
                yield self._event(EventKind.COLLECTED_STAR, block, path,
                                  None if colour is None else (colour, state.tally[colour]))
            else:
                yield self._event(EventKind.NOTHING_TO_COLLECT, block, path)
        elif kind == "paint":
            colour = str(block.params["colour"])
            state.painted[state.cell] = colour
            yield self._event(EventKind.PAINTED, block, path, colour)
        elif kind == "drop":
            yield from self._drop(block, path)
        elif kind == "answer":
            state.answer = str(block.params["colour"])
            yield self._event(EventKind.ANSWERED, block, path, state.answer)
            raise _Stop(self._verdict())  # an answer is final, as on a quiz
        elif kind == "repeat":
            for _ in range(int(block.params["count"])):  # type: ignore[call-overload]
                yield self._event(EventKind.CHECKED, block, path, True)
                yield from self._sequence(block.body or [], path, depth)
        elif kind == "repeat_until_goal":
            while True:
                done = state.cell == world.goal
                yield self._event(EventKind.CHECKED, block, path, not done)
                if done:
                    break
                yield from self._sequence(block.body or [], path, depth)
        elif kind == "call":
            name = str(block.params["name"])
            yield self._event(EventKind.CALLED, block, path, name)
            if depth >= MAX_CALL_DEPTH:
                raise _Stop(Reason.OUT_OF_STEPS, self._event(EventKind.OUT_OF_STEPS, block, path))
            definition, def_path = self._functions[name]
            yield from self._sequence(definition.body or [], def_path, depth + 1)
        else:
            raise ValueError(f"cannot run block {kind!r}")

    def _drop(self, block: Block, path: Path) -> Iterator[RunEvent]:
        state = self.state
        colour = self.world.bins.get(state.cell)
        if colour is None or not state.carrying:
            yield self._event(EventKind.NOTHING_TO_DROP, block, path)
            return
        count = len(state.carrying)
        wrong = any(carried != colour for carried in state.carrying)
        state.carrying.clear()
        yield self._event(EventKind.DROPPED, block, path, (colour, count))
        if wrong:
            raise _Stop(Reason.WRONG_BIN)

    # -- helpers --------------------------------------------------------------------------

    def _event(self, kind: EventKind, block: Block, path: Path, value: object = None) -> RunEvent:
        state = self.state
        if kind not in (EventKind.REACHED_GOAL, EventKind.OUT_OF_STEPS, EventKind.BUMPED_WALL):
            state.steps += 1
            if state.steps > self.max_steps:
                state.steps = self.max_steps
                raise _Stop(Reason.OUT_OF_STEPS, RunEvent(
                    EventKind.OUT_OF_STEPS, block.uid, path, state.steps, state.cell,
                    state.heading))
        return RunEvent(kind, block.uid, path, state.steps, state.cell, state.heading, value)

    def _path_open(self, direction: str) -> bool:
        state = self.state
        heading = {"ahead": state.heading, "left": state.heading.left(),
                   "right": state.heading.right()}[direction]
        return self.world.is_open(self.world.ahead(state.cell, heading))

    def _verdict(self) -> Reason:
        world, state = self.world, self.state
        if world.stars - state.collected:
            return Reason.STARS_LEFT
        if state.carrying:
            return Reason.NOT_SORTED
        if world.picture is not None and state.painted != world.picture:
            return Reason.PICTURE_WRONG
        if world.question is not None:
            if state.answer is None:
                return Reason.NO_ANSWER
            if state.answer != expected_answer(world, state.collected):
                return Reason.WRONG_ANSWER
        if world.goal is not None and state.cell != world.goal:
            return Reason.GOAL_NOT_REACHED
        return Reason.SOLVED


def run_program(world: World, blocks: Sequence[Block], *, max_steps: int = DEFAULT_MAX_STEPS,
                par: int | None = None) -> tuple[list[RunEvent], Outcome]:
    """Run to the end; the events and the outcome."""
    run = Run(world, blocks, max_steps=max_steps, par=par)
    events = list(run.events())
    assert run.outcome is not None
    return events, run.outcome


def state_before(world: World, blocks: Sequence[Block], count: int,
                 max_steps: int = DEFAULT_MAX_STEPS) -> RunState:
    """Where the robot stands after the first ``count`` top-level blocks have run (for
    guessing what comes next, e.g. how many squares are open ahead)."""
    run = Run(world, list(blocks)[:count], max_steps=max_steps)
    for _ in run.events():
        pass
    return run.state


def open_ahead(world: World, state: RunState) -> int:
    """How many squares the robot can move straight ahead from ``state``."""
    cell, steps = state.cell, 0
    while world.is_open(world.ahead(cell, state.heading)):
        cell = world.ahead(cell, state.heading)
        steps += 1
    return steps

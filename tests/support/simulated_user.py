"""Simulated switch users: they watch the highlight and press switches, nothing else.

A ``ScanningUser`` reaches a target the way a child does: it looks at what is highlighted,
and presses its switch(es) — through ``SwitchHand`` (real event patterns with chatter and
tremor), the ``SwitchFilter`` and the ``Scanner``. It never calls the editor or the
scanner's selection methods; it only reads ``scanner.highlighted``/``scanner.root`` (what
the screen shows). ``solve_level`` plays a level's reference solution this way.
It counts switch activations, highlight moves and (simulated) seconds for the benchmarks.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence

from accessibility.clock import FakeClock
from accessibility.guided_steps import steps_from_solution
from accessibility.press_patterns import CLEAN, PressStyle, SwitchHand
from accessibility.presenters.workspace_presenter import (WorkspacePresenter, insertion_id,
                                                          palette_id, param_id)
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scanner import BACK_ID, Scanner, ScanMode
from accessibility.switch_filter import SwitchFilter

STEP = 0.02  # how often the simulated eye looks at the screen (seconds)


class UserStuck(RuntimeError):
    """The user could not reach a target in the time allowed (a bug, not a user error)."""


@dataclass
class UserStats:
    presses: int = 0  # intended switch activations
    moves: int = 0  # highlight moves seen
    selections: int = 0  # targets activated
    seconds: float = 0.0


def goal_path(root: Group, goal: str) -> list[str] | None:
    """Ids from ``root``'s children down to ``goal`` (groups then the target), or ``None``."""
    for child in root.children:
        if child.id == goal:
            return [goal]
        if isinstance(child, Group):
            below = goal_path(child, goal)
            if below is not None:
                return [child.id] + below
    return None


def _controls_for(profile: AccessProfile, action: str) -> str | None:
    return next((c for c, a in profile.resolved().items() if a == action), None)


class ScanningUser:
    """One simulated learner with a profile's switches, driving a scanner by presses only."""

    def __init__(self, clock: FakeClock, scanner: Scanner, switch_filter: SwitchFilter,
                 profile: AccessProfile, *, style: PressStyle = CLEAN, seed: int = 0,
                 reaction: tuple[float, float] = (0.15, 0.35)) -> None:
        self.clock = clock
        self.scanner = scanner
        self.profile = profile
        self.rng = random.Random(seed)
        self.reaction = reaction
        self.stats = UserStats()
        self.activated: list[str] = []
        self._changes = 0
        self._seen_at = clock.now()
        self._first = False
        scanner.on_highlight(self._seen)
        scanner.on_select(self._selected)
        mode = scanner.settings.mode
        next_name = "next" if mode in (ScanMode.STEP, ScanMode.STEP_DWELL) else "select"
        hands: dict[str, SwitchHand] = {}
        for role, action in (("move", next_name), ("select", "select")):
            control = _controls_for(profile, action)
            if control is None:
                continue
            source, _, name = control.rpartition(":")
            hands[role] = SwitchHand(clock, switch_filter.feed, source, name, style,
                                     seed=self.rng.randrange(1 << 30))
        if "move" not in hands and "select" in hands:
            hands["move"] = hands["select"]
        if not hands:
            raise ValueError(f"profile {profile.name} binds no switch")
        self._hands = hands
        # the longest a press takes to count: reaction, a tremor blip first, acceptance
        self.need = (reaction[1] + style.blip_length[1] + 0.15 + profile.acceptance
                     + profile.debounce + 0.05)
        if profile.accept_on == "release" or profile.long_hold > 0:
            self.need += style.hold[1]

    # -- what the user sees ---------------------------------------------------------------

    def _seen(self, node: ScanNode | None) -> None:
        self._changes += 1
        self._seen_at = self.clock.now()
        self._first = node is not None and bool(self.scanner.items()) \
            and self.scanner.items()[0] is node
        if node is not None:
            self.stats.moves += 1

    def _selected(self, node: ScanNode) -> None:
        if isinstance(node, Target) and node.id != BACK_ID:
            self.activated.append(node.id)
            self.stats.selections += 1

    def wanted(self, goal: str) -> str:
        """The item at the scanner's current level that leads to ``goal`` (or back)."""
        items = [n.id for n in self.scanner.items()]
        if goal in items:
            return goal
        path = goal_path(self.scanner.group, goal) or []
        for step in path:
            if step in items:
                return step
        return BACK_ID

    # -- acting ---------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.stats.seconds += seconds

    def _react(self) -> None:
        self._wait(self.rng.uniform(*self.reaction))

    def _press(self, role: str, hold: float | None = None) -> None:
        self.stats.presses += 1
        self.stats.seconds += self._hands[role].press(hold)

    def _wait_for_change(self, limit: float) -> bool:
        seen = self._changes
        waited = 0.0
        while self._changes == seen and waited < limit:
            self._wait(STEP)
            waited += STEP
        return self._changes != seen

    def _settle(self) -> None:
        """Rest after a press so the post-acceptance delay cannot swallow the next one."""
        self._wait(self.profile.post_acceptance + 0.05)

    def choose(self, goal: str, limit: float = 600.0) -> None:
        """Press switches until the target ``goal`` has been activated."""
        start_count = len(self.activated)
        deadline = self.clock.now() + limit
        mode = self.scanner.settings.mode
        while not self.activated[start_count:]:
            if self.clock.now() > deadline:
                raise UserStuck(f"could not reach {goal} ({mode.value})")
            if self.scanner.root.find(goal) is None:
                raise UserStuck(f"{goal} is not on the screen")
            {ScanMode.AUTO: self._auto_turn, ScanMode.STEP: self._step_turn,
             ScanMode.STEP_DWELL: self._dwell_turn, ScanMode.INVERSE: self._inverse_turn,
             }[mode](goal)
        if self.activated[start_count] != goal:
            raise UserStuck(f"chose {self.activated[start_count]} instead of {goal}")

    def _auto_turn(self, goal: str) -> None:
        node = self.scanner.highlighted
        if node is None:  # paused or not started: a press wakes it
            self._react()
            self._press("select")
            self._settle()
            return
        settings = self.scanner.settings
        left = self._seen_at + settings.interval - self.clock.now()
        left += settings.first_item_delay if self._first else 0.0
        if node.id == self.wanted(goal) and left >= self.need:
            self._react()
            self._press("select")
            self._settle()
        else:
            self._wait_for_change(self.scanner.settings.interval * 10)

    def _step_turn(self, goal: str) -> None:
        node = self.scanner.highlighted
        self._react()
        wanted = self.wanted(goal)
        if node is not None and node.id == wanted:
            self._press("select")
        elif wanted == BACK_ID and self._holding_is_shorter(node):
            self._press("move", hold=self.profile.long_hold + 0.15)
        else:
            self._press("move")
        self._settle()

    def _holding_is_shorter(self, node: ScanNode | None) -> bool:
        """A learner whose profile maps a long hold to BACK holds instead of stepping to
        the back stop when that stop is more than one step away."""
        if self.profile.long_hold <= 0 or self.profile.long_hold_action != "back":
            return False
        items = [item.id for item in self.scanner.items()]
        here = items.index(node.id) if node is not None and node.id in items else -1
        return len(items) - here > 2

    def _dwell_turn(self, goal: str) -> None:
        node = self.scanner.highlighted
        if node is not None and node.id == self.wanted(goal):
            if self._wait_for_change(self.scanner.settings.dwell + 0.5):
                return
        self._react()
        self._press("move")
        self._settle()

    def _inverse_turn(self, goal: str) -> None:
        hand = self._hands["select"]
        self._react()
        self.stats.presses += 1
        hand.hold_down()
        limit = self.clock.now() + self.scanner.settings.interval * 200
        while self.clock.now() < limit:
            node = self.scanner.highlighted
            if node is not None and node.id == self.wanted(goal):
                break
            self._wait_for_change(self.scanner.settings.interval * 3)
        self._react()
        hand.let_go()
        self._settle()



def solve_level(user: ScanningUser, presenter: WorkspacePresenter, solution: Sequence[object],
                *, run: bool = True) -> UserStats:
    """Build ``solution`` (a level's reference solution, level-pack form) by presses only."""
    build_solution(user.choose, presenter, solution, run=run)
    return user.stats


def build_solution(choose: Callable[[str], None], presenter: WorkspacePresenter,
                   solution: Sequence[object], *, run: bool = True) -> None:
    """Choose, target by target, what builds ``solution``: for each block, the place it
    goes if the cursor is not there already, the block in the palette, then its
    parameters; finally run. ``choose`` is how a user reaches a target: presses through
    a scanner, a tap, a word."""
    for step in steps_from_solution(solution):
        where = insertion_id(step.parent, step.position)
        if presenter.cursor_id() != where:
            choose(presenter.shortcut_to(where) or where)
        choose(palette_id(step.block))
        for name in presenter.port.param_choices(step.block):
            choose(param_id(name, step.params[name]))
    if run:
        choose("control:run")

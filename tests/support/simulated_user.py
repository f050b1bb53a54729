"""Simulated switch users: they watch the highlight and press switches, nothing else.

A ``ScanningUser`` reaches a target the way a child does: it looks at what is highlighted,
and presses its switch(es) — through ``SwitchHand`` (real event patterns with chatter and
tremor), the ``SwitchFilter`` and the ``Scanner``. It never calls the editor or the
scanner's selection methods; it only reads ``scanner.highlighted``/``scanner.root`` (what
the screen shows). ``solve_level`` plays a level's reference solution this way.
It counts switch activations, highlight moves and (simulated) seconds for the benchmarks.

Two ways of being late, for time-of-press resolution (issue 19): ``lag=(low, high)`` makes
an auto-scan user press for the stop it wants ``low`` to ``high`` seconds after the
highlight has left it (a switch user's reaction; negative: on time, before it leaves), and
``LateDelivery`` hands the events to the filter late (a loaded CPU, a long frame) while
they keep their press time.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from accessibility.clock import FakeClock
from accessibility.guided_steps import steps_from_solution
from accessibility.presenters.workspace_presenter import (
    WorkspacePresenter,
    insertion_id,
    palette_id,
    param_id,
)
from accessibility.press_patterns import CLEAN, PressStyle, SwitchHand
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scanner import BACK_ID, Resolve, ScanMode, Scanner
from accessibility.switch_access import SwitchAccess
from accessibility.switch_filter import SwitchFilter
from accessibility.translator import Translator
from adapters.events import InputEvent
from levels.editor import Editor, as_solution
from levels.level import Level
from levels.program import to_solution

STEP = 0.02  # how often the simulated eye looks at the screen (seconds)


class LateDelivery:
    """Feeds events on to ``feed`` ``delay`` seconds after they happened, in order, with
    their own time ``t`` kept: what the hub does when the app's frame comes late."""

    def __init__(self, clock: FakeClock, feed: Callable[[InputEvent], None],
                 delay: tuple[float, float], seed: int = 0) -> None:
        self.clock = clock
        self.feed = feed
        self.delay = delay
        self.rng = random.Random(seed)
        self._last_due = float("-inf")

    def __call__(self, event: InputEvent) -> None:
        due = max(self._last_due, event.t + self.rng.uniform(*self.delay))
        self._last_due = due
        self.clock.call_later(due - self.clock.now(), lambda: self.feed(event))


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
                 reaction: tuple[float, float] = (0.15, 0.35),
                 lag: tuple[float, float] | None = None,
                 delivery: tuple[float, float] = (0.0, 0.0)) -> None:
        """``lag``: in auto-scan, press for a stop that many seconds after it stopped being lit;
        ``delivery``: events reach the filter this late (``LateDelivery``)."""
        self.clock = clock
        self.scanner = scanner
        self.profile = profile
        self.rng = random.Random(seed)
        # a profile's grace is set below its learner's reaction: a press this soon after a
        # move means the stop before, so a learner who reacts to what is lit is slower
        grace = scanner.settings.grace if scanner.settings.mode is ScanMode.AUTO else 0.0
        self.reaction = (max(reaction[0], grace + 0.05), max(reaction[1], grace + 0.25))
        self.lag = lag
        self.delivery = delivery
        self.stats = UserStats()
        self.activated: list[str] = []
        self._changes = 0
        self._seen_at = clock.now()
        scanner.on_highlight(self._seen)
        scanner.on_select(self._selected)
        mode = scanner.settings.mode
        next_name = "next" if mode in (ScanMode.STEP, ScanMode.STEP_DWELL) else "select"
        feed: Callable[[InputEvent], None] = switch_filter.feed
        if delivery[1] > 0:
            feed = LateDelivery(clock, feed, delivery, seed=self.rng.randrange(1 << 30))
        hands: dict[str, SwitchHand] = {}
        for role, action in (("move", next_name), ("select", "select")):
            control = _controls_for(profile, action)
            if control is None:
                continue
            source, _, name = control.rpartition(":")
            hands[role] = SwitchHand(clock, feed, source, name, style,
                                     seed=self.rng.randrange(1 << 30))
        if "move" not in hands and "select" in hands:
            hands["move"] = hands["select"]
        if not hands:
            raise ValueError(f"profile {profile.name} binds no switch")
        self._hands = hands
        # the longest a press takes to count: reaction, a tremor blip first, acceptance
        self.need = (self.reaction[1] + style.blip_length[1] + 0.15 + profile.acceptance
                     + profile.debounce + 0.05)
        if profile.accept_on == "release" or profile.long_hold > 0:
            self.need += style.hold[1]

    # -- what the user sees ---------------------------------------------------------------

    def _seen(self, node: ScanNode | None) -> None:
        self._changes += 1
        self._seen_at = self.clock.now()
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
        """Rest after a press so the post-acceptance delay cannot swallow the next one (and
        late events have arrived before looking again)."""
        self._wait(self.profile.post_acceptance + 0.05 + self.delivery[1])

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
        if self.lag is not None:
            self._late_turn(goal, node)
            return
        until = self.scanner.lit_until  # the rhythm a learner feels: when the stop moves on
        left = (self._seen_at if until is None else until) - self.clock.now()
        if node.id == self.wanted(goal) and left >= self.need:
            self._react()
            self._press("select")
            self._settle()
        else:
            self._wait_for_change(self.scanner.settings.interval * 10)

    def _late_turn(self, goal: str, node: ScanNode) -> None:
        """Press ``lag`` s after the wanted stop is left (a negative lag: before, on time)."""
        assert self.lag is not None
        if node.id != self.wanted(goal):
            self._wait_for_change(self.scanner.settings.interval * 10)
            return
        lag = self.rng.uniform(*self.lag)
        if lag < 0:  # on time: the stop's end is foreseeable (no cue to wait for)
            end = self.scanner.lit_until
            end = self._seen_at + self.scanner.settings.interval if end is None else end
            self._wait(max(0.0, end + lag - self.clock.now()))
        elif self._wait_for_change(self.scanner.settings.interval * 10):
            self._wait(max(0.0, self._seen_at + lag - self.clock.now()))
        else:
            return
        self._press("select")
        self._settle()

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


def play_level(level: Level, profile: AccessProfile, *, seed: int = 0, style: PressStyle = CLEAN,
               lag: tuple[float, float] | None = None, delivery: tuple[float, float] = (0.0, 0.0),
               resolve: Resolve = "press", translator: Translator | None = None) -> ScanningUser:
    """A simulated learner builds ``level``'s reference solution from an empty program and
    presses Run, through the real ``SwitchAccess`` on a ``FakeClock``. Raises ``UserStuck``
    at the first wrong choice; ``AssertionError`` if the program built is not the solution.
    ``resolve="processing"``: the scanner chooses what is lit when a press is processed."""
    editor = Editor(level.palette, max_blocks=level.max_blocks)
    clock = FakeClock()
    presenter = WorkspacePresenter(editor, translator=translator or Translator("en"),
                                   on_run=lambda: None)
    access = SwitchAccess(clock, profile, presenter.model(), on_command=presenter.execute)
    presenter.model_changed.connect(access.set_model)
    assert access.scanner is not None, f"{profile.name} does not scan"
    access.set_settings(replace(access.scanner.settings, resolve=resolve))
    user = ScanningUser(clock, access.scanner, access.filter, profile, style=style, seed=seed,
                        lag=lag, delivery=delivery)
    solution = to_solution(level.solution)
    solve_level(user, presenter, solution)
    if as_solution(editor) != solution:
        raise AssertionError(f"{level.id}: the simulated learner built {as_solution(editor)}")
    return user

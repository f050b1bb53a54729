"""Turns raw switch presses into intentions: debounce, acceptance, post-acceptance, long hold.

One ``SwitchFilter`` per learner, configured from the access profile. Per control it keeps
a debounced state; a debounced press becomes an *accepted* press once held for the
acceptance time, unless it started inside the post-acceptance delay of the previous
accepted press. That delay runs from the accepted press's emission *and* from its release
(a hand bouncing back onto the switch is not a new press), and is global across controls
(a tremor often hits both switches).

Two outputs:

- ``on_intent(intent, t)``: the bound ``Action`` or ``Command``, emitted on acceptance
  (``accept_on="press"``) or on release of an accepted press (``accept_on="release"``).
  ``t`` is when the press began at the device (``InputEvent.t``), so the scanner can choose
  what was lit then, however late the event was processed.
  If the profile binds a long hold, the short intent is always decided on release: a
  press held ``long_hold`` seconds emits ``long_hold_action`` instead (never both).
- ``on_hold(intent, held)``: the accepted press starts (``True``) and ends (``False``). The
  scanner's inverse mode listens to this (``Scanner.hold``); other modes ignore it.

Keyboard auto-repeat (more "pressed" events while already pressed) is ignored; a control
released and pressed again within ``debounce`` seconds is contact chatter and merged.
Everything runs on the injected clock; no threads. Times are judged on the events' own
stamps, not on when they are processed: an event delivered late (a busy frame, a loaded
CPU) first settles whatever fell due before it happened (debounce, acceptance, long hold),
so a whole press delivered at once still counts as the press it was.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Literal, Mapping

from accessibility.actions import Action, Command, Intent
from accessibility.clock import Clock, Timer
from adapters.events import InputEvent

log = logging.getLogger(__name__)

AcceptOn = Literal["press", "release"]


@dataclass(frozen=True)
class FilterTiming:
    """Seconds. ``long_hold`` 0 means no long-hold action."""

    debounce: float = 0.03
    acceptance: float = 0.1
    post_acceptance: float = 0.3
    accept_on: AcceptOn = "press"
    long_hold: float = 0.0
    long_hold_action: Intent | None = None


def parse_intent(name: str) -> Intent:
    """``"select"`` -> ``Action.SELECT``; anything else is a direct ``Command`` (``run``)."""
    try:
        return Action(name)
    except ValueError:
        return Command(name)


def intent_name(intent: Intent) -> str:
    return intent.value if isinstance(intent, Action) else intent.name


@dataclass
class _Control:
    raw: bool = False  # last raw state seen
    stable: bool = False  # debounced state
    debounce_timer: Timer | None = None
    pending_t: float = 0.0  # time of the raw event that started the pending change
    press_t: float = 0.0  # time the current stable press began
    accepted: bool = False  # the current stable press passed acceptance
    ignored: bool = False  # the current stable press is ignored (lockout or rejected)
    long_fired: bool = False
    accept_due: bool = False  # acceptance time came while a release was settling
    timers: list[Timer] = field(default_factory=list)


@dataclass
class FilterStats:
    """What the filter did, for tests and benchmarks."""

    raw_events: int = 0
    repeats_ignored: int = 0
    presses: int = 0  # debounced presses
    too_short: int = 0
    locked_out: int = 0
    unbound: int = 0
    emitted: int = 0


class SwitchFilter:
    """Feed it ``InputEvent``s with ``feed``; it calls ``on_intent``/``on_hold``."""

    def __init__(
        self,
        clock: Clock,
        bindings: Mapping[str, Intent],
        timing: FilterTiming = FilterTiming(),
        on_intent: Callable[[Intent, float], None] | None = None,
        on_hold: Callable[[Intent, bool], None] | None = None,
    ) -> None:
        self._clock = clock
        self.bindings: dict[str, Intent] = dict(bindings)
        self.timing = timing
        self._on_intent = on_intent or (lambda _intent, _t: None)
        self._on_hold = on_hold or (lambda _intent, _held: None)
        self._controls: dict[str, _Control] = {}
        self._locked_until = float("-inf")
        self.stats = FilterStats()

    def configure(self, bindings: Mapping[str, Intent], timing: FilterTiming) -> None:
        """Take a new profile's bindings and timings (presses in progress are dropped)."""
        for control in self._controls.values():
            self._cancel(control)
        self._controls.clear()
        self.bindings = dict(bindings)
        self.timing = timing

    def feed(self, event: InputEvent) -> None:
        """One raw press or release from an adapter (already on the app's thread)."""
        self.stats.raw_events += 1
        if event.id not in self.bindings:
            self.stats.unbound += 1
            return
        control = self._controls.setdefault(event.id, _Control())
        self._catch_up(event.id, control, event.t)
        if event.pressed == control.raw:
            self.stats.repeats_ignored += 1  # auto-repeat or a duplicate report
            return
        control.raw = event.pressed
        if control.debounce_timer is not None:
            control.debounce_timer.cancel()
            control.debounce_timer = None
        if control.raw == control.stable:
            if control.accept_due:  # the release was chatter: the press is long enough
                control.accept_due = False
                self._accept(event.id, control)
            return  # chatter: went back to the stable state before it settled
        control.pending_t = event.t
        if self.timing.debounce <= 0:
            self._settle(event.id, control)
            return
        delay = max(0.0, event.t + self.timing.debounce - self._clock.now())
        control.debounce_timer = self._clock.call_later(
            delay, lambda: self._settle(event.id, control))

    def _catch_up(self, control_id: str, control: _Control, t: float) -> None:
        """Settle what fell due before ``t`` and whose timer has not run yet (late events)."""
        if control.debounce_timer is not None and control.pending_t + self.timing.debounce <= t:
            control.debounce_timer.cancel()
            self._settle(control_id, control)
        if not control.stable or control.ignored or not control.raw:
            return
        if not control.accepted and control.press_t + self.timing.acceptance <= t:
            self._accept(control_id, control)
        if self._long_hold_bound() and control.press_t + self.timing.long_hold <= t:
            self._long_hold(control_id, control)

    # -- debounced state changes ------------------------------------------------------

    def _settle(self, control_id: str, control: _Control) -> None:
        control.debounce_timer = None
        if control.raw == control.stable:
            return
        control.stable = control.raw
        if control.stable:
            self._pressed(control_id, control, control.pending_t)
        else:
            self._released(control_id, control, control.pending_t)

    def _pressed(self, control_id: str, control: _Control, t: float) -> None:
        self.stats.presses += 1
        self._cancel(control)
        control.accepted = control.long_fired = control.accept_due = False
        control.press_t = t
        control.ignored = t < self._locked_until
        if control.ignored:
            self.stats.locked_out += 1
            return
        now = self._clock.now()
        if self.timing.acceptance <= 0:
            self._accept(control_id, control)  # speech sends press and release at once
        else:
            control.timers.append(self._clock.call_later(
                max(0.0, t + self.timing.acceptance - now),
                lambda: self._accept(control_id, control)))
        if self._long_hold_bound():
            control.timers.append(self._clock.call_later(
                max(0.0, t + self.timing.long_hold - now),
                lambda: self._long_hold(control_id, control)))

    def _accept(self, control_id: str, control: _Control) -> None:
        if not control.stable or control.ignored or control.accepted:
            return
        if not control.raw:  # released before the acceptance time, unless that was chatter
            control.accept_due = True
            return
        control.accepted = True
        intent = self.bindings[control_id]
        self._on_hold(intent, True)
        if self.timing.accept_on == "press" and not self._long_hold_bound():
            self._emit(intent, control.press_t, control.press_t + self.timing.acceptance)

    def _long_hold(self, control_id: str, control: _Control) -> None:
        if not control.stable or not control.accepted or control.long_fired:
            return
        control.long_fired = True
        assert self.timing.long_hold_action is not None
        self._emit(self.timing.long_hold_action, control.press_t,
                   control.press_t + self.timing.long_hold)

    def _released(self, control_id: str, control: _Control, t: float) -> None:
        self._cancel(control)
        control.accept_due = False
        if control.ignored:
            return
        if not control.accepted:
            self.stats.too_short += 1
            return
        intent = self.bindings[control_id]
        release_mode = self.timing.accept_on == "release" or self._long_hold_bound()
        if release_mode and not control.long_fired:
            self._emit(intent, control.press_t, t)
        # the delay also runs from the release: a hand bouncing back is not a new press
        self._locked_until = max(self._locked_until, t + self.timing.post_acceptance)
        self._on_hold(intent, False)
        control.accepted = False

    def _emit(self, intent: Intent, pressed_at: float, accepted_at: float) -> None:
        """``accepted_at``: the event time the press counted (the lockout runs from it)."""
        self._locked_until = accepted_at + self.timing.post_acceptance
        self.stats.emitted += 1
        self._on_intent(intent, pressed_at)

    def _long_hold_bound(self) -> bool:
        return self.timing.long_hold > 0 and self.timing.long_hold_action is not None

    @staticmethod
    def _cancel(control: _Control) -> None:
        for timer in control.timers:
            timer.cancel()
        control.timers.clear()

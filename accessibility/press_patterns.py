"""How real hands press switches: contact chatter, tremor blips and double hits, as events.

A ``SwitchHand`` turns "press this control for 0.3 s" into the ``InputEvent``s a worn
switch and a trembling hand would produce, fed at the right moments on a ``FakeClock``.
Used by the simulated users, the filter tests and the benchmarks; seeded, so repeatable.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from accessibility.clock import FakeClock
from adapters.events import InputEvent


@dataclass(frozen=True)
class PressStyle:
    """Seconds. Chatter bounces are shorter than the debounce; blips shorter than acceptance;
    a double hit starts within the post-acceptance delay after the release.
    """

    hold: tuple[float, float] = (0.18, 0.35)
    chatter_bounces: tuple[int, int] = (0, 0)
    chatter_gap: tuple[float, float] = (0.001, 0.008)
    blip_chance: float = 0.0  # an involuntary short press before/after the intended one
    blip_length: tuple[float, float] = (0.01, 0.045)
    double_hit_chance: float = 0.0  # the hand bounces back onto the switch after release
    double_hit_gap: tuple[float, float] = (0.05, 0.2)
    double_hit_length: tuple[float, float] = (0.08, 0.2)
    auto_repeat: bool = False  # a keyboard sending repeated key-downs while held


CLEAN = PressStyle()
CHATTER = PressStyle(chatter_bounces=(1, 5))
TREMOR = PressStyle(chatter_bounces=(0, 2), chatter_gap=(0.001, 0.005), blip_chance=0.4, double_hit_chance=0.4,
                    auto_repeat=True)


class SwitchHand:
    """Presses one control of one source, advancing the fake clock as it goes."""

    def __init__(self, clock: FakeClock, feed: Callable[[InputEvent], None], source: str,
                 control: str, style: PressStyle = CLEAN, seed: int = 0) -> None:
        self.clock = clock
        self.feed = feed
        self.source = source
        self.control = control
        self.style = style
        self.rng = random.Random(seed)
        self.events = 0
        self._holding = False

    def _emit(self, pressed: bool) -> None:
        self.events += 1
        self.feed(InputEvent(self.source, self.control, pressed, self.clock.now()))

    def _wait(self, seconds: float) -> None:
        self.clock.advance(max(0.0, seconds))

    def _edge(self, pressed: bool) -> None:
        """One press or release edge, with contact chatter after it."""
        self._emit(pressed)
        for _ in range(self.rng.randint(*self.style.chatter_bounces)):
            self._wait(self.rng.uniform(*self.style.chatter_gap))
            self._emit(not pressed)
            self._wait(self.rng.uniform(*self.style.chatter_gap))
            self._emit(pressed)

    def _blip(self) -> None:
        self._edge(True)
        self._wait(self.rng.uniform(*self.style.blip_length))
        self._edge(False)

    def press(self, hold: float | None = None) -> float:
        """One intended press (plus whatever the hand adds); returns the seconds it took."""
        start = self.clock.now()
        style = self.style
        if self.rng.random() < style.blip_chance / 2:
            self._blip()
            self._wait(self.rng.uniform(0.08, 0.15))
        hold = self.rng.uniform(*style.hold) if hold is None else hold
        self._edge(True)
        held_until = self.clock.now() + hold
        if style.auto_repeat:
            self._wait(min(0.1, hold / 2))
            while self.clock.now() + 0.03 < held_until:
                self._emit(True)
                self._wait(0.03)
        self._wait(held_until - self.clock.now())
        self._edge(False)
        if self.rng.random() < style.double_hit_chance:
            self._wait(self.rng.uniform(*style.double_hit_gap))
            self._edge(True)
            self._wait(self.rng.uniform(*style.double_hit_length))
            self._edge(False)
        elif self.rng.random() < style.blip_chance / 2:
            self._wait(self.rng.uniform(0.1, 0.3))
            self._blip()
        return self.clock.now() - start

    def hold_down(self) -> None:
        """Start a long press (inverse scan), with the same tremor as ``press``;
        ``let_go`` ends it. Auto-repeat runs on the clock while held."""
        if self.rng.random() < self.style.blip_chance / 2:
            self._blip()
            self._wait(self.rng.uniform(0.08, 0.15))
        self._edge(True)
        self._holding = True
        if self.style.auto_repeat:
            self.clock.call_later(0.3, self._repeat)

    def _repeat(self) -> None:
        if self._holding:
            self._emit(True)
            self.clock.call_later(0.03, self._repeat)

    def let_go(self) -> None:
        self._holding = False
        self._edge(False)
        if self.rng.random() < self.style.double_hit_chance:
            self._wait(self.rng.uniform(*self.style.double_hit_gap))
            self._edge(True)
            self._wait(self.rng.uniform(*self.style.double_hit_length))
            self._edge(False)

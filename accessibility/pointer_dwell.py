"""Pointer dwell: a learner who points with an eye tracker or a head mouse chooses a target
by resting the pointer on it, without clicking.

``PointerDwell`` takes pointer samples and asks a hit test which target lies under the
pointer; the views own the positions, the core owns the timing (on the injected clock):

- a dwell starts where the pointer comes to rest over a target (the *anchor*); samples that
  stay within the *dead zone* around the anchor (tremor, an eye's jitter) keep it, a sample
  outside starts again from there — so passing over a target never chooses it;
- after ``dwell`` seconds of rest the target is chosen, through the same path as a touch;
- then it is disarmed: a resting eye must not choose twice. It re-arms when the pointer
  leaves the dead zone around where it chose, or after ``rearm`` seconds of rest (a head
  mouse user who wants the same block again only keeps resting);
- ``progress()`` (0..1) is what the ring around the target shows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from accessibility.clock import Clock, Timer
from accessibility.signal import Signal

HitTest = Callable[[float, float], "str | None"]


@dataclass(frozen=True)
class DwellSettings:
    """Seconds of rest to choose, the dead zone's radius (pixels), seconds to re-arm."""

    dwell: float = 1.0
    dead_zone: float = 15.0
    rearm: float = 3.0


@dataclass(frozen=True)
class DwellState:
    """What the ring draws: the target being dwelt on (None: nothing) and how far (0..1)."""

    target: str | None
    progress: float


IDLE = DwellState(None, 0.0)


class PointerDwell:
    def __init__(self, clock: Clock, settings: DwellSettings, hit_test: HitTest,
                 choose: Callable[[str], object]) -> None:
        self.clock = clock
        self.settings = settings
        self.hit_test = hit_test
        self._choose = choose
        self.changed: Signal[[DwellState]] = Signal()  # a dwell started, ended or was chosen
        self.chosen: list[str] = []  # every target chosen by dwell, in order (tests, logs)
        self._anchor: tuple[float, float] | None = None
        self._target: str | None = None
        self._started = 0.0
        self._timer: Timer | None = None
        self._disarmed_at: tuple[float, float] | None = None  # where the last choice was

    # -- samples --------------------------------------------------------------------------

    def move(self, x: float, y: float) -> None:
        """One pointer sample, in the hit test's coordinates."""
        if self._disarmed_at is not None:
            if self._distance((x, y), self._disarmed_at) <= self.settings.dead_zone:
                return  # still resting where it chose
            self._disarmed_at = None
        if self._anchor is not None \
                and self._distance((x, y), self._anchor) <= self.settings.dead_zone:
            return  # tremor: the dwell goes on
        self._start(x, y)

    def leave(self) -> None:
        """The pointer left the window (or the screen changed under it): nothing dwells."""
        self._stop()
        self._anchor = None
        self._disarmed_at = None
        self.changed.emit(IDLE)

    def restart(self) -> None:
        """The targets moved under a still pointer (a new screen): dwell afresh from here,
        unless it is still disarmed after a choice."""
        if self._anchor is not None and self._disarmed_at is None:
            self._start(*self._anchor)

    # -- state ----------------------------------------------------------------------------

    @property
    def target(self) -> str | None:
        return self._target

    def progress(self) -> float:
        if self._target is None:
            return 0.0
        elapsed = self.clock.now() - self._started
        return min(1.0, max(0.0, elapsed / self.settings.dwell))

    def state(self) -> DwellState:
        return DwellState(self._target, self.progress())

    def set_settings(self, settings: DwellSettings) -> None:
        self.settings = settings
        self.leave()

    # -- inside ---------------------------------------------------------------------------

    def _start(self, x: float, y: float) -> None:
        self._stop()
        self._anchor = (x, y)
        self._target = self.hit_test(x, y)
        if self._target is not None:
            self._started = self.clock.now()
            self._timer = self.clock.call_later(self.settings.dwell, self._done)
        self.changed.emit(self.state())

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._target = None

    def _done(self) -> None:
        self._timer = None
        anchor, target = self._anchor, self._target
        self._target = None
        if anchor is None or target is None or self.hit_test(*anchor) != target:
            self.changed.emit(IDLE)  # the target went away while it was dwelt on
            return
        self._disarmed_at = anchor
        self._timer = self.clock.call_later(self.settings.rearm, self._rearmed)
        self.chosen.append(target)
        self.changed.emit(IDLE)
        self._choose(target)

    def _rearmed(self) -> None:
        self._timer = None
        if self._disarmed_at is not None and self._anchor is not None:
            self._disarmed_at = None
            self._start(*self._anchor)  # still resting: a fresh dwell, a full one

    @staticmethod
    def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
        return math.hypot(a[0] - b[0], a[1] - b[1])

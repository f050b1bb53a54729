"""Injected time: the scanner, filters and guided mode never read the wall clock themselves.

The app passes a wrapper around Kivy's clock; tests and benchmarks pass ``FakeClock`` and
advance it, so they run much faster than real time.
"""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from typing import Callable, Protocol


class Timer(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> float:
        """Current time in seconds (monotonic, same base as InputEvent.t)."""
        ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run ``callback`` once after ``delay`` seconds, on the app's thread."""
        ...


@dataclass(order=True)
class _Scheduled:
    due: float
    seq: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    """A clock that only moves when told to; callbacks fire in due order during ``advance``."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._queue: list[_Scheduled] = []
        self._seq = itertools.count()

    def now(self) -> float:
        return self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> _Scheduled:
        item = _Scheduled(self._now + max(0.0, delay), next(self._seq), callback)
        heapq.heappush(self._queue, item)
        return item

    def advance(self, seconds: float) -> None:
        """Move time forward, firing every callback that falls due, in order."""
        target = self._now + seconds
        self.run_until(target)

    def run_until(self, target: float) -> None:
        while self._queue and self._queue[0].due <= target:
            item = heapq.heappop(self._queue)
            if item.cancelled:
                continue
            self._now = max(self._now, item.due)
            item.callback()
        self._now = max(self._now, target)

    def pending(self) -> int:
        return sum(1 for item in self._queue if not item.cancelled)

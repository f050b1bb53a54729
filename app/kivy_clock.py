"""The injected clock for the app: Kivy's Clock schedules, ``time.monotonic`` tells the time.

Monotonic time is the base of every ``InputEvent.t``, so the switch filter compares a
press's time with the scanner's timers on one clock.
"""
from __future__ import annotations

import time
from typing import Callable

from kivy.clock import Clock as KivyClockObject

from accessibility.clock import Timer


class KivyClock:
    def now(self) -> float:
        return time.monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run ``callback`` on the app's thread after ``delay`` s; the result has ``cancel()``."""
        return KivyClockObject.schedule_once(lambda _dt: callback(), max(0.0, delay))

"""The teacher's lock: hold it for three seconds to open the settings.

A child tapping it by accident sees a ring start to fill, then nothing happens; a switch
user never reaches it (it is not in any scan model).
"""
from __future__ import annotations

from typing import Callable

from kivy.clock import Clock
from kivy.properties import ColorProperty, NumericProperty
from kivy.uix.label import Label

HOLD_SECONDS = 3.0


class LockButton(Label):
    progress = NumericProperty(0.0)  # 0..1 while held
    ring_colour = ColorProperty((0.4, 0.4, 0.4, 1))

    def __init__(self, on_open: Callable[[], None], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._on_open = on_open
        self._ticker = None
        self._held = 0.0

    def on_touch_down(self, touch) -> bool:
        if not self.collide_point(*touch.pos):
            return False
        touch.grab(self)
        self._held = 0.0
        self._ticker = Clock.schedule_interval(self._tick, 0.05)
        return True

    def on_touch_up(self, touch) -> bool:
        if touch.grab_current is not self:
            return False
        touch.ungrab(self)
        self._stop()
        return True

    def _tick(self, dt: float) -> None:
        self._held += dt
        self.progress = min(1.0, self._held / HOLD_SECONDS)
        if self._held >= HOLD_SECONDS:
            self._stop()
            self._on_open()

    def _stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        self.progress = 0.0

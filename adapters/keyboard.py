"""Keyboard keys and the whole screen as switches, without Kivy.

Common USB switch interfaces type a key when a switch is pressed (space, enter, 1, 2, F1–F8,
arrows). The app's Kivy shim passes key names as Kivy reports them and touches as they land;
these classes turn them into ``kb:<key>`` and ``screen:<zone>`` events. A key held down
auto-repeats: only the first down is a press.

Time of a key: Kivy 2.3.1's SDL2 window drops SDL's event timestamp (``WindowSDL`` polls
``_window_sdl2.pyx``'s ``poll()``, which returns ``('keydown', mod, key, scancode, None)``
only) and dispatches ``on_key_down`` from its event loop, so the earliest time the app can
give a key is in that handler: the shim calls ``key_down`` there without ``t`` (stamped on
the app's monotonic clock at once), never later from the hub's drain. A touch carries
Kivy's own stamp, ``MotionEvent.time_start`` on the wall clock, taken when the provider
made the event: ``app_time(touch.time_start)`` moves it onto the app's clock.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

from adapters.events import InputEvent
from adapters.presses import PressTracker

Clock = Callable[[], float]

KEYBOARD_SOURCE = "kb"
SCREEN_SOURCE = "screen"

# Kivy's names for keys whose switch control has another name (enter -> return, as in NVDA).
KEY_ALIASES: dict[str, str] = {
    "spacebar": "space",
    " ": "space",
    "enter": "return",
    "numpadenter": "return",
    "kp_enter": "return",
}

DEFAULT_SWITCH_KEYS: frozenset[str] = frozenset(
    ["space", "return", "1", "2", "up", "down", "left", "right"]
    + [f"f{n}" for n in range(1, 9)]
)


def app_time(wall_time: float, *, clock: Clock = time.monotonic,
             wall: Clock = time.time) -> float:
    """A ``time.time()`` stamp (Kivy's touch times) on the app's monotonic clock; never
    later than now."""
    now = clock()
    return min(now, wall_time + (now - wall()))


def normalise_key(name: str) -> str:
    """The control name for a key as Kivy (or a terminal) names it: ``'spacebar'`` -> ``'space'``."""
    lowered = name if name == " " else name.strip().lower()
    return KEY_ALIASES.get(lowered, lowered)


class KeyboardSwitch:
    """Keys from a configurable set become switch controls of source ``kb``.

    ``key_down``/``key_up`` return an event, or ``None`` for keys outside the set (they stay
    ordinary keys for the app) and for auto-repeat.
    """

    def __init__(self, keys: Iterable[str] | None = None, *, source: str = KEYBOARD_SOURCE,
                 clock: Clock = time.monotonic) -> None:
        self.keys = frozenset(normalise_key(k) for k in (DEFAULT_SWITCH_KEYS if keys is None else keys))
        self._clock = clock
        self._tracker = PressTracker(source)

    def handles(self, key: str) -> bool:
        """Whether ``key`` is a switch key (the shim may then keep it from other widgets)."""
        return normalise_key(key) in self.keys

    def key_down(self, key: str, t: float | None = None) -> InputEvent | None:
        control = normalise_key(key)
        if control not in self.keys:
            return None
        return self._tracker.down(control, self._clock() if t is None else t)

    def key_up(self, key: str, t: float | None = None) -> InputEvent | None:
        control = normalise_key(key)
        if control not in self.keys:
            return None
        return self._tracker.up(control, self._clock() if t is None else t)

    def release_all(self, t: float | None = None) -> list[InputEvent]:
        """Releases for held keys, e.g. when the window loses focus and key-ups never come."""
        return self._tracker.release_all(self._clock() if t is None else t)


class ScreenSwitch:
    """"The whole screen is a switch": any touch presses ``screen:1``.

    With ``zones=2`` the left half is switch ``1`` and the right half switch ``2``. A zone is
    pressed while at least one finger is on it, so a second finger is not a second press.
    """

    def __init__(self, zones: int = 1, *, source: str = SCREEN_SOURCE,
                 clock: Clock = time.monotonic) -> None:
        if zones not in (1, 2):
            raise ValueError(f"zones must be 1 or 2, not {zones}")
        self.zones = zones
        self._clock = clock
        self._tracker = PressTracker(source)
        self._touches: dict[object, str] = {}  # touch id -> zone control

    def zone_at(self, x: float) -> str:
        """The zone for a touch at relative x position ``x`` (0 = left edge, 1 = right edge)."""
        return "1" if self.zones == 1 or x < 0.5 else "2"

    def touch_down(self, touch_id: object, x: float = 0.0, t: float | None = None) -> InputEvent | None:
        if touch_id in self._touches:
            return None
        zone = self.zone_at(x)
        self._touches[touch_id] = zone
        return self._tracker.down(zone, self._clock() if t is None else t)

    def touch_up(self, touch_id: object, t: float | None = None) -> InputEvent | None:
        zone = self._touches.pop(touch_id, None)
        if zone is None or zone in self._touches.values():
            return None  # unknown touch, or another finger still holds the zone
        return self._tracker.up(zone, self._clock() if t is None else t)

    def release_all(self, t: float | None = None) -> list[InputEvent]:
        self._touches.clear()
        return self._tracker.release_all(self._clock() if t is None else t)

"""Names for Linux key codes as switch controls: ``KEY_SPACE`` -> ``space``, ``BTN_0`` -> ``btn_0``.

Keys keep the names the keyboard source uses (``KEY_ENTER`` -> ``return``, as Kivy's
``enter`` does), so the same switch interface reads the same through ``kb`` and ``evdev``.
"""
from __future__ import annotations

from functools import cache

from evdev import ecodes

# Codes with several names: these are the names of a range's first code, not of a button.
_RANGE_NAMES = {"BTN_MISC", "BTN_MOUSE", "BTN_JOYSTICK", "BTN_GAMEPAD", "BTN_DIGI", "BTN_WHEEL",
                "KEY_MIN_INTERESTING"}
_ALIASES = {"enter": "return", "kpenter": "return"}


def code_name(code: int) -> str | None:
    """The kernel's name for an ``EV_KEY`` code (``BTN_TRIGGER`` rather than ``BTN_JOYSTICK``)."""
    names = ecodes.keys.get(code)
    if names is None:
        return None
    if isinstance(names, str):
        return names
    useful = [name for name in names if name not in _RANGE_NAMES]
    return (useful or list(names))[0]


@cache
def control_for_code(code: int) -> str:
    """The control name for an ``EV_KEY`` code; unknown codes become ``key_<number>``."""
    name = code_name(code)
    if name is None:
        return f"key_{code}"
    lowered = name.lower()
    if lowered.startswith("key_"):
        lowered = lowered[4:]
    return _ALIASES.get(lowered, lowered)


def code_for_name(name: str) -> int:
    """``'KEY_SPACE'`` -> 57; raises ``ValueError`` for a name that is not an ``EV_KEY`` code."""
    code = ecodes.ecodes.get(name.upper())
    if code is None or not (name.upper().startswith("KEY_") or name.upper().startswith("BTN_")):
        raise ValueError(f"{name!r} is not a key or button code name")
    return int(code)

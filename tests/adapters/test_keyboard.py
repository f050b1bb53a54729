"""Keyboard keys and the whole screen as switches (no Kivy)."""
from __future__ import annotations

import pytest

from adapters.events import InputEvent
from adapters.keyboard import (DEFAULT_SWITCH_KEYS, KeyboardSwitch, ScreenSwitch, app_time,
                               normalise_key)


def test_kivy_key_names_become_switch_controls() -> None:
    kb = KeyboardSwitch()
    assert kb.key_down("spacebar", t=1.0) == InputEvent("kb", "space", True, 1.0)
    assert kb.key_up("spacebar", t=1.2) == InputEvent("kb", "space", False, 1.2)
    assert kb.key_down("enter", t=2.0) == InputEvent("kb", "return", True, 2.0)
    assert kb.key_down("F1", t=3.0) == InputEvent("kb", "f1", True, 3.0)
    assert kb.key_down("up", t=4.0).id == "kb:up"  # type: ignore[union-attr]
    assert kb.key_down("1", t=5.0).id == "kb:1"  # type: ignore[union-attr]


def test_default_keys_are_what_usb_switch_interfaces_send() -> None:
    assert DEFAULT_SWITCH_KEYS == {"space", "return", "1", "2", "up", "down", "left", "right",
                                   "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"}
    assert normalise_key("numpadenter") == "return"


def test_auto_repeat_is_not_a_new_press() -> None:
    kb = KeyboardSwitch()
    assert kb.key_down("spacebar", t=0.0) is not None
    assert [kb.key_down("spacebar", t=0.5 + i * 0.03) for i in range(20)] == [None] * 20
    assert kb.key_up("spacebar", t=2.0) == InputEvent("kb", "space", False, 2.0)
    assert kb.key_up("spacebar", t=2.1) is None
    assert kb.key_down("spacebar", t=3.0) == InputEvent("kb", "space", True, 3.0)


def test_other_keys_stay_ordinary_keys_and_the_set_is_configurable() -> None:
    kb = KeyboardSwitch(keys=["spacebar", "f9"])
    assert kb.handles("space") and kb.handles("f9") and not kb.handles("enter")
    assert kb.key_down("enter", t=0.0) is None
    assert kb.key_down("a", t=0.0) is None
    assert kb.key_down("f9", t=1.0) == InputEvent("kb", "f9", True, 1.0)


def test_focus_loss_releases_held_keys_and_clock_is_injected() -> None:
    kb = KeyboardSwitch(clock=lambda: 42.0)
    kb.key_down("1")
    kb.key_down("2")
    assert kb.release_all() == [InputEvent("kb", "1", False, 42.0), InputEvent("kb", "2", False, 42.0)]
    assert kb.key_up("1") is None


def test_the_whole_screen_is_switch_one_while_any_finger_is_down() -> None:
    screen = ScreenSwitch()
    assert screen.touch_down("t1", x=0.9, t=1.0) == InputEvent("screen", "1", True, 1.0)
    assert screen.touch_down("t2", x=0.1, t=1.1) is None  # a second finger is not a second press
    assert screen.touch_up("t1", t=1.2) is None
    assert screen.touch_up("t2", t=1.3) == InputEvent("screen", "1", False, 1.3)
    assert screen.touch_up("t2", t=1.4) is None


def test_two_zones_left_is_one_right_is_two() -> None:
    screen = ScreenSwitch(zones=2)
    assert screen.touch_down("a", x=0.2, t=0.0).id == "screen:1"  # type: ignore[union-attr]
    assert screen.touch_down("b", x=0.7, t=0.1).id == "screen:2"  # type: ignore[union-attr]
    assert screen.touch_up("a", t=0.2) == InputEvent("screen", "1", False, 0.2)
    assert screen.release_all(t=0.3) == [InputEvent("screen", "2", False, 0.3)]


def test_kivy_touch_times_move_onto_the_app_clock() -> None:

    # the wall clock says 1000.0 when the app's clock says 50.0: a touch made 0.3 s ago
    assert app_time(999.7, clock=lambda: 50.0, wall=lambda: 1000.0) == pytest.approx(49.7)
    assert app_time(1000.5, clock=lambda: 50.0, wall=lambda: 1000.0) == 50.0  # never ahead

"""End to end on the fake clock: chattering, trembling presses -> filter -> scanner.

For every scanning preset and every press pattern, a simulated learner picks random
targets by pressing switches only; what gets activated must be exactly what was meant,
over thousands of presses (no spurious selection, none missed).
"""
from __future__ import annotations

import random

import pytest

from accessibility.clock import FakeClock
from accessibility.press_patterns import CHATTER, CLEAN, TREMOR, PressStyle, SwitchHand
from accessibility.profiles import preset
from accessibility.scan_model import Group, Target
from accessibility.scanner import Scanner
from tests.support.simulated_user import ScanningUser
from accessibility.switch_filter import SwitchFilter

SCANNING = ("single_switch_autoscan", "two_switch_step", "single_switch_dwell", "inverse_scan")
STYLES = {"clean": CLEAN, "chatter": CHATTER, "tremor": TREMOR}
MIN_PRESSES = {"single_switch_autoscan": 1000, "two_switch_step": 2000,
               "single_switch_dwell": 2000, "inverse_scan": 1000}


def model(activated: list[str]) -> Group:
    def target(tid: str, enabled: bool = True) -> Target:
        return Target(tid, "access.scan.back", lambda: activated.append(tid), enabled=enabled)

    return Group("root", "access.group.program", [
        Group("palette", "access.group.palette", [target(f"p{i}") for i in range(5)]),
        Group("program", "access.group.program",
              [target("i0"), target("i1", enabled=False), target("i2")]),
        Group("controls", "access.group.controls", [target("run"), target("undo")]),
    ])


def rig(profile_name: str, style: PressStyle, seed: int):
    profile = preset(profile_name)
    clock = FakeClock()
    activated: list[str] = []
    scanner = Scanner(clock, model(activated), profile.scan_settings())
    switch_filter = SwitchFilter(clock, profile.intents(), profile.filter_timing(),
                                 on_intent=scanner.handle, on_hold=scanner.hold)
    user = ScanningUser(clock, scanner, switch_filter, profile, style=style, seed=seed)
    scanner.start()
    return clock, scanner, switch_filter, user, activated


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("profile_name", SCANNING)
def test_thousands_of_presses_choose_exactly_what_was_meant(profile_name: str, style: str) -> None:
    clock, scanner, switch_filter, user, activated = rig(profile_name, STYLES[style], seed=7)
    rng = random.Random(11)
    goals = [t.id for t in scanner.root.targets() if t.enabled]
    chosen: list[str] = []
    while user.stats.presses < MIN_PRESSES[profile_name]:
        goal = rng.choice(goals)
        user.choose(goal)
        chosen.append(goal)
    assert activated == chosen
    assert user.activated == chosen
    if style != "clean":
        stats = switch_filter.stats
        assert stats.raw_events > 2 * stats.emitted  # the pattern really was noisy
    if style == "tremor":
        stats = switch_filter.stats  # double hits locked out, key repeats dropped
        assert stats.locked_out > 50 and stats.repeats_ignored > 50
        assert stats.presses > stats.emitted + 50  # debounced presses that were refused


def test_without_the_filter_tremor_would_select_wrongly() -> None:
    """The same tremor straight into the scanner (no acceptance, no delay) goes wrong."""
    profile = preset("two_switch_step")
    clock = FakeClock()
    activated: list[str] = []
    scanner = Scanner(clock, model(activated), profile.scan_settings())
    bare = SwitchFilter(clock, profile.intents(), profile.filter_timing().__class__(
        debounce=0, acceptance=0, post_acceptance=0), on_intent=scanner.handle)
    scanner.start()
    hand = SwitchHand(clock, bare.feed, "kb", "return", TREMOR, seed=3)
    for _ in range(50):
        hand.press()
        clock.advance(1.0)
    assert bare.stats.emitted > 50  # every bounce and double hit became a selection

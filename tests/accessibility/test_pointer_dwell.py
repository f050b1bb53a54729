"""Pointer dwell on a FakeClock with synthetic motion: steady, tremor, passing over, leaving."""
from __future__ import annotations

import random

import pytest

from accessibility.clock import FakeClock
from accessibility.pointer_dwell import DwellSettings, DwellState, PointerDwell
from accessibility.profiles import ProfileError, edited, preset

# two 100x100 targets side by side, a gap, nothing above y=100
RECTS = {"a": (0, 0, 100, 100), "b": (150, 0, 100, 100)}


def hit(x: float, y: float) -> str | None:
    return next((name for name, (rx, ry, w, h) in RECTS.items()
                 if rx <= x < rx + w and ry <= y < ry + h), None)


def make(dwell: float = 1.0, dead_zone: float = 10.0, rearm: float = 3.0):
    clock = FakeClock()
    chosen: list[str] = []
    pointer = PointerDwell(clock, DwellSettings(dwell, dead_zone, rearm), hit, chosen.append)
    return clock, pointer, chosen


def test_resting_on_a_target_chooses_it_after_the_dwell_time() -> None:
    clock, pointer, chosen = make()
    pointer.move(50, 50)
    clock.advance(0.5)
    assert pointer.state() == DwellState("a", 0.5) and chosen == []
    clock.advance(0.49)
    assert chosen == []
    clock.advance(0.02)
    assert chosen == ["a"] and pointer.progress() == 0.0


def test_tremor_within_the_dead_zone_keeps_the_dwell() -> None:
    clock, pointer, chosen = make(dead_zone=10.0)
    rng = random.Random(3)
    pointer.move(95, 50)  # near the edge: the jitter crosses into the gap and back
    for _ in range(50):
        clock.advance(0.02)
        pointer.move(95 + rng.uniform(-7, 7), 50 + rng.uniform(-7, 7))
    assert chosen == ["a"]


def test_a_move_beyond_the_dead_zone_starts_again() -> None:
    clock, pointer, chosen = make(dead_zone=10.0)
    pointer.move(20, 50)
    clock.advance(0.8)
    pointer.move(60, 50)  # still on a, but a real move: the ring starts over
    clock.advance(0.8)
    assert chosen == [] and pointer.progress() == pytest.approx(0.8)
    clock.advance(0.25)
    assert chosen == ["a"]


def test_passing_over_targets_never_chooses() -> None:
    clock, pointer, chosen = make()
    for x in range(0, 400, 12):  # a sweep across both targets at 600 px/s
        pointer.move(x, 50)
        clock.advance(0.02)
    pointer.move(300, 200)  # comes to rest on nothing
    clock.advance(5.0)
    assert chosen == []


def test_leaving_cancels() -> None:
    clock, pointer, chosen = make()
    pointer.move(50, 50)
    clock.advance(0.9)
    pointer.leave()
    clock.advance(5.0)
    assert chosen == [] and pointer.state() == DwellState(None, 0.0)


def test_a_resting_pointer_chooses_once_until_it_leaves_or_the_refractory_time() -> None:
    clock, pointer, chosen = make(rearm=3.0)
    pointer.move(50, 50)
    clock.advance(1.0)
    clock.advance(2.5)  # still resting: disarmed
    assert chosen == ["a"]
    pointer.move(52, 51)  # tremor does not re-arm
    clock.advance(0.4)
    assert chosen == ["a"]
    clock.advance(1.2)  # refractory time over, then a full dwell again
    assert chosen == ["a", "a"]
    pointer.move(200, 50)  # leaving re-arms at once
    clock.advance(1.01)
    assert chosen == ["a", "a", "b"]


def test_a_target_gone_at_the_end_of_the_dwell_is_not_chosen() -> None:
    clock, pointer, chosen = make()
    pointer.move(50, 50)
    clock.advance(0.5)
    del RECTS["a"]
    try:
        clock.advance(1.0)
    finally:
        RECTS["a"] = (0, 0, 100, 100)
    assert chosen == []


def test_the_ring_hears_each_start_and_end() -> None:
    clock, pointer, _chosen = make()
    heard: list[DwellState] = []
    pointer.changed.connect(heard.append)
    pointer.move(50, 50)
    clock.advance(1.0)
    assert heard == [DwellState("a", 0.0), DwellState(None, 0.0)]


def test_the_preset_and_its_limits() -> None:
    profile = preset("pointer_dwell")
    settings = profile.dwell_settings(scale=2.0)
    assert settings is not None and settings.dwell == 1.0 and settings.dead_zone == 30.0
    assert preset("touch").dwell_settings() is None
    for bad in (0.2, 4.5):
        with pytest.raises(ProfileError) as error:
            edited(profile, pointer_dwell=bad)
        assert error.value.key == "access.error.out_of_range"

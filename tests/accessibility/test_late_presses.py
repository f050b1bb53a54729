"""Issue 19's done-when: a one-switch learner who presses up to 0.2 s after the highlight
has left the stop they want, with every event reaching the app up to 0.3 s late (what a
loaded CPU does to the frame that drains the hub), builds the first level of each track
with no wrong choice over 20 seeds — and the scanner that resolves presses at processing
time makes wrong choices for the same learner.

The machine is loaded too (one busy process per core, bounded) while the learners play, to
show the result does not depend on it: events are stamped when pressed and the FakeClock
decides every time, so the outcome is the same under any load (no wall-clock race).
"""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Iterator

import pytest

from accessibility.profiles import preset
from tests.support.simulated_user import UserStuck, play_level
from levels.level import Level
from levels.packs import load_packs

SEEDS = range(20)
LAG = (0.0, 0.2)
DELIVERY = (0.0, 0.3)
BUSY = "import time\nend = time.monotonic() + {s}\nwhile time.monotonic() < end:\n    pass\n"


@pytest.fixture(scope="module")
def cpu_load() -> Iterator[None]:
    """A busy loop per core in subprocesses, each ending by itself after 60 s at most."""
    busy = [subprocess.Popen([sys.executable, "-c", BUSY.format(s=60)])
            for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for process in busy:
            process.terminate()
        for process in busy:
            process.wait(timeout=10)


def first_levels() -> list[Level]:
    packs = load_packs()
    return [levels[0] for track, levels in sorted(packs.tracks.items()) if levels]


@pytest.mark.parametrize("level", first_levels(), ids=lambda level: level.track)
def test_late_presses_under_load_choose_what_was_lit(cpu_load: None, level: Level) -> None:
    profile = preset("single_switch_autoscan")
    assert profile.scan_grace == 0.25
    for seed in SEEDS:
        user = play_level(level, profile, seed=seed, lag=LAG, delivery=DELIVERY)
        assert user.activated[-1] == "control:run"


@pytest.mark.parametrize("level", first_levels()[:1], ids=lambda level: level.track)
def test_resolving_at_processing_time_makes_wrong_choices_for_the_same_learner(
        level: Level) -> None:
    profile = preset("single_switch_autoscan")
    wrong = 0
    for seed in range(3):
        with pytest.raises(UserStuck, match="instead of"):
            play_level(level, profile, seed=seed, lag=LAG, delivery=DELIVERY, resolve="processing")
        wrong += 1
    assert wrong == 3

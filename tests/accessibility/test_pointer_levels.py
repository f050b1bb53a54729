"""Done when (issue 23, pointer dwell): the first level of each track is completed with
pointer motion only — moving over other targets, resting with tremor — and no wrong choice."""
from __future__ import annotations

from dataclasses import replace

import pytest

from accessibility.presenters.workspace_presenter import insertion_id
from accessibility.profiles import preset
from levels.level import TRACKS
from levels.packs import load_packs
from tests.support.pointer_user import play_level_by_pointer, pointer_workspace
from tests.support.simulated_user import UserStuck

PACKS = load_packs()
SETTINGS = preset("pointer_dwell").dwell_settings()
assert SETTINGS is not None
TREMOR = SETTINGS.dead_zone * 0.45  # jitter each way: samples up to 0.9 dead zone apart


@pytest.mark.parametrize("track", TRACKS)
@pytest.mark.parametrize("seed", range(3))
def test_first_level_of_each_track_by_resting_the_pointer_with_tremor(track: str,
                                                                     seed: int) -> None:
    level = PACKS.tracks[track][0]
    user, outcome = play_level_by_pointer(level, SETTINGS, seed=seed, tremor=TREMOR)
    assert outcome.solved, (level.id, outcome)
    assert user.dwell.chosen == user.goals  # every choice was the one wanted, none more
    assert user.goals[-1] == "control:run"


def test_an_insertion_point_is_chosen_by_resting_on_it() -> None:
    user, presenter, editor = pointer_workspace(PACKS.level("junior_01"), SETTINGS, seed=4,
                                                tremor=TREMOR)
    for _ in range(2):
        user.choose("palette:move_forward")
    user.choose(insertion_id((), 0))
    assert presenter.cursor_id() == insertion_id((), 0)
    user.choose("palette:move_forward")
    assert len(editor.blocks()) == 3 and presenter.cursor_id() == insertion_id((), 1)
    assert user.dwell.chosen == user.goals


def test_without_a_dead_zone_the_same_tremor_never_chooses() -> None:
    """The dead zone is what lets a trembling hand choose (this fails if tremor is ignored
    some other way, or if any sample inside a target counts)."""
    level = PACKS.tracks["junior"][0]
    with pytest.raises(UserStuck):
        play_level_by_pointer(level, replace(SETTINGS, dead_zone=0.0), tremor=TREMOR)


def test_a_pointer_that_never_rests_chooses_nothing() -> None:
    user, _presenter, editor = pointer_workspace(PACKS.tracks["junior"][0], SETTINGS)
    centres = [(r.x + r.width / 2, r.y + r.height / 2) for r in user.screen.rects().values()]
    for _ in range(10):  # sweeps back and forth over every target, 0.1 s on each
        for x, y in centres + centres[::-1]:
            user.dwell.move(x, y)
            user.clock.advance(0.1)
    assert user.dwell.chosen == [] and editor.blocks() == []

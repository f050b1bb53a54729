"""The real app in a real window: a first level of each track completed with one switch
(auto-scan), two switches (step scan), touch, and voice commands — input only through the
hub or the widgets, as a child's."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.profiles import edited, preset
from app.controller import COMPLETE, MAP, WORKSPACE
from levels.packs import load_packs
from levels.program import to_solution
from tests.support.simulated_user import build_solution
from tests.app.kivy_harness import LiveSwitchUser, RunningApp, fast, prepare_learner

pytestmark = [pytest.mark.app, pytest.mark.slow]
PACKS = load_packs()
FIRST_LEVELS = [PACKS.tracks[track][0].id for track in ("junior", "teens", "python")]


@pytest.fixture
def running(tmp_path: Path):
    app = RunningApp(tmp_path)
    yield app
    app.close()


def solved(running: RunningApp, level_id: str) -> bool:
    learner = running.controller.learner
    progress = running.controller.store.progress(learner.id).get(level_id)
    return progress is not None and progress.solved


def build_by_switch(running: RunningApp, user: LiveSwitchUser, level_id: str) -> None:
    """From the level map: open the level, place its reference solution, run it."""
    controller = running.controller
    if controller.presenter.track != PACKS.level(level_id).track:
        user.choose(f"track:{PACKS.level(level_id).track}")
    user.choose(f"level:{level_id}")
    assert running.wait_for(lambda: controller.screen == WORKSPACE)
    level = PACKS.level(level_id)
    build_solution(user.choose, controller.session.presenter, to_solution(level.solution),
                   run=not level.run_on_add)  # a first-rung level runs on its own
    assert running.wait_for(lambda: controller.screen == COMPLETE, 30.0), controller.screen
    assert solved(running, level_id)


@pytest.mark.parametrize("profile", ["single_switch_autoscan", "two_switch_step"])
def test_switch_users_complete_the_first_level_of_each_track(tmp_path, profile) -> None:
    prepare_learner(tmp_path, fast(profile))
    running = RunningApp(tmp_path)
    try:
        play_by_switch(running)
    finally:
        running.close()


def play_by_switch(running: RunningApp) -> None:
    user = LiveSwitchUser(running)
    controller = running.controller
    user.choose(f"learner:{controller.store.learners()[0].id}")
    assert running.wait_for(lambda: controller.screen == MAP)
    for level_id in FIRST_LEVELS:
        build_by_switch(running, user, level_id)
        user.choose("complete:map")
        assert running.wait_for(lambda: controller.screen == MAP)
    assert user.presses > 0


def test_a_touch_user_completes_the_first_level_of_each_track(running) -> None:
    controller = running.controller
    running.touch(f"learner:{controller.store.learners()[0].id}")
    assert controller.screen == MAP
    for level_id in FIRST_LEVELS:
        level = PACKS.level(level_id)
        running.touch(f"track:{level.track}") if controller.presenter.track != level.track \
            else None
        running.touch(f"level:{level_id}")
        assert controller.screen == WORKSPACE
        build_solution(running.touch, controller.session.presenter, to_solution(level.solution),
                       run=not level.run_on_add)
        assert running.wait_for(lambda: controller.screen == COMPLETE, 30.0)
        assert solved(running, level_id)
        running.touch("complete:map")


def test_a_voice_user_completes_a_level_with_words_only(running) -> None:
    running.use_profile(edited(preset("voice"), auditory_scanning=False))
    controller = running.controller
    running.touch(f"learner:{controller.store.learners()[0].id}")  # the teacher starts
    say = lambda word: running.post("speech", word)  # noqa: E731
    say("run")  # on the map, "run" opens the next level: junior_first_01
    assert running.wait_for(lambda: controller.screen == WORKSPACE)
    say("move_forward")  # the first rung: the block runs as soon as it is placed
    assert running.wait_for(lambda: controller.screen == COMPLETE, 30.0)
    assert solved(running, "junior_first_01")
    say("run")  # on the complete screen, "run" goes on to the next level
    assert running.wait_for(lambda: controller.session is not None
                            and controller.session.level.id == "junior_first_02")
    controller.open_level("junior_01")  # a sequence: the blocks, then "run"
    assert running.wait_for(lambda: controller.screen == WORKSPACE)
    for _ in range(3):
        say("move_forward")
    say("run")
    assert running.wait_for(lambda: controller.screen == COMPLETE, 30.0)
    assert solved(running, "junior_01")

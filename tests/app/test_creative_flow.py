"""Careers, badges and the maker through the app's controller (no window, real SQLite)."""
from __future__ import annotations

import shutil
from pathlib import Path

from accessibility.clock import FakeClock
from accessibility.narrator import Narrator
from accessibility.speech_output import RecordingServer
from accessibility.translator import Translator
from adapters.hub import InputHub
from app.controller import MAP, WORKSPACE, AppController
from app.creative_flow import CAREER, MAKER
from app.options import Options
from app.services import Services
from app.storage.badges import badges
from app.storage.store import ProgressStore
from levels.packs import load_packs


def make_app(folder: Path) -> AppController:
    translator = Translator("en")
    services = Services(Options(voice_input=False), translator,
                        Narrator(translator, RecordingServer()), InputHub(),
                        ProgressStore(folder / "progress.sqlite3"), load_packs(), folder)
    controller = AppController(services, FakeClock())
    controller.start()
    controller.choose_learner(controller.store.learners()[0].id)
    return controller


def choose(controller: AppController, *targets: str) -> None:
    for target in targets:
        assert controller.activate(target), f"{target} not on {controller.screen}"


def test_a_level_made_with_taps_is_saved_played_and_opens_on_another_tablet(
        tmp_path: Path) -> None:
    app = make_app(tmp_path / "a")
    assert app.screen == MAP and app.model.find("map:maker") is None
    choose(app, "track:made", "map:maker")
    assert app.screen == MAKER
    choose(app, "tool:wall", "cell:1:3", "cell:2:3", "tool:star", "cell:3:2",
           "tool:paint:blue", "cell:1:5", "block:repeat", "maker:test", "maker:save")
    made = list((tmp_path / "a" / "made").glob("*.yml"))
    assert len(made) == 1
    choose(app, "maker:back")
    assert app.screen == MAP and app.track == "made"
    tiles = [t.id for t in app.model.find_group("levels").targets()]
    assert tiles[:3] == ["map:maker", "map:careers", "level:made_canvas"]
    choose(app, f"level:{made[0].stem}")
    assert app.screen == WORKSPACE and app.session.level.id == made[0].stem
    assert "repeat" in app.session.level.palette
    app.services.close()

    other = tmp_path / "b"
    (other / "made").mkdir(parents=True)
    shutil.copy(made[0], other / "made" / made[0].name)  # the shared file
    second = make_app(other)
    level = second.packs.level(made[0].stem)
    assert level is not None and level.world == app.packs.level(made[0].stem).world
    second.services.close()


def test_career_cards_are_read_aloud_and_a_chapter_badge_is_kept(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    choose(app, "track:made", "map:careers")
    assert app.screen == CAREER
    choose(app, "career:next", "career:back")
    assert app.screen == MAP and app.track == "made"
    choose(app, "level:made_canvas")  # the free canvas: paint with blocks
    assert app.screen == WORKSPACE and "paint" in app.session.level.palette
    app.show_map()
    learner = app.learner.id
    chapter = [lv for lv in app.packs.tracks["junior"] if lv.concept == "sequence"]
    for level in chapter:
        app.store.record_attempt(learner, level.id, solved=True, stars=3, blocks=3, seconds=1)
    app.creative.solved(chapter[-1].id)
    assert badges(app.store, learner) == {"junior.sequence"}
    app.services.close()


def test_a_finished_chapter_shows_a_career_card_before_the_next_level(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    learner = app.learner.id
    chapter = [lv for lv in app.packs.tracks["junior"] if lv.concept == "sequence"]
    went_on: list[bool] = []
    for level in chapter[:-1]:
        app.store.record_attempt(learner, level.id, solved=True, stars=3, blocks=3, seconds=1)
        app.creative.solved(level.id)
        app.creative.between_chapters(lambda: went_on.append(True))()
    assert app.screen == MAP and len(went_on) == len(chapter) - 1  # no card mid-chapter
    app.store.record_attempt(learner, chapter[-1].id, solved=True, stars=3, blocks=3, seconds=1)
    app.creative.solved(chapter[-1].id)
    app.creative.between_chapters(lambda: went_on.append(True))()
    assert app.screen == CAREER
    assert app.model.find("career:back").label_key == "careers.go_on"
    choose(app, "career:back")
    assert len(went_on) == len(chapter)
    app.services.close()

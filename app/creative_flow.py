"""Career cards and the maker as the app runs them: the map's extra buttons, their screens.

The screens' words and steps are their presenters'; this flow joins them to the running app
(the narrator, the learner's data folder, which screen is shown), so the controller only
holds one of these and asks it for the map's buttons.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from accessibility.careers import CareerCard, CareerError, load_cards
from accessibility.narrator import Narrator
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.career_presenter import CareerPresenter
from accessibility.presenters.maker_presenter import MakerPresenter
from accessibility.translator import Translator
from app.services import Services
from app.storage.badges import award, badges
from app.storage.models import Learner
from app.storage.store import ProgressStore
from levels.badges import chapters, new_badges
from levels.level import LevelError
from levels.maker import MADE_TRACK, LevelMaker, free_canvas, load_made
from levels.packs import Packs


class CreativeHost(Protocol):
    """What the flow uses of the running app (the controller gives it), and no more."""

    services: Services
    translator: Translator
    narrator: Narrator
    store: ProgressStore
    packs: Packs
    learner: Learner | None

    def show(self, screen: str, presenter: ScreenPresenter) -> None: ...

    def show_map(self, track: str | None = None) -> None: ...

    def open_level(self, level_id: str) -> None: ...

    def notice(self, key: str, params: dict[str, object] | None = None) -> None: ...

log = logging.getLogger(__name__)

CAREER = "career"  # the screens' names
MAKER = "maker"


class CreativeFlow:
    def __init__(self, app: CreativeHost) -> None:
        self.app = app
        self._card = 0  # the next card to show: a new one each visit
        self._chapter_ended = False  # a card comes before the next level
        try:
            self.cards: list[CareerCard] = load_cards()
        except (CareerError, OSError) as error:
            log.error("career cards unavailable: %s", error)
            self.cards = []

    def map_buttons(self) -> list[tuple[str, str, Callable[[], None]]]:
        """(target id, label key, action) the map shows first in the "Our levels" track;
        that track is read again first, so a level copied in from another tablet shows up."""
        self.refresh_made()
        careers = [("map:careers", "careers.open", self.show_career)] if self.cards else []
        return [("map:maker", "maker.open", self.show_maker), *careers]

    @property
    def made_folder(self) -> Path:
        return self.app.services.data_dir / MADE_TRACK

    def refresh_made(self) -> None:
        levels, problems = load_made(self.made_folder)
        for problem in problems:  # a broken shared file: the others still play
            log.warning("made level %s: %s %s", problem.file, problem.key, problem.params)
        self.app.packs.tracks[MADE_TRACK] = [free_canvas(), *levels]

    def show_maker(self) -> None:
        app = self.app
        app.show(MAKER, MakerPresenter(LevelMaker(), translate=app.translator.t,
                                       say=app.narrator.say, on_save=self._save,
                                       on_play=app.open_level, on_back=self._back_to_ours))

    def _back_to_ours(self) -> None:
        self.app.show_map(MADE_TRACK)  # where the maker and the cards were opened

    def _save(self, maker: LevelMaker) -> str | None:
        """Save into the data folder's ``made`` track; a full disk is said, the maze stays."""
        try:
            path = maker.save(self.made_folder)
        except (OSError, LevelError) as error:
            log.error("cannot save a made level: %r", error)
            self.app.notice("maker.save_failed", {"file": str(self.made_folder)})
            return None
        self.refresh_made()
        self.app.narrator.say("maker.saved")
        return path.stem

    def between_chapters(self, then: Callable[[], None]) -> Callable[[], None]:
        """``then``, but after a career card when the level just solved ended a chapter."""
        def go_on() -> None:
            if self._chapter_ended and self.cards:
                self._chapter_ended = False
                self.show_career(on_back=then, back_key="careers.go_on")
            else:
                then()
        return go_on

    def show_career(self, on_back: Callable[[], None] | None = None,
                    back_key: str = "careers.back") -> None:
        app = self.app
        presenter = CareerPresenter(self.cards, translate=app.translator.t,
                                    say=app.narrator.say, on_back=on_back or self._back_to_ours,
                                    start=self._card, back_key=back_key)
        self._card = (self._card + 1) % len(self.cards)
        app.show(CAREER, presenter)
        presenter.read()

    def solved(self, level_id: str) -> None:
        """A level was solved: keep the chapter badges now earned, say the one just won."""
        app = self.app
        if app.learner is None:
            return
        learner = app.learner.id
        done = {lid for lid, progress in app.store.progress(learner).items() if progress.solved}
        for chapter in new_badges(chapters(app.packs.tracks), done, badges(app.store, learner)):
            award(app.store, learner, chapter.badge)
            if level_id in chapter.level_ids:  # older chapters are kept without a word
                app.narrator.say("badges.earned", {"badge": self.badge_name(chapter.badge)})
                self._chapter_ended = True

    def badge_name(self, badge: str) -> str:
        track, _, concept = badge.partition(".")
        t = self.app.translator.t
        return t("badges.name", track=t(f"levels.track.{track}.title"),
                 concept=t(f"badges.concept.{concept}"))

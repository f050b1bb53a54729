"""Career cards and the maker as the app runs them: the map's extra buttons, their screens.

The screens' words and steps are their presenters'; this flow joins them to the running app
(the narrator, the learner's data folder, which screen is shown), so the controller only
holds one of these and asks it for the map's buttons.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from accessibility.careers import CareerCard, CareerError, load_cards
from accessibility.presenters.career_presenter import CareerPresenter

if TYPE_CHECKING:
    from app.controller import AppController

log = logging.getLogger(__name__)

CAREER = "career"  # the screen's name


class CreativeFlow:
    def __init__(self, controller: AppController) -> None:
        self.app = controller
        self._card = 0  # the next card to show: a new one each visit
        try:
            self.cards: list[CareerCard] = load_cards()
        except (CareerError, OSError) as error:
            log.error("career cards unavailable: %s", error)
            self.cards = []

    def map_buttons(self) -> list[tuple[str, str, Callable[[], None]]]:
        """(target id, label key, action) added to the map's other choices."""
        return [("map:careers", "careers.open", self.show_career)] if self.cards else []

    def show_career(self) -> None:
        app = self.app
        presenter = CareerPresenter(self.cards, translate=app.translator.t,
                                    say=app.narrator.say, on_back=app.show_map,
                                    start=self._card)
        self._card = (self._card + 1) % len(self.cards)
        app.show(CAREER, presenter)
        presenter.read()

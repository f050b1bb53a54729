"""A career card: who, what job, one sentence a child understands; read aloud when shown.

Scan order: next card first (what a child most often wants), then read again, then back.
The card is narrated through ``say`` (the narrator's ``say(key, params)``), so a switch,
voice or screen-reader learner hears it without looking.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from accessibility.actions import Command
from accessibility.careers import CareerCard
from accessibility.presenters.base import ScreenPresenter
from accessibility.scan_model import Group, Target

ROOT_ID = "career"
Say = Callable[[str, Mapping[str, object]], object]


class CareerPresenter(ScreenPresenter):
    def __init__(self, cards: Sequence[CareerCard], *, translate: Callable[..., str],
                 say: Say, on_back: Callable[[], None], start: int = 0,
                 back_key: str = "careers.back") -> None:
        super().__init__()
        if not cards:
            raise ValueError("no career cards")
        self.cards = list(cards)
        self.index = start % len(self.cards)
        self._t = translate
        self._say = say
        self._on_back = on_back
        self._back_key = back_key  # between chapters: "on to the next level"

    @property
    def card(self) -> CareerCard:
        return self.cards[self.index]

    def texts(self) -> dict[str, object]:
        """The card's words in the learner's language (the view shows, the narrator says)."""
        card = self.card
        disability = self._t(card.disability_key) if card.disability else ""
        return {"name": card.name, "job": self._t(card.job_key), "what": self._t(card.what_key),
                "years": card.years, "disability": disability, "job_id": card.job,
                "number": self.index + 1, "count": len(self.cards)}

    def read(self) -> None:
        texts = self.texts()
        self._say("careers.say", {key: texts[key] for key in ("name", "job", "what")})

    def show_next(self, step: int = 1) -> None:
        self.index = (self.index + step) % len(self.cards)
        self._publish(focus=None)
        self.read()

    def model(self) -> Group:
        params = self.texts()
        return Group(ROOT_ID, "careers.group", [
            Target("career:next", "careers.next", self.show_next, params=params),
            Target("career:again", "careers.again", self.read),
            Target("career:back", self._back_key, self._on_back)], params=params)

    def execute(self, command: Command) -> bool:
        action = {"run": self.show_next, "back": self._on_back, "help": self.read}.get(
            command.verb)
        if action is None:
            return False
        action()
        return True

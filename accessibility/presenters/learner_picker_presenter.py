"""The learner picker: big avatars and names; a child chooses with one press, never types."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from accessibility.presenters.base import ScreenPresenter
from accessibility.scan_model import Group, LearnerRef, Target

ROOT_ID = "learners"


@dataclass(frozen=True)
class LearnerCard:
    id: int
    name: str
    avatar: str  # an avatar id (``app.avatar.<id>``): an animal a child recognises


def learner_id(card_id: int) -> str:
    return f"learner:{card_id}"


class LearnerPickerPresenter(ScreenPresenter):
    def __init__(self, learners: Sequence[LearnerCard], on_choose: Callable[[int], None]) -> None:
        super().__init__()
        self.learners = list(learners)
        self._on_choose = on_choose

    def model(self) -> Group:
        return Group(ROOT_ID, "app.group.learners", [
            Target(learner_id(card.id), "app.learner.name", self._chooser(card.id),
                   params={"name": card.name}, description_key="app.learner.choose",
                   payload=LearnerRef(card.id, card.avatar))
            for card in self.learners])

    def _chooser(self, card_id: int) -> Callable[[], None]:
        return lambda: self._on_choose(card_id)

"""A yes-or-no question before something that cannot be undone (removing a player).

"No" comes first in the scan order, so a stray press never confirms."""
from __future__ import annotations

from collections.abc import Callable

from accessibility.message import Message
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, Target

ROOT_ID = "confirm"


class ConfirmPresenter(ScreenPresenter):
    def __init__(self, question: Message, yes_key: str, *, on_yes: Callable[[], None],
                 on_no: Callable[[], None]) -> None:
        super().__init__()
        self.question = question
        self._yes_key = yes_key
        self._on_yes = on_yes
        self._on_no = on_no

    def model(self) -> Group:
        return Group(ROOT_ID, self.question.key, [
            Target("confirm:no", "teacher.confirm.no", self._on_no),
            Target("confirm:yes", self._yes_key, self._on_yes, params=dict(self.question.params))],
            params=dict(self.question.params))

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_no, "teacher.confirm.no",
                                           in_help=False)])

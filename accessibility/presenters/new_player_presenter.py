"""A new player: the teacher types the name first (kept as typed), picks an animal, adds.

The name field is the view's; it hands every change to ``set_name`` so the name survives
a redraw (a language change, the highlight) and "Add" is offered only once there is one.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, LearnerRef, Target

ROOT_ID = "new_player"
MAX_NAME = 40


def clean_name(name: str) -> str:
    """One line, single spaces, at most ``MAX_NAME`` characters."""
    return " ".join(name.split())[:MAX_NAME]


class NewPlayerPresenter(ScreenPresenter):
    def __init__(self, avatars: Sequence[str], avatar: str, *,
                 on_add: Callable[[str, str], None], on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self.avatars = list(avatars)
        self.avatar = avatar
        self.name = ""
        self._on_add = on_add
        self._on_cancel = on_cancel

    def set_name(self, text: str) -> None:
        had = bool(clean_name(self.name))
        self.name = text
        if had != bool(clean_name(text)):
            self._publish(focus=None)  # "Add" is offered (or not) now

    def model(self) -> Group:
        """Add and leave first (on top), then the animals; the name field is the view's."""
        return Group(ROOT_ID, "teacher.player.title", [
            Group("player:actions", "teacher.player.actions", [
                Target("player:add", "teacher.player.add", self._add,
                       enabled=bool(clean_name(self.name))),
                Target("player:cancel", "teacher.player.cancel", self._on_cancel)]),
            Group("player:avatars", "teacher.player.animal", [
                Target(f"player:avatar:{avatar}", f"app.avatar.{avatar}",
                       self._chooser(avatar), params={"chosen": avatar == self.avatar},
                       payload=LearnerRef(0, avatar))
                for avatar in self.avatars])])

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_cancel, "teacher.player.cancel",
                                           in_help=False)])

    def _chooser(self, avatar: str) -> Callable[[], None]:
        def choose() -> None:
            self.avatar = avatar
            self._publish(focus=None)
        return choose

    def _add(self) -> None:
        name = clean_name(self.name)
        if name:
            self._on_add(name, self.avatar)

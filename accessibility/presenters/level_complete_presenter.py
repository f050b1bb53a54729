"""Level complete: the stars, the program as Python, and what to do next (next first)."""
from __future__ import annotations

from typing import Callable

from accessibility.actions import Command
from accessibility.presenters.base import ScreenPresenter
from accessibility.scan_model import Group, Target

ROOT_ID = "complete"


class LevelCompletePresenter(ScreenPresenter):
    def __init__(self, *, stars: int, has_next: bool, on_next: Callable[[], None],
                 on_replay: Callable[[], None], on_map: Callable[[], None]) -> None:
        super().__init__()
        self.stars = stars
        self.has_next = has_next
        self._on = {"next": on_next, "replay": on_replay, "map": on_map}

    def model(self) -> Group:
        return Group(ROOT_ID, "app.group.complete", [
            Target("complete:next", "app.complete.next", self._on["next"], enabled=self.has_next),
            Target("complete:replay", "app.complete.replay", self._on["replay"]),
            Target("complete:map", "app.complete.map", self._on["map"])])

    def execute(self, command: Command) -> bool:
        verb = {"run": "next", "reset": "replay", "back": "map"}.get(
            command.verb, command.verb)
        if verb == "next" and not self.has_next:
            verb = "map"
        if verb in self._on:
            self._on[verb]()
            return True
        return False

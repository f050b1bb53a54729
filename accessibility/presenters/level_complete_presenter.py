"""Level complete: the stars, the program as Python, and what to do next (next first)."""
from __future__ import annotations

from collections.abc import Callable

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
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

    def commands(self) -> CommandTable:
        """"Run" goes on (to the map after the last level), "start again" plays again,
        "back" goes to the map; the buttons' own names work too."""
        go_on = self._on["next"] if self.has_next else self._on["map"]
        return CommandTable([
            ScreenCommand("run", go_on, "app.complete.next"),
            ScreenCommand("reset", self._on["replay"], "app.complete.replay", in_help=False),
            ScreenCommand("back", self._on["map"], "app.complete.map", in_help=False),
            ScreenCommand("next", go_on, "app.complete.next", in_help=False),
            ScreenCommand("replay", self._on["replay"], "app.complete.replay", in_help=False),
            ScreenCommand("map", self._on["map"], "app.complete.map", in_help=False)])

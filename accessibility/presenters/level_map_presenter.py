"""The track and level map: big level tiles with their stars, the next level first.

Scan order follows what a child most often wants: the next level to play comes first in
the ``levels`` group, then the other levels in order; then the tracks; then going back.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from accessibility.actions import Command
from accessibility.presenters.base import ScreenPresenter
from accessibility.scan_model import Group, Target
from levels.level import TRACKS, Level

ROOT_ID = "level_map"
LEVELS_ID = "levels"
TRACKS_ID = "tracks"
MAP_CONTROLS_ID = "map_controls"


@dataclass(frozen=True)
class TileState:
    stars: int = 0
    solved: bool = False


def level_target_id(level_id: str) -> str:
    return f"level:{level_id}"


def next_level(levels: Sequence[Level], progress: Mapping[str, TileState]) -> Level | None:
    """The first level of the track not yet solved (the last one when all are)."""
    for level in levels:
        if not progress.get(level.id, TileState()).solved:
            return level
    return levels[-1] if levels else None


class LevelMapPresenter(ScreenPresenter):
    def __init__(self, tracks: Mapping[str, Sequence[Level]], progress: Mapping[str, TileState],
                 *, track: str, title: Callable[[str], str],
                 on_open: Callable[[str], None], on_back: Callable[[], None]) -> None:
        super().__init__()
        self.tracks = {name: list(levels) for name, levels in tracks.items()}
        self.progress = dict(progress)
        self.track = track if track in self.tracks else TRACKS[0]
        self._title = title
        self._on_open = on_open
        self._on_back = on_back

    def levels(self) -> list[Level]:
        return self.tracks.get(self.track, [])

    def next_level(self) -> Level | None:
        return next_level(self.levels(), self.progress)

    def model(self) -> Group:
        levels = self.levels()
        upcoming = self.next_level()
        ordered = ([upcoming] if upcoming else []) + [lv for lv in levels if lv is not upcoming]
        tiles = [self._tile(level, levels.index(level) + 1) for level in ordered]
        tracks = [Target(f"track:{name}", f"levels.track.{name}.title", self._switcher(name),
                         description_key=f"levels.track.{name}.description",
                         params={"chosen": name == self.track, **self.stars(name)},
                         enabled=name != self.track and bool(self.tracks.get(name)))
                  for name in TRACKS]
        back = [Target("map:back", "app.map.back", self._on_back)]
        return Group(ROOT_ID, "app.group.level_map", [
            Group(LEVELS_ID, "app.group.levels", tiles,
                  params={"track": self._title(f"levels.track.{self.track}.title"),
                          **self.stars(self.track)}),
            Group(TRACKS_ID, "app.group.tracks", tracks),
            Group(MAP_CONTROLS_ID, "app.group.map_controls", back)])

    def stars(self, track: str) -> dict[str, int]:
        """The stars earned in ``track`` and how many it has to earn (three a level)."""
        levels = self.tracks.get(track, [])
        return {"earned": sum(self.progress.get(lv.id, TileState()).stars for lv in levels),
                "possible": 3 * len(levels)}

    def _tile(self, level: Level, number: int) -> Target:
        state = self.progress.get(level.id, TileState())
        return Target(level_target_id(level.id), "app.map.level", self._opener(level.id),
                      params={"number": number, "title": self._title(level.title_key),
                              "count": state.stars},
                      description_key="app.map.stars")

    def choose_track(self, track: str) -> None:
        self.track = track
        self._publish(focus=LEVELS_ID)

    def execute(self, command: Command) -> bool:
        if command.verb == "run" and self.next_level() is not None:  # "go!": the next level
            self._on_open(self.next_level().id)  # type: ignore[union-attr]
            return True
        if command.verb == "back":
            self._on_back()
            return True
        return False

    def _switcher(self, track: str) -> Callable[[], None]:
        return lambda: self.choose_track(track)

    def _opener(self, level_id: str) -> Callable[[], None]:
        return lambda: self._on_open(level_id)

"""The track and level map: big level tiles with their stars, the next level first.

Scan order follows what a child most often wants: the next level to play comes first in
the ``levels`` group, then the other levels in order; then the tracks; then going back.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, LevelRef, Target
from levels.level import TRACKS, Level

ROOT_ID = "level_map"
LEVELS_ID = "levels"
TRACKS_ID = "tracks"
MAP_CONTROLS_ID = "map_controls"


@dataclass(frozen=True)
class TileState:
    stars: int = 0
    solved: bool = False


def track_key(track: str, part: str) -> str:
    """A track's title or description; tracks beyond the packs' ("made") are the maker's."""
    return f"levels.track.{track}.{part}" if track in TRACKS else f"maker.track.{part}"


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
                 on_open: Callable[[str], None], on_back: Callable[[], None],
                 extras: Sequence[tuple[str, str, Callable[[], None]]] = ()) -> None:
        super().__init__()
        self.tracks = {name: list(levels) for name, levels in tracks.items()}
        self.progress = dict(progress)
        self.track = track if track in self.tracks else TRACKS[0]
        self._title = title
        self._on_open = on_open
        self._on_back = on_back
        self.extras = list(extras)  # (id, label key, action): the maker, the job cards

    def levels(self) -> list[Level]:
        return self.tracks.get(self.track, [])

    def next_level(self) -> Level | None:
        return next_level(self.levels(), self.progress)

    def model(self) -> Group:
        levels = self.levels()
        upcoming = self.next_level()
        ordered = ([upcoming] if upcoming else []) + [lv for lv in levels if lv is not upcoming]
        tiles: list[Group | Target]
        tracks: list[Group | Target]
        back: list[Group | Target]
        tiles = [self._tile(level, levels.index(level) + 1) for level in ordered]
        if self.track not in TRACKS:  # "Our levels": making one and the job cards come first
            extras: list[Group | Target] = [Target(i, key, act, params={"number": 0})
                                            for i, key, act in self.extras]
            tiles = extras + tiles
        tracks = [Target(f"track:{name}", track_key(name, "title"), self._switcher(name),
                         description_key=track_key(name, "description"),
                         params={"chosen": name == self.track, **self.stars(name)},
                         enabled=name != self.track
                         and (bool(self.tracks.get(name)) or name not in TRACKS))
                  for name in (*TRACKS, *(t for t in self.tracks if t not in TRACKS))]
        back = [Target("map:back", "app.map.back", self._on_back)]
        return Group(ROOT_ID, "app.group.level_map", [
            Group(LEVELS_ID, "app.group.levels" if self.track in TRACKS
                  else track_key(self.track, "description"), tiles,
                  params={"track": self._title(track_key(self.track, "title")),
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
                      description_key="app.map.stars", payload=LevelRef(level.id))

    def choose_track(self, track: str) -> None:
        self.track = track
        self._publish(focus=LEVELS_ID)

    def commands(self) -> CommandTable:
        """"Run" ("go!") opens the next level; "back" changes the player."""
        return CommandTable([
            ScreenCommand("run", self._open_next, "app.map.next",
                          enabled=lambda: self.next_level() is not None),
            ScreenCommand("back", self._on_back, "app.map.back", in_help=False)])

    def _open_next(self) -> None:
        level = self.next_level()
        if level is not None:
            self._on_open(level.id)

    def _switcher(self, track: str) -> Callable[[], None]:
        return lambda: self.choose_track(track)

    def _opener(self, level_id: str) -> Callable[[], None]:
        return lambda: self._on_open(level_id)

"""The level packs: every track folder under ``levels/packs/``, its levels in order.

``load_packs`` never stops at a bad file: the good levels load, the problems are listed
(the app shows the good ones; ``python -m levels check`` reports the rest).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from levels.level import TRACKS, Level, LevelError, LevelProblem, load_level

PACKS_DIR = Path(__file__).resolve().parent / "packs"


@dataclass
class Packs:
    tracks: dict[str, list[Level]] = field(default_factory=dict)
    problems: list[LevelProblem] = field(default_factory=list)

    def levels(self) -> list[Level]:
        extra = [track for track in self.tracks if track not in TRACKS]  # "made" by a class
        return [level for track in (*TRACKS, *extra) for level in self.tracks.get(track, [])]

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.levels() if level.id == level_id), None)

    def next_level(self, level_id: str) -> Level | None:
        """The level after ``level_id`` in its track, or ``None`` at the end."""
        level = self.level(level_id)
        if level is None:
            return None
        track = self.tracks[level.track]
        index = track.index(level)
        return track[index + 1] if index + 1 < len(track) else None


def level_files(root: Path = PACKS_DIR) -> list[Path]:
    return sorted(path for track in TRACKS for path in (root / track).glob("*.yml"))


def load_packs(root: Path = PACKS_DIR, files: list[Path] | None = None) -> Packs:
    packs = Packs({track: [] for track in TRACKS})
    seen: dict[str, str] = {}
    for path in files if files is not None else level_files(root):
        try:
            level = load_level(path)
        except LevelError as error:
            packs.problems.extend(error.problems)
            continue
        if level.id in seen:
            packs.problems.append(LevelProblem(str(path), level.id, "id",
                                               "levels.error.duplicate_id",
                                               {"other": seen[level.id]}))
            continue
        seen[level.id] = str(path)
        packs.tracks.setdefault(level.track, []).append(level)
    for levels in packs.tracks.values():
        levels.sort(key=lambda level: (level.order, level.id))
    return packs

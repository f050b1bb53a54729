"""Which levels a learner may open, in which order: the teacher's assignment over the packs.

No assignment (an empty list) opens every level in the packs' order. Otherwise each track
shows only its assigned levels, in the order the teacher chose; ids no longer in the packs
are skipped (a level file removed since), never an error. Only the curriculum's tracks
(``TRACKS``) are assigned: what the class made ("Our levels") stays open to everyone.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from levels.level import TRACKS, Level


def open_levels(tracks: Mapping[str, Sequence[Level]],
                assigned: Sequence[str]) -> dict[str, list[Level]]:
    """Per track, the levels open to the learner, in the order they are offered."""
    if not assigned:
        return {name: list(levels) for name, levels in tracks.items()}
    by_id = {level.id: level for levels in tracks.values() for level in levels}
    chosen = [by_id[level_id] for level_id in dict.fromkeys(assigned) if level_id in by_id]
    return {name: [level for level in chosen if level.track == name] if name in TRACKS
            else list(levels) for name, levels in tracks.items()}


def next_open(tracks: Mapping[str, Sequence[Level]], assigned: Sequence[str],
              level_id: str) -> Level | None:
    """The level offered after ``level_id`` in its track (None at the end, or if closed)."""
    for levels in open_levels(tracks, assigned).values():
        ids = [level.id for level in levels]
        if level_id in ids:
            index = ids.index(level_id)
            return levels[index + 1] if index + 1 < len(levels) else None
    return None


def track_to_show(opened: Mapping[str, Sequence[Level]], preferred: str) -> str:
    """The learner's track if it has open levels, else the first track that has some."""
    if opened.get(preferred):
        return preferred
    return next((name for name, levels in opened.items() if levels), preferred)

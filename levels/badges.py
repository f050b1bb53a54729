"""Chapter badges: a chapter is a track's levels that teach one concept; solving them all
earns its badge (kept in the learner's progress by the app's store)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from levels.level import MADE_CONCEPT, Level


@dataclass(frozen=True)
class Chapter:
    track: str
    concept: str
    level_ids: tuple[str, ...]

    @property
    def badge(self) -> str:
        """The badge's id, stable across releases: ``track.concept``."""
        return f"{self.track}.{self.concept}"


def chapters(tracks: Mapping[str, Sequence[Level]]) -> list[Chapter]:
    """Every chapter in play order (levels without a concept are in no chapter)."""
    found: dict[tuple[str, str], list[str]] = {}
    for track, levels in tracks.items():
        for level in levels:
            if level.concept and level.concept != MADE_CONCEPT:
                found.setdefault((track, level.concept), []).append(level.id)
    return [Chapter(track, concept, tuple(ids)) for (track, concept), ids in found.items()]


def new_badges(all_chapters: Iterable[Chapter], solved: set[str],
               already: set[str]) -> list[Chapter]:
    """Chapters whose levels are now all solved and whose badge the learner lacks."""
    return [chapter for chapter in all_chapters
            if chapter.badge not in already and set(chapter.level_ids) <= solved]

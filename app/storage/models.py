"""Values the store hands to the app: plain dataclasses, no database handles inside."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Learner:
    """A child in the class; ``profile`` is ``accessibility.profiles.profile_to_dict`` data."""

    id: int
    name: str
    avatar: str
    locale: str
    profile: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LevelProgress:
    """One learner on one level: the best result so far and the effort spent."""

    level_id: str
    stars: int = 0
    attempts: int = 0
    solved: bool = False
    best_blocks: int | None = None  # fewest blocks among solved attempts
    seconds: float = 0.0  # total time spent over all attempts
    independence: dict[str, Any] | None = None  # guided mode's ``Independence.to_dict()``
    updated: str = ""  # ISO 8601 local time with offset


@dataclass(frozen=True)
class StoreNotice:
    """Something the teacher must know about the progress file (i18n key in ``storage``)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

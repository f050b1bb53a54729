"""The teacher's class view: every learner with their track, stars, last day played,
attempts and independence over time, and for each the way to their levels and report.

Reached from the settings (behind the educator's lock); the rows are plain values the app
computes from the store (``app.teacher.class_summary``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, LearnerRef, Target

ROOT_ID = "class"


@dataclass(frozen=True)
class ChildSummary:
    """One row of the class view."""

    learner_id: int
    name: str
    avatar: str
    track: str  # the track they play now (``levels.track.<id>``)
    stars: int  # best stars over every level
    solved: int  # levels solved
    open_levels: int  # levels open to them (all, or the assigned ones)
    attempts: int
    last_played: str  # YYYY-MM-DD, "" when never
    independence: tuple[float, ...] = ()  # per session, oldest first: 0 shown .. 1 alone


def row_id(learner_id: int) -> str:
    return f"class:child:{learner_id}"


class ClassViewPresenter(ScreenPresenter):
    def __init__(self, children: Sequence[ChildSummary], *,
                 on_assign: Callable[[int], None], on_report: Callable[[int], None],
                 on_remove: Callable[[int], None], on_back: Callable[[], None],
                 on_sync: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._on_sync = on_sync  # the device's class sync page
        self.children = list(children)
        self._on_assign = on_assign
        self._on_report = on_report
        self._on_remove = on_remove
        self._on_back = on_back

    def child(self, learner_id: int) -> ChildSummary | None:
        return next((c for c in self.children if c.learner_id == learner_id), None)

    def model(self) -> Group:
        rows: list[Group | Target] = [self._row(child) for child in self.children]
        return Group(ROOT_ID, "teacher.class.title", [
            Group("class:actions", "teacher.class.actions", [
                Target("class:back", "teacher.class.back", self._on_back),
                *([Target("class:sync", "sync.page.open", self._on_sync)]
                  if self._on_sync is not None else [])]),
            Group("class:children", "teacher.class.children", rows,
                  params={"count": len(self.children)})])

    def _row(self, child: ChildSummary) -> Group:
        who: dict[str, object] = {"name": child.name}
        return Group(row_id(child.learner_id), "teacher.class.row", [
            Target(f"class:assign:{child.learner_id}", "teacher.class.assign",
                   self._call(self._on_assign, child.learner_id), params=who,
                   payload=LearnerRef(child.learner_id, child.avatar)),
            Target(f"class:report:{child.learner_id}", "teacher.class.report",
                   self._call(self._on_report, child.learner_id), params=who),
            Target(f"class:remove:{child.learner_id}", "teacher.class.remove",
                   self._call(self._on_remove, child.learner_id), params=who)],
            params={"name": child.name, "stars": child.stars, "solved": child.solved,
                    "levels": child.open_levels, "attempts": child.attempts,
                    "track": child.track, "last": child.last_played,
                    "independence": child.independence, "avatar": child.avatar})

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_back, "teacher.class.back",
                                           in_help=False)])

    @staticmethod
    def _call(action: Callable[[int], None], learner_id: int) -> Callable[[], None]:
        return lambda: action(learner_id)

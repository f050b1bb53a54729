"""Assign and unlock: the teacher chooses which levels a learner may open, and their order.

A level is opened or closed with one press; an open level can be moved earlier. Nothing is
kept until "Save"; "Open every level" goes back to no assignment (the default).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, LevelRef, Target
from levels.level import Level

ROOT_ID = "assign"


class AssignmentDraft:
    """The open levels in their order; empty means every level (no assignment)."""

    def __init__(self, every: Sequence[Level], assigned: Sequence[str]) -> None:
        known = {level.id for level in every}
        self.every = list(every)
        self.order = [level_id for level_id in dict.fromkeys(assigned) if level_id in known]

    def is_open(self, level_id: str) -> bool:
        return not self.order or level_id in self.order

    def toggle(self, level_id: str) -> None:
        if not self.order:  # everything was open: closing one assigns all the others
            self.order = [level.id for level in self.every if level.id != level_id]
        elif level_id in self.order:
            if len(self.order) > 1:  # the last open level stays: a child always has one
                self.order.remove(level_id)
        else:
            self.order.append(level_id)

    def set_track(self, level_ids: Sequence[str], opened: bool) -> None:
        """Open or close a whole track (a chapter); the last open levels stay open."""
        if not self.order:
            self.order = [level.id for level in self.every]
        if opened:
            self.order += [level_id for level_id in level_ids if level_id not in self.order]
        else:
            remaining = [level_id for level_id in self.order if level_id not in level_ids]
            self.order = remaining or self.order

    def earlier(self, level_id: str) -> None:
        if not self.order:
            self.order = [level.id for level in self.every]
        index = self.order.index(level_id)
        if index > 0:
            self.order[index - 1], self.order[index] = level_id, self.order[index - 1]

    def open_all(self) -> None:
        self.order = []


class AssignmentPresenter(ScreenPresenter):
    def __init__(self, name: str, tracks: Mapping[str, Sequence[Level]],
                 assigned: Sequence[str], *, title: Callable[[str], str],
                 on_save: Callable[[list[str]], None], on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self.name = name
        self.tracks = {track: list(levels) for track, levels in tracks.items()}
        self.draft = AssignmentDraft([lv for lvs in self.tracks.values() for lv in lvs],
                                     assigned)
        self._title = title
        self._on_save = on_save
        self._on_cancel = on_cancel

    def model(self) -> Group:
        return Group(ROOT_ID, "teacher.assign.title", [
            Group("assign:actions", "teacher.assign.actions", [
                Target("assign:save", "teacher.assign.save", self._save),
                Target("assign:cancel", "teacher.assign.cancel", self._on_cancel),
                Target("assign:open_all", "teacher.assign.open_all", self._open_all,
                       enabled=bool(self.draft.order))]),
            *[Group(f"assign:track:{track}", "teacher.assign.track",
                    [self._whole_track(track, levels), *[self._toggle(lv) for lv in levels]],
                    params={"track": self._title(f"levels.track.{track}.title")})
              for track, levels in self.tracks.items() if levels],
            Group("assign:order", "teacher.assign.order", self._order())],
            params={"name": self.name})

    def _whole_track(self, track: str, levels: Sequence[Level]) -> Target:
        ids = [level.id for level in levels]
        all_open = all(self.draft.is_open(level_id) for level_id in ids)
        return Target(f"assign:whole:{track}",
                      "teacher.assign.track_close" if all_open else "teacher.assign.track_open",
                      lambda: self._set_track(ids, not all_open),
                      params={"track": self._title(f"levels.track.{track}.title")})

    def _set_track(self, level_ids: list[str], opened: bool) -> None:
        self.draft.set_track(level_ids, opened)
        self._publish(focus=None)

    def _toggle(self, level: Level) -> Target:
        order = self.draft.order
        return Target(f"assign:level:{level.id}",  # an assigned level says its place
                      "teacher.assign.level_open" if level.id in order else "teacher.assign.level",
                      lambda: self._change(self.draft.toggle, level.id),
                      params={"title": self._title(level.title_key),
                              "number": order.index(level.id) + 1 if level.id in order else 0,
                              "chosen": self.draft.is_open(level.id)},
                      description_key="teacher.assign.level_help", payload=LevelRef(level.id))

    def _order(self) -> list[Group | Target]:
        titles = {lv.id: lv.title_key for lvs in self.tracks.values() for lv in lvs}
        return [Target(f"assign:earlier:{level_id}", "teacher.assign.earlier",
                       self._mover(level_id),
                       params={"number": index + 1, "title": self._title(titles[level_id])},
                       enabled=index > 0, payload=LevelRef(level_id))
                for index, level_id in enumerate(self.draft.order)]

    def _mover(self, level_id: str) -> Callable[[], None]:
        return lambda: self._change(self.draft.earlier, level_id)

    def _change(self, action: Callable[[str], None], level_id: str) -> None:
        action(level_id)
        self._publish(focus=None)

    def _open_all(self) -> None:
        self.draft.open_all()
        self._publish(focus=None)

    def _save(self) -> None:
        self._on_save(list(self.draft.order))

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_cancel, "teacher.assign.cancel",
                                           in_help=False)])

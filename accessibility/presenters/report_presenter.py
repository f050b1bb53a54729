"""The progress report of one learner: a preview of its figures, and the folders it can be
saved in (the data folder, documents, USB sticks) — one press saves it there."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.scan_model import Group, Target

ROOT_ID = "report"


def readable(folder: str) -> str:
    """A path that wraps on a button: "media / alice / STICK" (a label breaks at spaces)."""
    parts = [part for part in folder.replace("\\", "/").split("/") if part]
    return " / ".join(parts) or folder


class ReportPresenter(ScreenPresenter):
    def __init__(self, name: str, folders: Sequence[str], *, on_save: Callable[[str], None],
                 on_back: Callable[[], None], preview: object = None) -> None:
        super().__init__()
        self.name = name
        self.folders = list(folders)
        self.preview = preview  # the report's figures, drawn by the view
        self._on_save = on_save
        self._on_back = on_back

    def model(self) -> Group:
        return Group(ROOT_ID, "teacher.report.screen", [
            Group("report:actions", "teacher.report.actions", [
                Target("report:back", "teacher.report.back", self._on_back)]),
            Group("report:folders", "teacher.report.choose_folder", [
                Target(f"report:folder:{index}", "teacher.report.folder",
                       self._saver(folder), params={"folder": readable(folder),
                                                    "path": folder})
                for index, folder in enumerate(self.folders)])],
            params={"name": self.name})

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_back, "teacher.report.back",
                                           in_help=False)])

    def _saver(self, folder: str) -> Callable[[], None]:
        return lambda: self._on_save(folder)

"""The teacher's screens as the app runs them: the class view over the settings, and over
it a learner's levels (assign and unlock), their progress report, adding a player (name
first), removing one (after a yes), and the device's class sync. Each is pushed, so "back"
gives the one below.

Windowless: the store, the packs, the screen stack and the notices are handed in.
"""
from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from accessibility.clock import Clock
from accessibility.message import Message
from accessibility.presenters.assignment_presenter import AssignmentPresenter
from accessibility.presenters.class_view_presenter import ClassViewPresenter
from accessibility.presenters.confirm_presenter import ConfirmPresenter
from accessibility.presenters.new_player_presenter import NewPlayerPresenter
from accessibility.presenters.report_presenter import ReportPresenter
from accessibility.presenters.sync_page_presenter import SyncPagePresenter
from accessibility.translator import Translator
from app.navigation import Navigator
from app.storage.models import Learner
from app.storage.paths import learner_voice_dir
from app.storage.store import ProgressStore
from app.teacher.folders import candidate_folders
from app.teacher.progress_data import child_report, class_summary, skill_key
from app.sync.sender import Round
from app.sync.settings import page_status, run_check, sync_presenter
from app.teacher.report_html import render_report
from levels.level import TRACKS
from levels.packs import Packs

log = logging.getLogger(__name__)

CLASS, ASSIGN, REPORT, CONFIRM, NEW_PLAYER, SYNC = (
    "class", "assign", "report", "confirm", "new_player", "sync")
TEACHER_SCREENS = (CLASS, ASSIGN, REPORT, CONFIRM, NEW_PLAYER, SYNC)
ROUND_WAIT_S, ROUND_LOOKS = 0.5, 60  # after "send now", the status is read again once sent


def report_file_name(name: str, day: date) -> str:
    """``report-<name>-<date>.html`` with only letters, digits and dashes from the name."""
    safe = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-_") or "player"
    return f"report-{safe}-{day.isoformat()}.html"


def write_atomically(path: Path, text: str) -> None:
    """Write beside, then replace: a pulled stick leaves no half report under the name."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


class TeacherFlow:
    def __init__(self, *, store: ProgressStore, packs: Packs, navigator: Navigator,
                 translator: Translator, data_dir: Path, notice: Callable[[Message], None],
                 add_learner: Callable[[str, str], Learner],
                 current: Callable[[], Learner | None],
                 on_removed: Callable[[int], None],
                 avatars: tuple[str, ...], media_roots: tuple[Path, ...] | None = None,
                 today: Callable[[], date] = date.today, clock: Clock | None = None,
                 wake_sync: Callable[[], None] = lambda: None,
                 last_round: Callable[[], Round | None] = lambda: None) -> None:
        self.store = store
        self.packs = packs
        self.navigator = navigator
        self.translator = translator
        self.data_dir = data_dir
        self._notice = notice
        self._add_learner = add_learner
        self._current = current
        self._on_removed = on_removed
        self._avatars = avatars
        self._media_roots = media_roots
        self._today = today
        self._clock = clock
        self._wake_sync = wake_sync
        self._last_round = last_round  # the sender thread's last round, None without one
        self.class_view: ClassViewPresenter | None = None

    # -- the class view -------------------------------------------------------------------

    def open(self) -> None:
        """Over the settings (behind the educator's lock)."""
        self.class_view = ClassViewPresenter(
            class_summary(self.store, self.packs.tracks), on_assign=self.assign,
            on_report=self.report, on_remove=self.ask_remove, on_back=self.back,
            on_sync=self.sync_page)
        self.navigator.push(CLASS, self.class_view)

    def back(self) -> None:
        """The screen below: the class view from its sub-screens, the settings from it."""
        under = self.navigator.pop()
        if under is not None and under.presenter is self.class_view:
            self.class_view.children = class_summary(self.store, self.packs.tracks)
            self.class_view.refresh()

    def _learner(self, learner_id: int) -> Learner | None:
        return self.store.learner(learner_id)

    # -- assign and unlock ----------------------------------------------------------------

    def assign(self, learner_id: int) -> None:
        learner = self._learner(learner_id)
        if learner is None:
            return

        def save(order: list[str]) -> None:
            self.store.assign_levels(learner_id, order)
            self._notice(Message("teacher.assign.saved", {"name": learner.name,
                                                          "count": len(order)}))
            self.back()
        self.navigator.push(ASSIGN, AssignmentPresenter(
            learner.name, {track: self.packs.tracks.get(track, []) for track in TRACKS},
            self.store.assigned_levels(learner_id),
            title=self.translator.t, on_save=save, on_cancel=self.back))

    # -- the progress report ----------------------------------------------------------------

    def report_html(self, learner: Learner) -> str:
        report = child_report(self.store, self.packs.tracks, learner, self._today())
        return render_report(report, self.translator.t, self.translator.locale,
                             self._skill_name)

    def _skill_name(self, skill: str) -> str:
        return self.translator.t(skill_key(skill, self.translator.has))

    def folders(self) -> list[Path]:
        if self._media_roots is None:
            return candidate_folders(self.data_dir)
        return candidate_folders(self.data_dir, media_roots=self._media_roots)

    def report(self, learner_id: int) -> None:
        learner = self._learner(learner_id)
        if learner is None:
            return
        preview = child_report(self.store, self.packs.tracks, learner, self._today())
        self.navigator.push(REPORT, ReportPresenter(
            learner.name, [str(folder) for folder in self.folders()],
            on_save=lambda folder: self._save_to(learner, folder),
            on_back=self.back, preview=preview))

    def _save_to(self, learner: Learner, folder: str) -> None:
        self.save_report(learner, Path(folder))

    def save_report(self, learner: Learner, folder: Path) -> Path | None:
        path = folder / report_file_name(learner.name, self._today())
        try:
            write_atomically(path, self.report_html(learner))
        except OSError as error:
            log.error("report not saved in %s: %r", folder, error)
            self._notice(Message("teacher.report.failed", {"folder": str(folder)}))
            return None
        self._notice(Message("teacher.report.saved", {"file": path.name,
                                                      "folder": str(folder)}))
        return path

    # -- players --------------------------------------------------------------------------

    def new_player(self) -> None:
        """The name first; the player exists only once "Add" is pressed."""
        number = len(self.store.learners())

        def add(name: str, avatar: str) -> None:
            self.back()  # first: back on the settings, the new name is said there
            self._add_learner(name, avatar)
        self.navigator.push(NEW_PLAYER, NewPlayerPresenter(
            self._avatars, self._avatars[number % len(self._avatars)], on_add=add,
            on_cancel=self.back))

    def ask_remove(self, learner_id: int) -> None:
        learner = self._learner(learner_id)
        if learner is None:
            return

        def yes() -> None:
            self.remove(learner)
            self.back()
        self.navigator.push(CONFIRM, ConfirmPresenter(
            Message("teacher.remove.question", {"name": learner.name}), "teacher.remove.yes",
            on_yes=yes, on_no=self.back))

    def remove(self, learner: Learner) -> None:
        """The learner, their progress, drafts, levels, settings and trained voice."""
        self.store.remove_learner(learner.id)
        self.store.forget_learner_settings(learner.id)
        voices = learner_voice_dir(self.data_dir, learner.id)
        if voices.exists():
            shutil.rmtree(voices, onerror=lambda _f, path, error: log.error(
                "voice file %s not removed: %r", path, error[1]))
        current = self._current()
        if current is not None and current.id == learner.id:
            self._on_removed(learner.id)
        self._notice(Message("teacher.remove.done", {"name": learner.name}))

    # -- class sync -----------------------------------------------------------------------

    def sync_page(self) -> None:
        """The device's sync (every learner's statements): on/off, address, test, waiting."""
        page: SyncPagePresenter | None = None

        def send_now() -> None:
            before = self._last_round()
            self._wake_sync()
            if page is not None:
                self._after_round(before, page.refresh)
        form = sync_presenter(self.store, wake=self._wake_sync, on_message=self._notice,
                              send_now=send_now)
        page = SyncPagePresenter(
            form, status=lambda: page_status(self.store, self._last_round()),
            on_check=self._check, on_back=self.back, on_message=self._notice)
        self.navigator.push(SYNC, page)

    def _check(self, form, done: Callable[[str], None]) -> None:
        if self._clock is None:
            done("offline")  # no clock to hear the answer on (not in the app)
            return
        run_check(self._clock, form, done)

    def _after_round(self, before: Round | None, then: Callable[[], None]) -> None:
        """``then`` once the sender finished a round (or after a while without one)."""
        clock = self._clock
        if clock is None:
            return
        looks = [0]

        def look() -> None:
            looks[0] += 1
            if self._last_round() is not before or looks[0] >= ROUND_LOOKS:
                then()
            else:
                clock.call_later(ROUND_WAIT_S, look)
        clock.call_later(ROUND_WAIT_S, look)

"""Which screen is shown, and where a screen opened over another returns.

A screen is a name and its presenter; its scan model goes to the learner's ``SwitchAccess``
and to whoever listens (the views). A screen opened *over* another (voice training over the
settings) is pushed: leaving it gives back the one below, as it was, unsaved.
"""
from __future__ import annotations

from dataclasses import dataclass

from accessibility.presenters.base import ScreenPresenter
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group, ScanNode
from accessibility.signal import Signal
from accessibility.switch_access import SwitchAccess
from adapters.events import InputEvent


@dataclass
class Listeners:
    """What the views listen to (``connect``/``disconnect``)."""

    screen: Signal[[str]]
    model: Signal[[Group, str | None]]
    highlight: Signal[[ScanNode | None]]
    status_line: Signal[[]]  # status_line() changed
    look: Signal[[AccessProfile]]  # the profile (or the settings' draft) to draw with
    # the event, what it does for this learner (AccessProfile.switch_role), the device's name
    switch_test: Signal[[InputEvent, str, str | None]]


@dataclass(frozen=True)
class Shown:
    """A screen on the stack: its name and its presenter."""

    screen: str
    presenter: ScreenPresenter


class Navigator:
    """The screen stack, the shown screen's model, and the scan highlight on it."""

    def __init__(self, access: SwitchAccess, model: Group) -> None:
        self.access = access
        self.model = model
        self.screen = ""
        self.presenter: ScreenPresenter | None = None
        self.below: list[Shown] = []  # screens under the shown one, nearest last
        self.screen_changed: Signal[[str]] = Signal()
        self.model_changed: Signal[[Group, str | None]] = Signal()
        self.highlighted: Signal[[ScanNode | None]] = Signal()

    def show(self, screen: str, presenter: ScreenPresenter) -> None:
        """Show ``screen`` instead of the whole stack."""
        self.below.clear()
        self._show(screen, presenter)

    def push(self, screen: str, presenter: ScreenPresenter) -> None:
        """Show ``screen`` over the current one, which ``pop`` gives back."""
        if self.presenter is not None:
            self.below.append(Shown(self.screen, self.presenter))
        self._show(screen, presenter)

    def pop(self) -> Shown | None:
        """Leave a pushed screen: the one below, shown again as it was (None: there is none,
        the caller chooses where to go)."""
        if not self.below:
            return None
        under = self.below.pop()
        self._show(under.screen, under.presenter)
        return under

    def _show(self, screen: str, presenter: ScreenPresenter) -> None:
        if self.presenter is not None and self.presenter is not presenter:
            self.presenter.model_changed.disconnect(self._model_changed)
        self.screen = screen
        self.presenter = presenter
        presenter.model_changed.connect(self._model_changed)
        self.screen_changed.emit(screen)
        self._model_changed(presenter.model(), None)

    def _model_changed(self, root: Group, focus: str | None) -> None:
        if self.presenter is None:
            return
        self.model = root
        self.access.set_model(root, focus)
        self.model_changed.emit(root, focus)

    def activate(self, target_id: str) -> bool:
        """A touch (or click) on the widget of ``target_id``."""
        target = self.model.find(target_id)
        if target is None or not target.enabled:
            return False
        target.activate()
        return True

    def attach_scanner(self) -> None:
        """Follow the highlight of the learner's scanner (a new one with each profile)."""
        scanner = self.access.scanner
        if scanner is not None:
            scanner.on_highlight(self.highlighted.emit)
        self.highlighted.emit(None)

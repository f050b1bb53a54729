"""What every screen presenter shares: a scan model, a signal when it changes, and
direct commands (voice, labelled buttons) it may carry out."""
from __future__ import annotations

from accessibility.actions import Command
from accessibility.presenters.commands import CommandTable
from accessibility.scan_model import Group
from accessibility.signal import Signal


class ScreenPresenter:
    """A screen as the core sees it. Subclasses build ``model()`` from their state."""

    def __init__(self) -> None:
        # (root, focus) after every change; wire ``SwitchAccess.set_model`` to it
        self.model_changed: Signal[[Group, str | None]] = Signal()

    def model(self) -> Group:
        raise NotImplementedError

    def commands(self) -> CommandTable:
        """The screen's direct commands (voice, labelled big buttons), as they are now."""
        return CommandTable()

    def execute(self, command: Command) -> bool:
        """Carry out a direct command; ``False`` when it does not apply to this screen."""
        return self.commands().execute(command)

    def refresh(self, focus: str | None = None) -> None:
        """Publish the model again (the language changed, or the data under it)."""
        self._publish(focus)

    def _publish(self, focus: str | None, root: Group | None = None) -> None:
        self.model_changed.emit(root or self.model(), focus)

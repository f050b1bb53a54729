"""What every screen presenter shares: a scan model, listeners told when it changes, and
direct commands (voice, labelled buttons) it may carry out."""
from __future__ import annotations

from typing import Callable

from accessibility.actions import Command
from accessibility.scan_model import Group

ModelListener = Callable[[Group, "str | None"], None]


class ScreenPresenter:
    """A screen as the core sees it. Subclasses build ``model()`` from their state."""

    def __init__(self) -> None:
        self._listeners: list[ModelListener] = []

    def model(self) -> Group:
        raise NotImplementedError

    def on_model_changed(self, listener: ModelListener) -> None:
        """``listener(root, focus)`` after every change; wire ``SwitchAccess.set_model``."""
        if listener not in self._listeners:  # a screen shown again keeps one listener
            self._listeners.append(listener)

    def execute(self, command: Command) -> bool:
        """Carry out a direct command; ``False`` when it does not apply to this screen."""
        return False

    def refresh(self, focus: str | None = None) -> None:
        """Publish the model again (the language changed, or the data under it)."""
        self._publish(focus)

    def _publish(self, focus: str | None, root: Group | None = None) -> None:
        root = root or self.model()
        for listener in list(self._listeners):
            listener(root, focus)

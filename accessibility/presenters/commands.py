"""A screen's direct commands as one table: what each does, its label, when it works, and
the scan target that does the same.

Voice commands and labelled big buttons arrive as ``Command``s; the presenter's table
carries them out. The same table says which voice phrases "help me please" names and which
button shows which phrase, so a command exists in one place, not in string switches.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from accessibility.actions import Command

log = logging.getLogger(__name__)


def always() -> bool:
    return True


@dataclass(frozen=True)
class ScreenCommand:
    """One entry: ``name`` is the command (``run``, ``add:move_forward``) a profile binds."""

    name: str
    action: Callable[[], None]
    label_key: str  # i18n key of what it does, as a button says it
    enabled: Callable[[], bool] = always
    target: str | None = None  # the id of the scan target that does the same, if any
    in_help: bool = True  # named when a voice learner asks for help (kept short)


# moving around a screen with the voice: the scanner's actions, not a screen's commands
MOVES = ("next", "previous", "select", "back")


class CommandTable:
    """A screen's commands, in the order help names them."""

    def __init__(self, entries: Sequence[ScreenCommand] = (), *, moves: bool = True) -> None:
        """``moves``: help names moving around first (menus); a level names its own
        commands only."""
        self.entries = tuple(entries)
        self.moves = moves

    def __iter__(self) -> Iterator[ScreenCommand]:
        return iter(self.entries)

    def get(self, name: str) -> ScreenCommand | None:
        return next((entry for entry in self.entries if entry.name == name), None)

    def execute(self, command: Command) -> bool:
        """Carry out ``command``; ``False`` when this screen has no such command or it does
        not work now (nothing to undo)."""
        entry = self.get(command.name)
        if entry is None or not entry.enabled():
            log.info("command %s does not apply here", command.name)
            return False
        entry.action()
        return True

    def help_names(self) -> list[str]:
        """The commands "help me please" names here, in order: the moves (on menus), then
        every enabled entry meant for help."""
        names = list(MOVES) if self.moves else []
        return names + [e.name for e in self.entries if e.in_help and e.enabled()]

    def targets(self) -> dict[str, str]:
        """Command name -> the id of the button that does the same."""
        return {e.name: e.target for e in self.entries if e.target is not None}

"""What a switch press means once filtered: a scanning action or a direct command."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Action(Enum):
    """Scanning actions (the switch-access field's vocabulary)."""

    NEXT = "next"
    PREVIOUS = "previous"
    SELECT = "select"
    BACK = "back"


@dataclass(frozen=True)
class Command:
    """A direct command, bypassing the scan: ``add:move_forward``, ``run``, ``stop``, ``undo``.

    Used by voice commands and labelled big buttons; the screen's presenter executes it.
    """

    name: str

    @property
    def verb(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def argument(self) -> str | None:
        parts = self.name.split(":", 1)
        return parts[1] if len(parts) == 2 else None


Intent = Action | Command

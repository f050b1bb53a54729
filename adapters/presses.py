"""Turns raw down/up reports into presses and releases, the same way for every source.

A device may repeat a down while a key is held (keyboard auto-repeat, a serial box that
re-sends its state) or send an up we never saw go down (we connected mid-press). Neither is
a new press: the switch filter downstream counts presses, so inventing one would choose
something the child did not choose.
"""
from __future__ import annotations

from adapters.events import InputEvent


class PressTracker:
    """Remembers which controls of one source are held; emits only real state changes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._held: dict[str, None] = {}  # insertion-ordered set

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(self._held)

    def down(self, control: str, t: float) -> InputEvent | None:
        """A press, or ``None`` if the control is already down (auto-repeat)."""
        if control in self._held:
            return None
        self._held[control] = None
        return InputEvent(self.source, control, True, t)

    def up(self, control: str, t: float) -> InputEvent | None:
        """A release, or ``None`` if the control was not down."""
        if control not in self._held:
            return None
        del self._held[control]
        return InputEvent(self.source, control, False, t)

    def release_all(self, t: float) -> list[InputEvent]:
        """Releases for everything held: a device that vanishes must not leave a switch
        "stuck down" (inverse scanning would otherwise keep moving forever)."""
        released = [InputEvent(self.source, control, False, t) for control in self._held]
        self._held.clear()
        return released

"""A message kept on screen and in the captions until the child has had time to read it.

A run's outcome ("Nearly! The goal is not reached yet...") used to be replaced by the next
scan label within a second: without a loudspeaker a switch user never read why the program
failed. While a message is held, scan labels (the cue voice) are still spoken but do not
replace its caption; the hold ends when the child acts (a press, a touch) or after the
teacher's time (the profile's ``outcome_hold``).
"""
from __future__ import annotations

from accessibility.clock import Clock, Timer
from accessibility.message import Message
from accessibility.narrator import Caption, Channel
from accessibility.signal import Signal


class CaptionHold:
    """The held message, if any; ``changed`` tells the view to show it (or let go)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._timer: Timer | None = None
        self.message: Message | None = None
        self.changed: Signal[[Message | None]] = Signal()

    def hold(self, message: Message, seconds: float) -> None:
        """Keep ``message`` up for ``seconds`` at least, unless the child acts first."""
        self._cancel()
        self.message = message
        self._timer = self._clock.call_later(seconds, self.release)
        self.changed.emit(message)

    def release(self) -> None:
        """The child acted, or the time is up: captions flow again."""
        self._cancel()
        if self.message is not None:
            self.message = None
            self.changed.emit(None)

    def shows(self, caption: Caption) -> bool:
        """Whether ``caption`` may replace what is on screen: never a device's status (the
        teacher's corner lists it), and not a scan label while a message is held."""
        if not caption.shown:
            return False
        return self.message is None or caption.channel is not Channel.CUE

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

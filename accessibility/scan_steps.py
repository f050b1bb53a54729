"""When the lit stop moves on: the scan interval, the first item's extra delay, the switch's
post-acceptance delay after a press, and (auditory scanning) the end of the stop's cue.

One timer per stop. The scanner says which stop is lit (``new_stop``) and what to do when
its time is up (``on_due``); this module only decides *when*, from the injected ``Clock``.
"""
from __future__ import annotations

from typing import Callable

from accessibility.clock import Clock, Timer
from accessibility.scan_settings import ScanSettings


class StepTimer:
    """The timer of the stop that is lit, and whether its cue is still being spoken."""

    def __init__(self, clock: Clock, on_due: Callable[[], None]) -> None:
        self._clock = clock
        self._on_due = on_due
        self._timer: Timer | None = None
        self._due = False  # the interval passed while the cue was still speaking
        self._cue_pending = False
        self._seq = 0
        self._first = False
        self._settle = 0.0
        self.lit_at = 0.0
        self.until: float | None = None  # when the lit stop moves on (None: no move timed)

    @property
    def running(self) -> bool:
        return self._timer is not None

    def new_stop(self, *, first: bool, settle: float = 0.0) -> None:
        """A new stop is lit now; ``first``: the first of its level (it gets
        ``first_item_delay``); ``settle``: extra seconds before its time starts (the
        post-acceptance delay when a press lit it: the switch is locked meanwhile)."""
        self.cancel()
        self._seq += 1
        self._cue_pending = False
        self._first = first
        self._settle = settle
        self.lit_at = self._clock.now()

    def schedule(self, settings: ScanSettings, since: float | None = None) -> None:
        """Move on ``interval`` (+ the first item's delay) after ``since`` (default: when
        the stop was lit) plus its settle time; a new interval applies to the lit stop."""
        self.cancel()
        start = self.lit_at if since is None else since
        length = settings.interval + (settings.first_item_delay if self._first else 0.0)
        self.until = start + self._settle + length
        self._timer = self._clock.call_later(max(0.0, self.until - self._clock.now()),
                                             lambda: self._fired(settings.wait_for_cue))

    def released(self, settings: ScanSettings) -> None:
        """The switch was let go now: its post-acceptance delay also runs from here, so a
        stop lit by the press keeps its whole time after that (never shortened)."""
        if self._timer is None or self._settle <= 0:
            return
        length = settings.interval + (settings.first_item_delay if self._first else 0.0)
        if self._clock.now() + self._settle + length > (self.until or 0.0):
            self.schedule(settings, since=self._clock.now())

    def call_later(self, seconds: float, callback: Callable[[], None]) -> None:
        """A one-off timer for the lit stop (dwell), cancelled with it."""
        self.cancel()

        def fire() -> None:
            self._timer = None
            callback()

        self._timer = self._clock.call_later(seconds, fire)

    def cue_started(self) -> Callable[[bool], None]:
        """The lit stop's cue began; returns its ``on_done`` (ignored once another stop is
        lit): with ``wait_for_cue`` a move that fell due meanwhile happens then."""
        self._cue_pending = True
        seq = self._seq

        def done(_completed: bool) -> None:
            if self._seq != seq:
                return  # a newer highlight took over
            self._cue_pending = False
            if self._due:
                self._due = False
                self._on_due()

        return done

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._due = False
        self.until = None

    def _fired(self, wait_for_cue: bool) -> None:
        self._timer = None
        if wait_for_cue and self._cue_pending:
            self._due = True  # move when the cue ends
            return
        self._on_due()

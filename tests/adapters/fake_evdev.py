"""A device seam for the evdev adapter: real ``evdev.InputEvent`` values, scripted failures."""
from __future__ import annotations

import errno
import queue
import threading
import time

import evdev
from evdev import ecodes

from adapters.evdev_device import DeviceSelector


def key(code: int, value: int, t: float) -> list[evdev.InputEvent]:
    """An EV_KEY event at time ``t`` followed by its SYN_REPORT, as the kernel sends them."""
    sec, usec = int(t), int(round((t - int(t)) * 1_000_000))
    return [evdev.InputEvent(sec, usec, ecodes.EV_MSC, ecodes.MSC_SCAN, 0x90001),
            evdev.InputEvent(sec, usec, ecodes.EV_KEY, code, value),
            evdev.InputEvent(sec, usec, ecodes.EV_SYN, ecodes.SYN_REPORT, 0)]


class FakeDevice:
    """Reads return what the test fed; ``unplug`` makes the next read fail like the kernel."""

    def __init__(self, name: str = "Switch Interface", path: str = "/dev/input/event7",
                 monotonic: bool = True, grab_error: OSError | None = None) -> None:
        self.name, self.path, self.monotonic = name, path, monotonic
        self.grab_error = grab_error
        self.grabbed = self.closed = False
        self.keys_down: list[int] = []
        self._queue: queue.Queue[list[evdev.InputEvent] | OSError] = queue.Queue()

    def feed(self, *events: evdev.InputEvent) -> None:
        self._queue.put(list(events))

    def unplug(self) -> None:
        self._queue.put(OSError(errno.ENODEV, "No such device"))

    def grab(self) -> None:
        if self.grab_error is not None:
            raise self.grab_error
        self.grabbed = True

    def read(self, timeout: float) -> list[evdev.InputEvent]:
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return []
        if isinstance(item, OSError):
            raise item
        return item

    def active_keys(self) -> list[int]:
        return list(self.keys_down)

    def close(self) -> None:
        self.closed = True


class FakeOpener:
    """Each call takes the next scripted outcome (a device or an exception to raise); the
    last one repeats. Records when it was called, to check the backoff."""

    def __init__(self, *outcomes: FakeDevice | OSError) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[float] = []
        self.selectors: list[DeviceSelector] = []
        self._cond = threading.Condition()

    def __call__(self, selector: DeviceSelector) -> FakeDevice:
        with self._cond:
            self.calls.append(time.monotonic())
            self.selectors.append(selector)
            outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
            self._cond.notify_all()
        if isinstance(outcome, OSError):
            raise outcome
        return outcome

    def wait_calls(self, count: int, timeout: float = 5.0) -> list[float]:
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.calls) >= count, timeout), self.calls
            return list(self.calls)

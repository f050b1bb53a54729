"""Test helpers: a recorder for adapter sinks with event-driven waits, and a pseudo-terminal
that behaves like a switch box which can be unplugged and plugged in again."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

from adapters.events import AdapterStatus, InputEvent, StatusKind

WAIT = 5.0  # generous ceiling for event-driven waits; a passing test never waits this long


class Recorder:
    """Collects what an adapter sends; ``wait_for`` blocks until a condition holds."""

    def __init__(self) -> None:
        self.items: list[InputEvent | AdapterStatus] = []
        self._cond = threading.Condition()

    def on_event(self, event: InputEvent) -> None:
        with self._cond:
            self.items.append(event)
            self._cond.notify_all()

    on_status = on_event  # type: ignore[assignment]

    @property
    def events(self) -> list[InputEvent]:
        with self._cond:
            return [i for i in self.items if isinstance(i, InputEvent)]

    @property
    def statuses(self) -> list[AdapterStatus]:
        with self._cond:
            return [i for i in self.items if isinstance(i, AdapterStatus)]

    def presses(self) -> list[tuple[str, str, bool]]:
        return [(e.source, e.control, e.pressed) for e in self.events]

    def wait_for(self, condition: Callable[[], bool], timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; recorded: {self.items!r}")
                self._cond.wait(left)

    def wait_events(self, count: int, timeout: float = WAIT) -> list[InputEvent]:
        self.wait_for(lambda: len([i for i in self.items if isinstance(i, InputEvent)]) >= count,
                      timeout)
        return self.events

    def wait_status(self, kind: StatusKind, key: str | None = None, after: int = 0,
                    timeout: float = WAIT) -> AdapterStatus:
        """The first status of ``kind`` (and ``key``) among the statuses after index ``after``."""
        def found() -> AdapterStatus | None:
            for status in [i for i in self.items if isinstance(i, AdapterStatus)][after:]:
                if status.kind is kind and (key is None or status.message_key == key):
                    return status
            return None

        self.wait_for(lambda: found() is not None, timeout)
        result = found()
        assert result is not None
        return result


class PtySwitchBox:
    """A switch box on a pseudo-terminal, reached through a stable symlink (like
    ``/dev/serial/by-id/...``). ``unplug`` closes the master side and removes the link;
    ``plug`` makes a new pty behind the same link."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = str(directory / "ttySWITCH")
        self.master: int | None = None
        self.plug()

    def plug(self) -> None:
        assert self.master is None
        master, slave = os.openpty()
        os.symlink(os.ttyname(slave), self.path)
        os.close(slave)  # the adapter opens the slave by its path
        self.master = master

    def unplug(self) -> None:
        assert self.master is not None
        os.unlink(self.path)
        os.close(self.master)
        self.master = None

    def write(self, data: bytes) -> None:
        assert self.master is not None
        view = memoryview(data)
        while view:
            written = os.write(self.master, view)
            view = view[written:]

    def read_available(self, timeout: float = 0.5) -> bytes:
        """What the adapter wrote to the box (e.g. its ``?`` query)."""
        import select

        assert self.master is not None
        ready, _, _ = select.select([self.master], [], [], timeout)
        return os.read(self.master, 4096) if ready else b""

    def close(self) -> None:
        if self.master is not None:
            self.unplug()


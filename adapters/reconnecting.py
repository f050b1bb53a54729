"""The lifecycle shared by adapters that read a device on their own thread.

Connect, read until the device goes away, report it, wait (longer each time, up to a
ceiling), try again — until ``stop``. A device that disappears while a switch is held gets
its releases sent, so nothing downstream believes a switch is stuck down. Subclasses only
open, read and close; every failure they raise is a ``DeviceUnavailable`` carrying the
status a teacher should see.
"""
from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

from adapters.events import AdapterStatus, EventSink, InputEvent, StatusKind, StatusSink
from adapters.presses import PressTracker

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Conn = TypeVar("Conn")

UDEV_RULE = "hardware/udev/99-citizencode.rules"


@dataclass(frozen=True)
class Backoff:
    """Delays between reconnection attempts: soon at first, then up to ``maximum`` seconds,
    so an unplugged device costs almost nothing while it is away."""

    initial: float = 0.25
    maximum: float = 5.0
    factor: float = 2.0
    stable_after: float = 1.0  # a connection that lasted this long starts the delays afresh

    def delays(self) -> Iterator[float]:
        delay = self.initial
        while True:
            yield delay
            delay = min(self.maximum, delay * self.factor)


class DeviceUnavailable(Exception):
    """The device cannot be used now; ``status`` says why and what to do."""

    def __init__(self, kind: StatusKind, message_key: str, params: dict[str, str],
                 detail: str = "") -> None:
        super().__init__(f"{message_key} {params} {detail}")
        self.kind = kind
        self.message_key = message_key
        self.params = params
        self.detail = detail


class ReconnectingAdapter(ABC, Generic[Conn]):
    """Base for device adapters: a reader thread, status reporting and reconnection."""

    STOPPED_KEY = "adapters.common.stopped"

    def __init__(self, name: str, source: str, *, backoff: Backoff = Backoff(),
                 clock: Clock = time.monotonic, join_timeout: float = 2.0) -> None:
        self.name = name
        self.backoff = backoff
        self._clock = clock
        self._join_timeout = join_timeout
        self._tracker = PressTracker(source)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_event: EventSink = lambda event: None
        self._on_status: StatusSink = lambda status: None
        self._status = AdapterStatus(name, StatusKind.STOPPED, self.STOPPED_KEY)

    # -- Adapter protocol -------------------------------------------------------------------

    @property
    def status(self) -> AdapterStatus:
        return self._status

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        if self._thread is not None:
            raise RuntimeError(f"adapter {self.name} already started")
        self._on_event, self._on_status = on_event, on_status
        self._stop.clear()
        key, params = self._starting()
        self._report(StatusKind.STARTING, key, params)
        self._thread = threading.Thread(target=self._run, name=f"adapter {self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self._interrupt()
        thread.join(self._join_timeout)
        if thread.is_alive():
            log.warning("adapter %s: reader thread did not end within %.1fs", self.name,
                        self._join_timeout)
        key, params = self._stopped()
        self._report(StatusKind.STOPPED, key, params)

    # -- for subclasses ---------------------------------------------------------------------

    @abstractmethod
    def _connect(self) -> Conn:
        """Open the device, or raise ``DeviceUnavailable``. Reports nothing itself."""

    @abstractmethod
    def _pump(self, conn: Conn) -> None:
        """Read until ``self._stop`` is set (return) or the device is gone (raise
        ``DeviceUnavailable``), calling ``_press``/``_release``."""

    @abstractmethod
    def _disconnect(self, conn: Conn) -> None:
        """Close the device; must not raise."""

    @abstractmethod
    def _starting(self) -> tuple[str, dict[str, str]]:
        """Message key and params while looking for the device."""

    def _stopped(self) -> tuple[str, dict[str, str]]:
        return self.STOPPED_KEY, {}

    def _interrupt(self) -> None:
        """Wake a blocked read so ``stop`` returns quickly (optional)."""

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _report(self, kind: StatusKind, key: str, params: dict[str, str] | None = None,
                detail: str = "") -> None:
        """Send a status if it differs from the current one (retries do not repeat it).

        A LOST status is not replaced by another LOST one: "it was unplugged, plug it in"
        stays on screen while we keep looking, instead of flickering to "not found"."""
        params = dict(params or {})
        current = self._status
        if (current.kind, current.message_key, current.params) == (kind, key, params):
            return
        if kind is StatusKind.LOST and current.kind is StatusKind.LOST:
            return
        self._status = AdapterStatus(self.name, kind, key, params, detail)
        self._on_status(self._status)

    def _press(self, control: str, t: float) -> None:
        self._send(self._tracker.down(control, t))

    def _release(self, control: str, t: float) -> None:
        self._send(self._tracker.up(control, t))

    def _release_all(self) -> None:
        for event in self._tracker.release_all(self._clock()):
            self._send(event)

    def _set_source(self, source: str) -> None:
        """Change the source id (a device named itself); held controls are released first."""
        if source != self._tracker.source:
            self._release_all()
            self._tracker.source = source

    @property
    def source(self) -> str:
        return self._tracker.source

    def _send(self, event: InputEvent | None) -> None:
        if event is not None:
            self._on_event(event)

    # -- the reader thread ------------------------------------------------------------------

    def _run(self) -> None:
        delays = self.backoff.delays()
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except DeviceUnavailable as gone:
                self._report(gone.kind, gone.message_key, gone.params, gone.detail)
            except Exception as exc:
                log.exception("adapter %s: unexpected error while connecting", self.name)
                self._report(StatusKind.ERROR, "adapters.common.failed", {}, repr(exc))
            else:
                began = time.monotonic()
                self._session(conn)
                if time.monotonic() - began >= self.backoff.stable_after:
                    delays = self.backoff.delays()  # it worked for a while: start short again
            if self._stop.wait(next(delays)):
                break

    def _session(self, conn: Conn) -> None:
        try:
            self._pump(conn)
        except DeviceUnavailable as gone:
            if not self._stop.is_set():
                self._report(gone.kind, gone.message_key, gone.params, gone.detail)
        except Exception as exc:
            log.exception("adapter %s: unexpected error while reading", self.name)
            self._report(StatusKind.ERROR, "adapters.common.failed", {}, repr(exc))
        finally:
            self._disconnect(conn)
            self._release_all()

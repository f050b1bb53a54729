"""Switch boxes on a serial port (micro:bit, Arduino, any DIY controller) via pyserial.

The box speaks the line protocol in ``serial_protocol``. Events have source
``serial(<family>)``: the family comes from the ``HELLO`` line when the box sends one (the
box knows what it is), else from the hint — the hardware profile that matched the port
(``finder``) or the ``family`` argument — else ``unknown``.
The port is either fixed or found again on every attempt by ``finder`` (a box that comes
back after an unplug often gets another ``/dev/ttyACM*`` name).
"""
from __future__ import annotations

import errno
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Protocol

from adapters.events import StatusKind
from adapters.reconnecting import (
    UDEV_RULE, Backoff, Clock, DeviceUnavailable, ReconnectingAdapter,
)
from adapters.serial_protocol import HELLO_QUERY, MAX_LINE, ControlLine, HelloLine, LineReader

log = logging.getLogger(__name__)

DEFAULT_BAUDRATE = 115200
UNKNOWN_FAMILY = "unknown"
_NOT_THERE = {errno.ENOENT, errno.ENODEV, errno.ENXIO}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM}
_BUSY = {errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK}


class SerialLike(Protocol):
    """The part of ``serial.Serial`` the adapter uses (a seam for tests)."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class FoundPort:
    """A port chosen by a finder: where, what family of box, and a name to show."""

    port: str
    family: str | None = None
    label: str = ""


PortFinder = Callable[[], FoundPort | None]
PortOpener = Callable[[str, int, float], SerialLike]


def open_serial(port: str, baudrate: int, timeout: float) -> SerialLike:
    """Open a real port; exclusive, so two programs never split one box's lines."""
    import serial  # pyserial; imported here so the module loads without it

    return serial.serial_for_url(port, baudrate=baudrate, timeout=timeout, exclusive=True)


class SerialAdapter(ReconnectingAdapter[SerialLike]):
    """Reads one serial switch box; reconnects after an unplug."""

    def __init__(self, port: str | None = None, *, baudrate: int = DEFAULT_BAUDRATE,
                 family: str | None = None, label: str | None = None,
                 finder: PortFinder | None = None, name: str | None = None,
                 max_line: int = MAX_LINE, read_timeout: float = 0.2, ask_hello: bool = True,
                 backoff: Backoff = Backoff(), clock: Clock = time.monotonic,
                 opener: PortOpener = open_serial) -> None:
        if port is None and finder is None:
            raise ValueError("SerialAdapter needs a port or a finder")
        self._family_hint = family
        super().__init__(name or f"serial({port or 'auto'})",
                         f"serial({family or UNKNOWN_FAMILY})", backoff=backoff, clock=clock)
        self.port = port
        self.baudrate = baudrate
        self.label = label
        self._finder = finder
        self._max_line = max_line
        self._read_timeout = read_timeout
        self._ask_hello = ask_hello
        self._opener = opener
        self._lock = threading.Lock()
        self._open: SerialLike | None = None
        self.device_path: str | None = None  # the port in use now
        self._device_name = ""
        # the last greeting and its port: a box that comes back on the same port is the same box
        self._hello: tuple[str, HelloLine] | None = None

    # -- lifecycle hooks --------------------------------------------------------------------

    def _starting(self) -> tuple[str, dict[str, str]]:
        if self.port is None:
            return "adapters.serial.searching", {}
        return "adapters.serial.starting", {"port": self.port}

    def _stopped(self) -> tuple[str, dict[str, str]]:
        return "adapters.serial.stopped", {}

    def _connect(self) -> SerialLike:
        port, family, label = self._choose_port()
        try:
            conn = self._opener(port, self.baudrate, self._read_timeout)
        except OSError as exc:  # serial.SerialException is an OSError (IOError)
            raise self._open_failure(port, exc) from exc
        if self._ask_hello:
            try:
                conn.write(HELLO_QUERY)  # boxes that did not reset on open say who they are
            except OSError as exc:
                conn.close()
                raise self._open_failure(port, exc) from exc
        with self._lock:
            self._open = conn
        self.device_path = port
        if self._hello is not None and self._hello[0] == port:
            family, label = self._hello[1].family, self._hello[1].name
        self._set_source(f"serial({family or UNKNOWN_FAMILY})")
        self._device_name = label or family or port
        if label or family:
            self._report(StatusKind.CONNECTED, "adapters.serial.connected",
                         {"device": self._device_name, "port": port})
        else:  # not a known board, and no HELLO yet: the port is all there is to name
            self._report(StatusKind.CONNECTED, "adapters.serial.connected_port",
                         {"port": port})
        return conn

    def _choose_port(self) -> tuple[str, str | None, str]:
        if self.port is not None:
            return self.port, self._family_hint, self.label or ""
        assert self._finder is not None
        found = self._finder()
        if found is None:
            raise DeviceUnavailable(StatusKind.LOST, "adapters.serial.searching", {},
                                    "no serial port matches a known switch box")
        return found.port, found.family or self._family_hint, self.label or found.label

    def _open_failure(self, port: str, exc: OSError) -> DeviceUnavailable:
        code = exc.errno
        detail = f"{type(exc).__name__}: {exc}"
        if code in _NOT_THERE or isinstance(exc, FileNotFoundError):
            return DeviceUnavailable(StatusKind.LOST, "adapters.serial.waiting",
                                     {"port": port}, detail)
        if code in _NOT_ALLOWED or isinstance(exc, PermissionError):
            return DeviceUnavailable(StatusKind.ERROR, "adapters.serial.permission",
                                     {"port": port, "rule": UDEV_RULE}, detail)
        if code in _BUSY:
            return DeviceUnavailable(StatusKind.ERROR, "adapters.serial.busy", {"port": port},
                                     detail)
        return DeviceUnavailable(StatusKind.ERROR, "adapters.serial.failed", {"port": port},
                                 detail)

    def _pump(self, conn: SerialLike) -> None:
        reader = LineReader(self._max_line)
        while not self.stopping:
            try:
                data = conn.read(1)
                if not data:
                    continue
                t = self._clock()  # when the first byte came, before reading the rest
                waiting = conn.in_waiting
                if waiting:
                    data += conn.read(waiting)
            except OSError as exc:
                raise DeviceUnavailable(StatusKind.LOST, "adapters.serial.lost",
                                        {"device": self._device_name, "port": self.device_path or ""},
                                        f"{type(exc).__name__}: {exc}") from exc
            for line in reader.feed(data):
                self._handle(line, t)
        if reader.dropped:
            log.info("serial %s: dropped %d malformed lines", self.device_path, reader.dropped)

    def _handle(self, line: ControlLine | HelloLine, t: float) -> None:
        if isinstance(line, ControlLine):
            if line.pressed:
                self._press(line.control, t)
            else:
                self._release(line.control, t)
            return
        self._hello = (self.device_path or "", line)
        self._set_source(f"serial({line.family})")
        if line.name != self._device_name:
            self._device_name = line.name
            self._report(StatusKind.CONNECTED, "adapters.serial.connected",
                         {"device": line.name, "port": self.device_path or ""})

    def _disconnect(self, conn: SerialLike) -> None:
        with self._lock:
            self._open = None
        self.device_path = None
        try:
            conn.close()
        except Exception:
            log.debug("serial: close failed", exc_info=True)

    def _interrupt(self) -> None:
        with self._lock:
            conn = self._open
        cancel = getattr(conn, "cancel_read", None)
        if cancel is not None:
            try:
                cancel()
            except Exception:
                log.debug("serial: cancel_read failed", exc_info=True)

"""USB switch interfaces, foot switches and joystick-mode boxes read through Linux evdev.

Only ``EV_KEY`` matters: value 1 is a press, 0 a release, 2 the kernel's auto-repeat (not a
press). Optionally the device is grabbed so its keys do not also type into the desktop.
Events have source ``evdev(<profile id>)``; controls come from the profile's key map, or the
key's own name (``KEY_SPACE`` -> ``space``, ``BTN_0`` -> ``btn_0``).
The device is either fixed (a selector) or found again on every attempt by ``finder``
(whichever known switch interface is plugged in, with its profile's key map and grab).
"""
from __future__ import annotations

import errno
import logging
import time
from typing import Mapping

import evdev
from evdev import ecodes

from adapters.evdev_codes import code_for_name, control_for_code
from adapters.evdev_device import (
    DeviceOpener, DeviceSelector, EvdevDevice, InputFinder, open_input_device,
)
from adapters.events import StatusKind
from adapters.reconnecting import (
    UDEV_RULE, Backoff, Clock, DeviceUnavailable, ReconnectingAdapter,
)

log = logging.getLogger(__name__)

KEY_DOWN, KEY_UP, KEY_REPEAT = 1, 0, 2
# A kernel timestamp further than this from "now" is not trusted as the press time.
PLAUSIBLE_PAST, PLAUSIBLE_FUTURE = 30.0, 0.5
_GONE = {errno.ENODEV, errno.EIO, errno.ENXIO, errno.ENOENT, errno.EBADF}


class EvdevAdapter(ReconnectingAdapter[EvdevDevice]):
    """Reads one input device; reconnects when it is plugged in again."""

    def __init__(self, selector: DeviceSelector | str | None = None, *,
                 profile_id: str = "generic", keys: Mapping[str, str] | None = None,
                 only_mapped: bool = False, grab: bool = False, finder: InputFinder | None = None,
                 name: str | None = None, label: str | None = None,
                 read_timeout: float = 0.2, backoff: Backoff = Backoff(),
                 clock: Clock = time.monotonic, opener: DeviceOpener = open_input_device,
                 wall: Clock = time.time) -> None:
        """``keys`` maps kernel names to controls (``{"KEY_SPACE": "space"}``); with
        ``only_mapped`` other keys are ignored, otherwise they keep their own names. With
        ``finder`` (and no selector) the device and these three come from what it finds."""
        if selector is None and finder is None:
            raise ValueError("EvdevAdapter needs a selector or a finder")
        self.selector = DeviceSelector.parse(selector) if isinstance(selector, str) else selector
        described = self.selector.describe() if self.selector else "auto"
        super().__init__(name or f"evdev({described})", f"evdev({profile_id})",
                         backoff=backoff, clock=clock)
        self._finder = finder
        self._use(profile_id, keys or {}, only_mapped, grab)
        self._label = label or described
        self._read_timeout = read_timeout
        self._opener = opener
        self._wall = wall  # CLOCK_REALTIME, for kernels that refuse monotonic stamps
        self._wall_offset = 0.0  # our clock minus the wall clock, at the last read
        self.device_path: str | None = None
        self._syncing = False  # after SYN_DROPPED, until the next SYN_REPORT

    def _use(self, profile_id: str, keys: Mapping[str, str], only_mapped: bool,
             grab: bool) -> None:
        self.profile_id = profile_id
        self._keys = {code_for_name(code): control.lower() for code, control in keys.items()}
        self._only_mapped = only_mapped
        self._grab = grab
        self._set_source(f"evdev({profile_id})")

    # -- lifecycle hooks --------------------------------------------------------------------

    def _starting(self) -> tuple[str, dict[str, str]]:
        if self._finder is not None:
            return "adapters.evdev.searching", {}
        return "adapters.evdev.starting", {"device": self._label}

    def _stopped(self) -> tuple[str, dict[str, str]]:
        if self._finder is not None:
            return "adapters.evdev.stopped_any", {}
        return "adapters.evdev.stopped", {"device": self._label}

    def _choose(self) -> DeviceSelector:
        """The fixed device, or the one the finder sees now (taking its profile)."""
        if self._finder is None:
            assert self.selector is not None
            return self.selector
        found = self._finder()
        if found is None:
            raise DeviceUnavailable(StatusKind.LOST, "adapters.evdev.searching", {},
                                    "no known switch interface is plugged in")
        self._use(found.profile_id, found.keys, found.only_mapped, found.grab)
        self._label = found.label
        return DeviceSelector(path=found.path)

    def _connect(self) -> EvdevDevice:
        selector = self._choose()
        try:
            device = self._opener(selector)
        except PermissionError as exc:
            path = exc.filename or selector.path or selector.describe()
            raise DeviceUnavailable(StatusKind.ERROR, "adapters.evdev.permission",
                                    {"path": str(path), "rule": UDEV_RULE}, repr(exc)) from exc
        except (FileNotFoundError, LookupError) as exc:
            raise DeviceUnavailable(StatusKind.LOST, "adapters.evdev.waiting",
                                    {"device": self._label}, repr(exc)) from exc
        except OSError as exc:
            kind, key = ((StatusKind.LOST, "adapters.evdev.waiting") if exc.errno in _GONE
                         else (StatusKind.ERROR, "adapters.evdev.failed"))
            raise DeviceUnavailable(kind, key, {"device": self._label}, repr(exc)) from exc
        if self._grab:
            try:
                device.grab()
            except OSError as exc:
                device.close()
                raise DeviceUnavailable(StatusKind.ERROR, "adapters.evdev.busy",
                                        {"device": self._label}, repr(exc)) from exc
        self.device_path = device.path
        self._syncing = False
        self._report(StatusKind.CONNECTED, "adapters.evdev.connected",
                     {"device": device.name or self._label})
        return device

    def _pump(self, device: EvdevDevice) -> None:
        while not self.stopping:
            try:
                events = device.read(self._read_timeout)
            except OSError as exc:
                raise DeviceUnavailable(StatusKind.LOST, "adapters.evdev.lost",
                                        {"device": device.name or self._label}, repr(exc)) from exc
            now = self._clock()
            self._wall_offset = now - self._wall()
            for event in events:
                self._handle(device, event, now)

    def _disconnect(self, device: EvdevDevice) -> None:
        self.device_path = None
        try:
            device.close()
        except Exception:
            log.debug("evdev: close failed", exc_info=True)

    # -- events -----------------------------------------------------------------------------

    def _handle(self, device: EvdevDevice, event: evdev.InputEvent, now: float) -> None:
        if event.type == ecodes.EV_SYN:
            if event.code == ecodes.SYN_DROPPED:
                self._syncing = True  # the kernel's buffer overflowed: events were lost
            elif event.code == ecodes.SYN_REPORT and self._syncing:
                self._syncing = False
                self._resync(device, now)
            return
        if event.type != ecodes.EV_KEY or self._syncing or event.value == KEY_REPEAT:
            return
        control = self._control(event.code)
        if control is None:
            return
        t = self._time_of(device, event, now)
        if event.value == KEY_DOWN:
            self._press(control, t)
        elif event.value == KEY_UP:
            self._release(control, t)

    def _control(self, code: int) -> str | None:
        control = self._keys.get(code)
        if control is None and not self._only_mapped:
            control = control_for_code(code)
        return control

    def _time_of(self, device: EvdevDevice, event: evdev.InputEvent, now: float) -> float:
        """The kernel's time of the event on our clock when plausible, else now. A
        CLOCK_REALTIME stamp (EVIOCSCLOCKID refused) is moved onto our clock by the offset
        between the two clocks at read time."""
        stamp = event.timestamp()
        if not device.monotonic:
            stamp += self._wall_offset
        if now - PLAUSIBLE_PAST <= stamp <= now + PLAUSIBLE_FUTURE:
            return stamp
        return now

    def _resync(self, device: EvdevDevice, now: float) -> None:
        """After lost events, make our held set match the keys the kernel says are down.
        Only releases are sent: a press we did not see happen is not invented."""
        try:
            down = {self._control(code) for code in device.active_keys()}
        except OSError:
            log.debug("evdev: could not read active keys", exc_info=True)
            return
        for control in self._tracker.held:
            if control not in down:
                self._release(control, now)

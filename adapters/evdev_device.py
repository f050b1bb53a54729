"""Finding and opening a Linux input device — the only code that touches ``/dev/input``.

Devices are found through sysfs (``/sys/class/input/event*/device``), which anyone may read:
so a switch we are not allowed to open is still found by name and reported as "permission
denied", not as "not plugged in". The adapter sees devices only through ``EvdevDevice``, so
tests hand it real ``evdev.InputEvent`` values without a kernel device.
"""
from __future__ import annotations

import errno
import logging
import os
import re
import select
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Protocol

if TYPE_CHECKING:  # python-evdev exists on Linux only; discovery must load anywhere
    import evdev

log = logging.getLogger(__name__)

SYSFS_INPUT = Path("/sys/class/input")
DEV_INPUT = Path("/dev/input")
# _IOW('E', 0xa0, int): which clock the kernel stamps this file's events with.
EVIOCSCLOCKID = 0x400445A0
_USB_ID = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")


@dataclass(frozen=True)
class DeviceSelector:
    """Which device to read: by path, by USB ``vendor:product``, or by (part of) its name."""

    path: str | None = None
    usb: tuple[int, int] | None = None
    name: str | None = None

    @classmethod
    def parse(cls, text: str) -> DeviceSelector:
        """``/dev/input/event3`` -> path; ``0c45:7403`` -> USB ids; anything else -> name."""
        text = text.strip()
        if text.startswith("/"):
            return cls(path=text)
        match = _USB_ID.match(text)
        if match:
            return cls(usb=(int(match.group(1), 16), int(match.group(2), 16)))
        return cls(name=text)

    def describe(self) -> str:
        if self.path:
            return self.path
        if self.usb:
            return f"{self.usb[0]:04x}:{self.usb[1]:04x}"
        return self.name or "?"

    def matches(self, info: InputDeviceInfo) -> bool:
        if self.path:
            return os.path.realpath(self.path) == os.path.realpath(info.path)
        if self.usb:
            return (info.vendor, info.product) == self.usb
        return self.name is not None and self.name != "" and \
            self.name.casefold() in info.name.casefold()


@dataclass(frozen=True)
class InputDeviceInfo:
    """What sysfs tells about one event device, without opening it."""

    path: str
    name: str
    vendor: int
    product: int
    phys: str = ""

    @property
    def usb_id(self) -> str:
        return f"{self.vendor:04x}:{self.product:04x}"

    @property
    def readable(self) -> bool:
        return os.access(self.path, os.R_OK)


@dataclass(frozen=True)
class FoundInput:
    """An input device chosen by a finder, with how to read it (from its profile)."""

    path: str
    profile_id: str
    label: str  # what a teacher calls it: the profile's name
    keys: Mapping[str, str] = field(default_factory=dict)
    only_mapped: bool = False
    grab: bool = False


InputFinder = Callable[[], FoundInput | None]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def scan_input_devices(sysfs: Path = SYSFS_INPUT, dev: Path = DEV_INPUT) -> list[InputDeviceInfo]:
    """Every ``event*`` device sysfs knows, sorted by number (no device file is opened)."""
    found = []
    for entry in sysfs.glob("event*"):
        if not entry.name[5:].isdigit():
            continue
        device = entry / "device"
        try:
            vendor = int(_read(device / "id" / "vendor") or "0", 16)
            product = int(_read(device / "id" / "product") or "0", 16)
        except ValueError:
            vendor = product = 0
        found.append(InputDeviceInfo(str(dev / entry.name), _read(device / "name"), vendor,
                                     product, _read(device / "phys")))
    return sorted(found, key=lambda info: int(Path(info.path).name[5:]))


def resolve(selector: DeviceSelector, devices: Iterable[InputDeviceInfo]) -> str:
    """The path of the first device matching ``selector``; ``FileNotFoundError`` if none."""
    for info in devices:
        if selector.matches(info):
            return info.path
    if selector.path and os.path.exists(selector.path):
        return selector.path  # a path sysfs does not list (a by-id link, a test device)
    raise FileNotFoundError(errno.ENOENT, "no input device matches", selector.describe())


class EvdevDevice(Protocol):
    """An open input device, as the adapter uses it."""

    path: str
    name: str
    monotonic: bool  # event timestamps are on CLOCK_MONOTONIC (time.monotonic)

    def grab(self) -> None: ...

    def read(self, timeout: float) -> list[evdev.InputEvent]:
        """Events available within ``timeout`` seconds ([] if none); ``OSError`` when gone."""

    def active_keys(self) -> list[int]: ...

    def close(self) -> None: ...


DeviceOpener = Callable[[DeviceSelector], EvdevDevice]


class LinuxEvdevDevice:
    """A real ``/dev/input/event*`` device through python-evdev. Kept as thin as possible."""

    def __init__(self, path: str) -> None:
        import evdev

        self._device = evdev.InputDevice(path)  # PermissionError / FileNotFoundError pass up
        self.path = path
        self.name = self._device.name
        self.monotonic = _use_monotonic_clock(self._device.fd)

    def grab(self) -> None:
        self._device.grab()

    def read(self, timeout: float) -> list[evdev.InputEvent]:
        ready, _, _ = select.select([self._device.fd], [], [], timeout)
        if not ready:
            return []
        try:
            return list(self._device.read())
        except BlockingIOError:
            return []

    def active_keys(self) -> list[int]:
        return list(self._device.active_keys())

    def close(self) -> None:
        self._device.close()  # closing also releases a grab


def _use_monotonic_clock(fd: int) -> bool:
    """Ask the kernel to stamp events with CLOCK_MONOTONIC, the app's clock."""
    import fcntl

    try:
        fcntl.ioctl(fd, EVIOCSCLOCKID, struct.pack("i", time.CLOCK_MONOTONIC))
        return True
    except OSError:
        log.info("evdev: EVIOCSCLOCKID refused; using read time for timestamps")
        return False


def open_input_device(selector: DeviceSelector) -> EvdevDevice:
    """Find ``selector`` among the devices present now and open it."""
    return LinuxEvdevDevice(resolve(selector, scan_input_devices()))

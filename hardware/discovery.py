"""Which switch devices are plugged in, and which profile each one matches.

Serial ports come from ``serial.tools.list_ports.comports()`` (USB vendor and product ids),
input devices from sysfs (name and ids, readable without permission on ``/dev/input``).
Specific matches win over generic ones, as in NVDA's braille display detection: a board's
own USB id beats its name, which beats a USB-serial chip shared by many devices.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal, TypeVar

from adapters.evdev_device import (
    DEV_INPUT, SYSFS_INPUT, FoundInput, InputDeviceInfo, scan_input_devices,
)
from adapters.serial_adapter import FoundPort
from hardware.device_profiles import HardwareProfile, UsbId, load_profiles

USB, NAME, USB_GENERIC = 3, 2, 1
STRENGTH_NAMES = {USB: "usb", NAME: "name", USB_GENERIC: "usb_generic"}

Comports = Callable[[], Iterable[object]]
T = TypeVar("T")


@dataclass(frozen=True)
class SerialPortInfo:
    """The parts of pyserial's ``ListPortInfo`` discovery needs."""

    device: str
    vid: int | None = None
    pid: int | None = None
    description: str = ""
    product: str = ""
    manufacturer: str = ""
    serial_number: str = ""

    @property
    def usb_id(self) -> UsbId | None:
        return UsbId(self.vid, self.pid) if self.vid is not None and self.pid is not None else None


@dataclass(frozen=True)
class Match:
    profile: HardwareProfile
    strength: int

    @property
    def how(self) -> str:
        return STRENGTH_NAMES[self.strength]


@dataclass(frozen=True)
class Found:
    """One device present now, with the profile it matched (if any), for ``hardware list``."""

    kind: Literal["serial", "evdev"]
    device: str
    name: str
    usb: str | None
    profile: str | None
    source: str | None
    matched_by: str | None
    readable: bool

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _comports() -> Iterable[object]:
    from serial.tools import list_ports

    return list_ports.comports()


def list_serial_ports(comports: Comports = _comports) -> list[SerialPortInfo]:
    ports = []
    for info in comports():
        ports.append(SerialPortInfo(
            device=str(getattr(info, "device")), vid=getattr(info, "vid", None),
            pid=getattr(info, "pid", None), description=str(getattr(info, "description", "") or ""),
            product=str(getattr(info, "product", "") or ""),
            manufacturer=str(getattr(info, "manufacturer", "") or ""),
            serial_number=str(getattr(info, "serial_number", "") or "")))
    return sorted(ports, key=lambda port: port.device)


def _best(candidates: list[Match]) -> Match | None:
    if not candidates:
        return None
    return sorted(candidates, key=lambda m: (-m.strength, m.profile.id))[0]


def _strength(profile: HardwareProfile, usb: UsbId | None, names: Iterable[str]) -> int:
    if usb is not None and usb in profile.usb:
        return USB
    folded = [name.casefold() for name in names if name]
    if any(part in name for part in profile.names for name in folded):
        return NAME
    if usb is not None and usb in profile.usb_generic:
        return USB_GENERIC
    return 0


def match_serial(port: SerialPortInfo, profiles: Iterable[HardwareProfile]) -> Match | None:
    return _best([Match(p, s) for p in profiles if p.kind == "serial"
                  for s in [_strength(p, port.usb_id, [port.product, port.description])] if s])


def match_input(info: InputDeviceInfo, profiles: Iterable[HardwareProfile]) -> Match | None:
    usb = UsbId(info.vendor, info.product) if info.vendor or info.product else None
    return _best([Match(p, s) for p in profiles if p.kind == "evdev"
                  for s in [_strength(p, usb, [info.name])] if s])


def discover(profiles: list[HardwareProfile] | None = None, *, comports: Comports = _comports,
             sysfs: Path = SYSFS_INPUT, dev: Path = DEV_INPUT) -> list[Found]:
    """Every serial port and input device present, matched against the profiles."""
    profiles = load_profiles() if profiles is None else profiles
    found: list[Found] = []
    for port in list_serial_ports(comports):
        match = match_serial(port, profiles)
        found.append(Found(
            "serial", port.device, port.product or port.description,
            str(port.usb_id) if port.usb_id else None,
            match.profile.id if match else None, match.profile.source if match else None,
            match.how if match else None, _accessible(port.device)))
    for info in scan_input_devices(sysfs, dev):
        match = match_input(info, profiles)
        found.append(Found(
            "evdev", info.path, info.name,
            info.usb_id if info.vendor or info.product else None,
            match.profile.id if match else None, match.profile.source if match else None,
            match.how if match else None, info.readable))
    return found


def _accessible(path: str) -> bool:
    import os

    return os.access(path, os.R_OK | os.W_OK)


def _best_present(present: list[tuple[Match | None, str, T]]) -> tuple[Match, T] | None:
    """Of (match, device path, device) for the devices present now, the strongest match;
    the first path among equals, so the same device wins every time."""
    matched = [(match, path, device) for match, path, device in present if match]
    if not matched:
        return None
    match, _, device = sorted(matched, key=lambda m: (-m[0].strength, m[1]))[0]
    return match, device


def serial_finder(profiles: list[HardwareProfile] | None = None,
                  comports: Comports = _comports) -> Callable[[], FoundPort | None]:
    """A finder for ``SerialAdapter``: the best-matching switch box port present now."""
    profiles = load_profiles() if profiles is None else profiles

    def find() -> FoundPort | None:
        best = _best_present([(match_serial(port, profiles), port.device, port)
                              for port in list_serial_ports(comports)])
        if best is None:
            return None
        match, port = best
        return FoundPort(port.device, match.profile.family, match.profile.name)

    return find


def input_finder(profiles: list[HardwareProfile], sysfs: Path = SYSFS_INPUT,
                 dev: Path = DEV_INPUT) -> Callable[[], FoundInput | None]:
    """A finder for ``EvdevAdapter``: the best-matching known switch device present now."""

    def find() -> FoundInput | None:
        best = _best_present([(match_input(info, profiles), info.path, info)
                              for info in scan_input_devices(sysfs, dev)])
        if best is None:
            return None
        profile = best[0].profile
        return FoundInput(best[1].path, profile.id, profile.name, profile.keys,
                          profile.only_mapped, profile.grab)

    return find


def serial_hint(port: str, profiles: list[HardwareProfile] | None = None,
                comports: Comports = _comports) -> FoundPort | None:
    """Family and name for a port chosen by hand, if a profile matches the device on it."""
    import os

    profiles = load_profiles() if profiles is None else profiles
    wanted = os.path.realpath(port)
    for info in list_serial_ports(comports):
        if os.path.realpath(info.device) == wanted:
            match = match_serial(info, profiles)
            if match:
                return FoundPort(port, match.profile.family, match.profile.name)
    return None

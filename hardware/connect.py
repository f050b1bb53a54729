"""Build adapters configured from the device profiles (the app and the switch tester use this).

``serial_adapter("auto")`` follows whichever known switch box is plugged in;
``evdev_adapter("/dev/input/event5")`` reads that device with the profile it matches (its
key map, whether to grab it), or with the ``generic`` profile; ``evdev_adapter("auto")``
follows whichever known USB switch interface or foot switch is plugged in (profiles that
match by USB id or name: a joystick-mode box calls itself a generic joystick, so it is
chosen by hand).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.evdev_device import DEV_INPUT, SYSFS_INPUT, DeviceSelector, scan_input_devices
from adapters.serial_adapter import SerialAdapter
from hardware.device_profiles import HardwareProfile, load_profiles
from hardware.discovery import (
    Comports, _comports, input_finder, match_input, serial_finder, serial_hint,
)

if TYPE_CHECKING:  # python-evdev exists on Linux only: imported when an evdev adapter is made
    from adapters.evdev_adapter import EvdevAdapter

AUTO = "auto"
GENERIC = "generic"  # any input device chosen by hand, keys under their own names
JOYSTICK = "switch_interface_joystick"  # a switch interface in joystick mode, chosen by hand


def serial_adapter(port: str = AUTO, *, baudrate: int | None = None,
                   profiles: list[HardwareProfile] | None = None, comports: Comports = _comports,
                   **kwargs: Any) -> SerialAdapter:
    """A serial adapter for ``port``, or for any known switch box when ``port`` is ``auto``."""
    profiles = load_profiles() if profiles is None else profiles
    if port == AUTO:
        return SerialAdapter(finder=serial_finder(profiles, comports),
                             baudrate=baudrate or 115200, **kwargs)
    hint = serial_hint(port, profiles, comports)
    family = hint.family if hint else None
    profile = next((p for p in profiles if p.kind == "serial" and p.family == family), None)
    return SerialAdapter(port, family=family, label=hint.label if hint else None,
                         baudrate=baudrate or (profile.baudrate if profile else 115200), **kwargs)


def profile_for_input(selector: DeviceSelector, profiles: list[HardwareProfile],
                      sysfs: Path = SYSFS_INPUT, dev: Path = DEV_INPUT) -> HardwareProfile | None:
    """The profile matching the device ``selector`` designates, if it is present."""
    for info in scan_input_devices(sysfs, dev):
        if selector.matches(info):
            match = match_input(info, profiles)
            return match.profile if match else None
    return None


def evdev_adapter(selector: str | DeviceSelector, *, profile_id: str | None = None,
                  grab: bool | None = None, profiles: list[HardwareProfile] | None = None,
                  fallback: str = GENERIC, sysfs: Path = SYSFS_INPUT, dev: Path = DEV_INPUT,
                  **kwargs: Any) -> EvdevAdapter:
    """An evdev adapter for ``selector`` (path, ``vendor:product`` or name) with its profile:
    ``profile_id``, else the one the device matches, else ``fallback``."""
    from adapters.evdev_adapter import EvdevAdapter

    profiles = load_profiles() if profiles is None else profiles
    if selector == AUTO:
        return EvdevAdapter(finder=input_finder(profiles, sysfs, dev), **kwargs)
    chosen = DeviceSelector.parse(selector) if isinstance(selector, str) else selector
    by_id = {p.id: p for p in profiles if p.kind == "evdev"}
    if profile_id is not None:
        if profile_id not in by_id:
            raise ValueError(f"no evdev profile {profile_id!r}; known: {sorted(by_id)}")
        profile: HardwareProfile | None = by_id[profile_id]
    else:
        profile = profile_for_input(chosen, profiles, sysfs, dev) or by_id.get(fallback)
    if profile is None:
        return EvdevAdapter(chosen, profile_id=GENERIC, grab=bool(grab), **kwargs)
    return EvdevAdapter(chosen, profile_id=profile.id, keys=profile.keys,
                        only_mapped=profile.only_mapped,
                        grab=profile.grab if grab is None else grab, **kwargs)

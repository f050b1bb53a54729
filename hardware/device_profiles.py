"""Profiles of known switch interfaces and controllers (``hardware/profiles/*.yml``).

A profile says how to recognise a device (USB ids, name), what it sends (its controls, and
for evdev devices which key codes they are), and what each control is for (``roles``:
``switch1``, ``switch2`` or a direct command such as ``run``), so the game can suggest
bindings. It also gives the source id its events carry: ``serial(<family>)`` or
``evdev(<id>)``. Profiles are data: add a file to support a new device.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from levels.safe_yaml import SafeLoadError, load_file

log = logging.getLogger(__name__)
PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
SCHEMA_VERSION = 1
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CONTROL = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CODE = re.compile(r"^(KEY|BTN)_[A-Z0-9_]+$")
_USB = re.compile(r"^([0-9a-f]{4}):([0-9a-f]{4})$")

Kind = Literal["serial", "evdev"]


class ProfileFileError(ValueError):
    """A profile file that cannot be used; the message names the file and the problem."""

    path: Path | None = None  # the file, once ``load_profiles`` knows it


@dataclass(frozen=True, order=True)
class UsbId:
    vendor: int
    product: int

    @classmethod
    def parse(cls, text: str) -> UsbId:
        match = _USB.match(str(text).strip().lower())
        if match is None:
            raise ValueError(f"{text!r} is not a USB id like 0d28:0204")
        return cls(int(match.group(1), 16), int(match.group(2), 16))

    def __str__(self) -> str:
        return f"{self.vendor:04x}:{self.product:04x}"


@dataclass(frozen=True)
class HardwareProfile:
    """One kind of device. See the module docstring and the YAML files for the fields."""

    id: str
    name: str
    kind: Kind
    family: str = ""
    baudrate: int = 115200
    usb: tuple[UsbId, ...] = ()
    usb_generic: tuple[UsbId, ...] = ()
    names: tuple[str, ...] = ()  # case-insensitive parts of the device name
    keys: dict[str, str] = field(default_factory=dict)  # evdev code name -> control
    controls: tuple[str, ...] = ()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    grab: bool = False
    only_mapped: bool = False

    @property
    def source(self) -> str:
        return f"serial({self.family})" if self.kind == "serial" else f"evdev({self.id})"

    @property
    def automatic(self) -> bool:
        """Whether discovery may pick this profile by itself (it has something to match)."""
        return bool(self.usb or self.usb_generic or self.names)

    def control_ids(self) -> list[str]:
        """Every control as a binding id, e.g. ``serial(microbit):a``."""
        return [f"{self.source}:{control}" for control in self.controls]

    def controls_for(self, role: str) -> tuple[str, ...]:
        return self.roles.get(role, ())


def role_table(profiles: list[HardwareProfile]) -> dict[str, str]:
    """Control id -> role (``switch1``, ``switch2``, ...) of every profile's controls, so an
    access profile can say what switch 1 of any box does (``AccessProfile.resolved``)."""
    return {f"{profile.source}:{control}": role for profile in profiles
            for role, controls in profile.roles.items() for control in controls}


def profile_ids(profiles: list[HardwareProfile]) -> dict[str, str]:
    """Event source (``evdev(foot_switch)``, ``serial(microbit)``) -> the profile's id, so a
    switch can be named by the device it comes from."""
    return {profile.source: profile.id for profile in profiles}


def _list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list")
    return [str(item) for item in value]


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):  # "false" in quotes is text, and text is true in Python
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value


def _baudrate(data: dict[str, Any]) -> int:
    value = data.get("baudrate", 115200)
    if type(value) is not int or not 300 <= value <= 4_000_000:
        raise ValueError(f"baudrate must be a whole number from 300 to 4000000, not {value!r}")
    return value


def profile_from_data(data: Any) -> HardwareProfile:
    """Build and check a profile from parsed YAML; ``ValueError`` says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a profile is a mapping of fields")
    if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise ValueError(f"schema_version {data.get('schema_version')} is not {SCHEMA_VERSION}")
    known = {"schema_version", "id", "name", "kind", "family", "baudrate", "match", "keys",
             "controls", "roles", "grab", "only_mapped"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    pid = str(data.get("id", ""))
    if not _ID.match(pid):
        raise ValueError(f"id {pid!r} must be lower-case letters, digits and _")
    kind = data.get("kind")
    if kind not in ("serial", "evdev"):
        raise ValueError(f"kind must be serial or evdev, not {kind!r}")
    family = str(data.get("family", pid if kind == "serial" else ""))
    if kind == "serial" and not re.fullmatch(r"[a-z][a-z0-9]*", family):
        raise ValueError(f"family {family!r} must be lower-case letters and digits")
    match = data.get("match") or {}
    if not isinstance(match, dict) or set(match) - {"usb", "usb_generic", "name"}:
        raise ValueError("match has only usb, usb_generic and name")
    keys_data = data.get("keys") or {}
    if not isinstance(keys_data, dict):
        raise ValueError("keys must map key codes to controls")
    keys = {str(code): str(control) for code, control in keys_data.items()}
    for code, control in keys.items():
        if not _CODE.match(code):
            raise ValueError(f"{code!r} is not a key code name like KEY_SPACE or BTN_0")
        if not _CONTROL.match(control):
            raise ValueError(f"control {control!r} must be lower-case letters, digits and _")
    controls = _list(data.get("controls"), "controls") or list(dict.fromkeys(keys.values()))
    for control in controls:
        if not _CONTROL.match(control):
            raise ValueError(f"control {control!r} must be lower-case letters, digits and _")
    roles_data = data.get("roles") or {}
    if not isinstance(roles_data, dict):
        raise ValueError("roles must map a role to a list of controls")
    roles = {str(role): tuple(_list(items, f"role {role}")) for role, items in roles_data.items()}
    seen: dict[str, str] = {}
    for role, items in roles.items():
        for control in items:
            if controls and control not in controls:
                raise ValueError(f"role {role} names {control!r}, which is not a control")
            if control in seen:
                raise ValueError(f"{control!r} has two roles: {seen[control]} and {role}")
            seen[control] = role
    return HardwareProfile(
        id=pid, name=str(data.get("name", pid)), kind=kind, family=family,
        baudrate=_baudrate(data),
        usb=tuple(UsbId.parse(u) for u in _list(match.get("usb"), "match.usb")),
        usb_generic=tuple(UsbId.parse(u) for u in _list(match.get("usb_generic"), "match.usb_generic")),
        names=tuple(n.casefold() for n in _list(match.get("name"), "match.name")),
        keys=keys, controls=tuple(controls), roles=roles,
        grab=_flag(data, "grab"), only_mapped=_flag(data, "only_mapped"),
    )


def load_profile(path: Path) -> HardwareProfile:
    try:
        return profile_from_data(load_file(path))
    except SafeLoadError as exc:
        raise ProfileFileError(f"{path}: {exc.key.rsplit('.', 1)[-1]} {exc.params}") from exc
    except ValueError as exc:
        raise ProfileFileError(f"{path}: {exc}") from exc


def load_profiles(directory: Path = PROFILES_DIR,
                  problems: list[ProfileFileError] | None = None) -> list[HardwareProfile]:
    """Every good profile in ``directory``, by id. A bad file (or a second file with an id
    already used) is skipped and added to ``problems`` (logged when no list is given): one
    broken file must not stop the game nor hide the other devices."""
    profiles: dict[str, HardwareProfile] = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            profile = load_profile(path)
            if profile.id in profiles:
                raise ProfileFileError(f"{path}: id {profile.id!r} is used twice")
        except ProfileFileError as exc:
            if problems is None:
                log.warning("skipping device profile: %s", exc)
            else:
                exc.path = path
                problems.append(exc)  # the caller says it
            continue
        profiles[profile.id] = profile
    return [profiles[key] for key in sorted(profiles)]

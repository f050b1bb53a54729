"""Access profiles: how one learner acts — bindings, timings, scanning, look and help.

A profile is a flat dataclass described by ``SPEC`` (type, default, range or choices) with a
schema version. It is read from and written to YAML (``load_profile``/``save_profile``);
``validate`` rejects out-of-range values with a ``ProfileError`` that carries an i18n key
(namespace ``access``) and its params, so an educator's editor can say what to fix.
Eight presets live in ``accessibility/presets/*.yml``.
"""
from __future__ import annotations

import math
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

from accessibility.actions import Intent
from accessibility.block_pictures import BLOCK_LOOKS, DEFAULT_BLOCK_LOOK
from accessibility.pointer_dwell import DwellSettings
from accessibility.scanner import ScanMode, ScanSettings
from accessibility.switch_filter import FilterTiming, parse_intent
from levels.safe_yaml import SafeLoadError, load_file

SCHEMA_VERSION = 1
PRESETS_DIR = Path(__file__).resolve().parent / "presets"
PRESETS: tuple[str, ...] = (
    "touch", "touch_large", "single_switch_autoscan", "two_switch_step",
    "single_switch_dwell", "inverse_scan", "voice", "pointer_dwell",
)
SCAN_MODES = ("none", "auto", "step", "step_dwell", "inverse")
THEMES = ("default", "high_contrast", "dark")
SUGGEST_MODES = ("off", "order", "first")
"""The solver's next step (``accessibility.next_step``): not used, first in every group,
or also offered as one choice. A suggestion can give an answer away: the teacher decides."""
ACTIONS = ("next", "previous", "select", "back")
# A switch bound to TALK is the voice learner's talk switch (with ``push_to_talk``): held
# while speaking, let go to be heard. It never reaches the switch filter.
TALK = "talk"
# A USB switch interface's switches have roles (``hardware/profiles``: switch1, switch2). A
# binding ``role:switch1`` says what switch 1 of any such box does; without one, it does what
# the space bar does (switch 2: Enter), the keys most interfaces send out of the box.
ROLE_PREFIX = "role:"
ROLE_KEYS = {"switch1": "kb:space", "switch2": "kb:return"}


@dataclass(frozen=True)
class Spec:
    """One field's contract: its type, and a numeric range or a set of choices."""

    kind: type
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None


SPEC: dict[str, Spec] = {
    "name": Spec(str),
    "input": Spec(str, choices=("touch", "switch", "voice", "pointer")),
    "debounce": Spec(float, 0.0, 0.5),
    "acceptance": Spec(float, 0.0, 3.0),
    "post_acceptance": Spec(float, 0.0, 5.0),
    "accept_on": Spec(str, choices=("press", "release")),
    "long_hold": Spec(float, 0.0, 10.0),
    "long_hold_action": Spec(str),
    "scan_mode": Spec(str, choices=SCAN_MODES),
    "scan_grouping": Spec(str, choices=("group", "linear")),
    "scan_interval": Spec(float, 0.5, 5.0),
    "first_item_delay": Spec(float, 0.0, 5.0),
    "scan_grace": Spec(float, 0.0, 1.0),
    "dwell": Spec(float, 0.3, 10.0),
    "scan_loops": Spec(int, 1, 20),
    "group_exit_loops": Spec(int, 1, 20),
    "scan_restart": Spec(str, choices=("top", "same_group")),
    "highlight_colour": Spec(str),
    "highlight_thickness": Spec(int, 1, 30),
    "auditory_scanning": Spec(bool),
    "wait_for_cue": Spec(bool),
    "target_size_mm": Spec(float, 7.0, 60.0),
    "theme": Spec(str, choices=THEMES),
    "text_scale": Spec(float, 1.0, 3.0),
    "reduced_motion": Spec(bool),
    "block_look": Spec(str, choices=BLOCK_LOOKS),
    "earcons": Spec(bool),
    "earcon_volume": Spec(float, 0.0, 1.0),
    "guided_mode": Spec(bool),
    "suggest": Spec(str, choices=SUGGEST_MODES),
    "push_to_talk": Spec(bool),
    "pointer_dwell": Spec(float, 0.3, 4.0),
    "pointer_dead_zone": Spec(float, 0.0, 80.0),
    "outcome_hold": Spec(float, 1.0, 60.0),
}


class ProfileError(ValueError):
    """A profile value a person can fix; ``key``/``params`` give the message to show."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params


@dataclass(frozen=True)
class AccessProfile:
    """Everything about how one learner acts on the game. Seconds, millimetres, pixels."""

    name: str = "touch"
    input: str = "touch"
    bindings: dict[str, str] = field(default_factory=dict)
    debounce: float = 0.03
    acceptance: float = 0.1
    post_acceptance: float = 0.3
    accept_on: str = "press"
    long_hold: float = 0.0
    long_hold_action: str = ""
    scan_mode: str = "none"
    scan_grouping: str = "group"
    scan_interval: float = 1.0
    first_item_delay: float = 0.5
    scan_grace: float = 0.25  # auto-scan: a press this soon after a move chooses the stop before
    dwell: float = 1.5
    scan_loops: int = 3
    group_exit_loops: int = 3
    scan_restart: str = "top"
    highlight_colour: str = "#FFD400"
    highlight_thickness: int = 6
    auditory_scanning: bool = False
    wait_for_cue: bool = False
    target_size_mm: float = 12.0
    theme: str = "default"
    text_scale: float = 1.0
    reduced_motion: bool = False
    block_look: str = DEFAULT_BLOCK_LOOK  # pictures, pictures_words or words
    earcons: bool = True  # short sounds for add, remove, bump, star, goal, level complete
    earcon_volume: float = 0.6
    guided_mode: bool = False
    suggest: str = "order"  # the solver's next step: off / order (first in each group) / first
    push_to_talk: bool = False  # voice: listen only while a switch bound to TALK is held
    # input "pointer" (eye tracker, head mouse): resting this long on a target chooses it;
    # moves within the dead zone (dp) are tremor and keep the dwell (accessibility.pointer_dwell)
    pointer_dwell: float = 1.0
    pointer_dead_zone: float = 15.0
    outcome_hold: float = 6.0  # seconds a run's outcome stays in the captions, unless pressed
    schema_version: int = SCHEMA_VERSION

    @property
    def name_key(self) -> str:
        """i18n key of the profile's name (presets); educators' copies keep their preset's."""
        return f"access.profile.{self.name}" if self.name in PRESETS else "access.profile.custom"

    def resolved(self, roles: Mapping[str, str] | None = None) -> dict[str, str]:
        """Control id -> binding name: the profile's own, then each control of ``roles``
        (control id -> role, from the device profiles) bound through its role."""
        out = {c: name for c, name in self.bindings.items() if not c.startswith(ROLE_PREFIX)}
        for control, role in (roles or {}).items():
            name = self.bindings.get(ROLE_PREFIX + role) or self.bindings.get(
                ROLE_KEYS.get(role, ""))
            if name and control not in out:
                out[control] = name
        return out

    def intents(self, roles: Mapping[str, str] | None = None) -> dict[str, Intent]:
        """Control id -> Action or Command, for ``SwitchFilter`` (talk switches excluded)."""
        return {control: parse_intent(name) for control, name in self.resolved(roles).items()
                if name != TALK}

    def talk_switches(self, roles: Mapping[str, str] | None = None) -> frozenset[str]:
        """Control ids that work the microphone: held to talk (only with ``push_to_talk``)."""
        if not (self.input == "voice" and self.push_to_talk):
            return frozenset()
        return frozenset(c for c, name in self.resolved(roles).items() if name == TALK)

    def switch_role(self, control: str, roles: Mapping[str, str] | None = None) -> str:
        """What ``control`` does for this learner, for the educator's switch test: ``talk``
        (holds the microphone open), ``bound`` (an action or command) or ``unbound``."""
        if control in self.talk_switches(roles):
            return "talk"
        return "bound" if control in self.intents(roles) else "unbound"

    def filter_timing(self) -> FilterTiming:
        return FilterTiming(
            debounce=self.debounce, acceptance=self.acceptance,
            post_acceptance=self.post_acceptance, accept_on=self.accept_on,  # type: ignore[arg-type]
            long_hold=self.long_hold,
            long_hold_action=parse_intent(self.long_hold_action) if self.long_hold_action else None,
        )

    def scan_settings(self) -> ScanSettings | None:
        """Scanner settings, or ``None`` when this profile does not scan (touch, voice)."""
        if self.scan_mode == "none":
            return None
        return ScanSettings(
            mode=ScanMode(self.scan_mode), grouping=self.scan_grouping,  # type: ignore[arg-type]
            interval=self.scan_interval, first_item_delay=self.first_item_delay,
            grace=self.scan_grace,
            dwell=self.dwell, loops=self.scan_loops, exit_loops=self.group_exit_loops,
            restart=self.scan_restart,  # type: ignore[arg-type]
            wait_for_cue=self.wait_for_cue and self.auditory_scanning,
            post_acceptance=self.post_acceptance,
        )


    def dwell_settings(self, scale: float = 1.0) -> DwellSettings | None:
        """Pointer dwell settings (the dead zone times ``scale``: dp to pixels), or ``None``
        when this learner does not choose by resting the pointer."""
        if self.input != "pointer":
            return None
        return DwellSettings(dwell=self.pointer_dwell,
                             dead_zone=self.pointer_dead_zone * scale)


def _check_value(name: str, value: object) -> object:
    spec = SPEC[name]
    if spec.kind is bool:
        if not isinstance(value, bool):
            raise ProfileError("access.error.not_yes_no", field=name)
        return value
    if spec.kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or (isinstance(value, float) and not math.isfinite(value)):
            # NaN, inf: stored by a bug, never a setting
            raise ProfileError("access.error.not_a_number", field=name)
        if spec.kind is int and value != int(value):
            raise ProfileError("access.error.not_a_whole_number", field=name)
        if not spec.low <= value <= spec.high:  # type: ignore[operator]
            raise ProfileError("access.error.out_of_range", field=name, value=value,
                               low=spec.low, high=spec.high)
        return spec.kind(value)
    if not isinstance(value, str):
        raise ProfileError("access.error.not_text", field=name)
    if spec.choices is not None and value not in spec.choices:
        raise ProfileError("access.error.unknown_choice", field=name, value=value,
                           choices=", ".join(spec.choices))
    return value


def _check_colour(value: str) -> None:
    digits = value[1:] if value.startswith("#") else ""
    if len(digits) != 6 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ProfileError("access.error.bad_colour", field="highlight_colour", value=value)


def validate(profile: AccessProfile) -> AccessProfile:
    """Return ``profile`` if every value is allowed, else raise ``ProfileError``."""
    for name in SPEC:
        _check_value(name, getattr(profile, name))
    _check_colour(profile.highlight_colour)
    for control, intent in profile.bindings.items():
        if not isinstance(control, str) or ":" not in control:
            raise ProfileError("access.error.bad_control", control=str(control))
        if not isinstance(intent, str) or not intent:
            raise ProfileError("access.error.bad_binding", control=control)
    if profile.long_hold_action and profile.long_hold_action not in ACTIONS:
        raise ProfileError("access.error.unknown_choice", field="long_hold_action",
                           value=profile.long_hold_action, choices=", ".join(ACTIONS))
    if profile.scan_mode != "none" and profile.input == "switch" and not profile.bindings:
        raise ProfileError("access.error.no_switch_bound")
    return profile


def profile_from_dict(data: Mapping[str, Any]) -> AccessProfile:
    """Build and validate a profile from plain data (YAML); unknown fields are refused."""
    if not isinstance(data, Mapping):
        raise ProfileError("access.error.bad_file")
    data = dict(data)
    version = data.pop("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ProfileError("access.error.newer_version", version=str(version))
    known = {f.name for f in fields(AccessProfile)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError("access.error.unknown_field", field=unknown[0])
    bindings = data.get("bindings", {}) or {}
    if not isinstance(bindings, Mapping):
        raise ProfileError("access.error.bad_binding", control="bindings")
    data["bindings"] = {str(k): v for k, v in bindings.items()}
    for name in ("long_hold_action",):
        if data.get(name) is None:
            data[name] = ""
    for name, value in data.items():
        if name in SPEC and SPEC[name].kind is float and isinstance(value, int) \
                and not isinstance(value, bool):
            data[name] = float(value)
    return validate(AccessProfile(**data))


def profile_to_dict(profile: AccessProfile) -> dict[str, Any]:
    data = asdict(profile)
    data["bindings"] = dict(profile.bindings)
    return data


def load_profile(path: Path) -> AccessProfile:
    """Read a profile file; a broken file raises ``ProfileError('access.error.bad_file')``."""
    try:
        data = load_file(Path(path))
    except SafeLoadError as error:
        raise ProfileError("access.error.bad_file", path=str(path)) from error
    return profile_from_dict(data or {})


def save_profile(profile: AccessProfile, path: Path) -> None:
    """Validate, then write atomically (a crash never leaves half a profile)."""
    validate(profile)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(profile_to_dict(profile), sort_keys=False, allow_unicode=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def preset(name: str) -> AccessProfile:
    """One of ``PRESETS``, read from its YAML file."""
    if name not in PRESETS:
        raise ProfileError("access.error.unknown_choice", field="preset", value=name,
                           choices=", ".join(PRESETS))
    return load_profile(PRESETS_DIR / f"{name}.yml")


def edited(profile: AccessProfile, **changes: object) -> AccessProfile:
    """A copy with ``changes`` applied and validated (what an educator's editor calls)."""
    for name, value in changes.items():
        if name in SPEC and SPEC[name].kind is float and isinstance(value, int) \
                and not isinstance(value, bool):
            changes[name] = float(value)
    return validate(replace(profile, **changes))  # type: ignore[arg-type]

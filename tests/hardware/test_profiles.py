"""The shipped device profiles load, use real key codes, and cover the access presets."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.evdev_codes import code_for_name, control_for_code
from hardware.__main__ import main
from hardware.device_profiles import (
    PROFILES_DIR, ProfileFileError, UsbId, load_profile, load_profiles, profile_from_data,
    profile_ids, role_table,
)

ROOT = Path(__file__).resolve().parents[2]
PROFILES = load_profiles()
BY_ID = {p.id: p for p in PROFILES}


def test_the_expected_profiles_are_shipped() -> None:
    assert {"microbit", "arduino", "switch_interface_keys", "switch_interface_joystick",
            "foot_switch", "generic"} <= set(BY_ID)
    assert BY_ID["microbit"].source == "serial(microbit)"
    assert BY_ID["microbit"].usb == (UsbId(0x0D28, 0x0204),)
    assert BY_ID["arduino"].source == "serial(arduino)"
    assert UsbId(0x2341, 0x0043) in BY_ID["arduino"].usb
    assert UsbId(0x1A86, 0x7523) in BY_ID["arduino"].usb_generic
    assert BY_ID["switch_interface_keys"].source == "evdev(switch_interface_keys)"
    assert BY_ID["switch_interface_keys"].grab
    assert not BY_ID["generic"].automatic and not BY_ID["switch_interface_joystick"].automatic


@pytest.mark.parametrize("profile", [p for p in PROFILES if p.keys], ids=lambda p: p.id)
def test_key_maps_use_real_codes_and_the_names_the_evdev_adapter_gives(profile: object) -> None:
    for code, control in profile.keys.items():  # type: ignore[attr-defined]
        assert control_for_code(code_for_name(code)) == control, code


def test_every_serial_and_evdev_binding_in_the_access_presets_is_a_known_control() -> None:
    known = {cid for p in PROFILES for cid in p.control_ids()}
    used = set()
    for path in (ROOT / "accessibility" / "presets").glob("*.yml"):
        bindings = yaml.safe_load(path.read_text(encoding="utf-8")).get("bindings") or {}
        used |= {c for c in bindings if c.startswith(("serial(", "evdev("))}
    assert used, "the presets bind no serial switch: this test checks nothing"
    assert used <= known, sorted(used - known)


def test_roles_name_switch_one_and_two_for_every_automatic_profile() -> None:
    for profile in PROFILES:
        if profile.automatic:
            assert profile.controls_for("switch1"), profile.id
    roles = role_table(PROFILES)  # what access profiles bind through
    assert roles["evdev(foot_switch):space"] == "switch1"
    assert roles["serial(microbit):b"] == "switch2"
    assert roles["evdev(switch_interface_joystick):btn_0"] == "switch1"


@pytest.mark.parametrize("data, problem", [
    ({"id": "x", "kind": "usb"}, "kind"),
    ({"id": "Bad Id", "kind": "serial"}, "id"),
    ({"id": "x", "kind": "evdev", "keys": {"SPACE": "space"}}, "key code"),
    ({"id": "x", "kind": "evdev", "keys": {"KEY_A": "A"}}, "control"),
    ({"id": "x", "kind": "serial", "match": {"usb": ["d28:204"]}}, "USB id"),
    ({"id": "x", "kind": "serial", "controls": ["a"], "roles": {"switch1": ["b"]}}, "not a control"),
    ({"id": "x", "kind": "serial", "controls": ["a"],
      "roles": {"switch1": ["a"], "switch2": ["a"]}}, "two roles"),
    ({"id": "x", "kind": "serial", "colour": "red"}, "unknown fields"),
    ({"id": "x", "kind": "serial", "schema_version": 2}, "schema_version"),
])
def test_bad_profiles_are_refused_with_a_reason(data: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        profile_from_data(data)


def test_a_bad_file_names_itself_and_duplicate_ids_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("id: one\nkind: serial\n")
    (tmp_path / "b.yml").write_text("id: one\nkind: serial\n")
    problems: list[ProfileFileError] = []
    assert [p.id for p in load_profiles(tmp_path, problems)] == ["one"]
    assert len(problems) == 1 and "used twice" in str(problems[0])
    broken = tmp_path / "c.yml"
    broken.write_text("id: [\n")
    with pytest.raises(ProfileFileError, match="c.yml"):
        load_profile(broken)
    assert PROFILES_DIR.is_dir()


def test_every_profile_names_its_device_in_the_switch_test() -> None:
    """The switch test names a switch by its profile (``app.device.<id>``, all six
    languages by the i18n completeness test): a new profile needs its name there."""
    english = yaml.safe_load((ROOT / "i18n" / "app.en.yml").read_text(encoding="utf-8"))
    assert set(profile_ids(PROFILES).values()) <= set(english["device"]), \
        sorted(set(profile_ids(PROFILES).values()) - set(english["device"]))
    assert profile_ids(PROFILES)["evdev(foot_switch)"] == "foot_switch"
    assert profile_ids(PROFILES)["serial(microbit)"] == "microbit"


# -- issue 17: a malformed profile file stopped the app; bad values crashed the CLI -----------

@pytest.mark.parametrize("field, value", [
    ("baudrate", None), ("baudrate", float("inf")), ("baudrate", "fast"), ("baudrate", 0),
    ("baudrate", True), ("grab", "false"), ("only_mapped", 1),
])
def test_bad_values_are_refused_not_crashed_on_or_misread(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        profile_from_data({"id": "x", "kind": "serial", field: value})


def test_a_malformed_file_is_skipped_and_said_the_others_load(tmp_path: Path,
                                                                 capsys) -> None:
    (tmp_path / "a.yml").write_text("id: good\nkind: serial\n")
    (tmp_path / "b.yml").write_text("id: [\n")
    (tmp_path / "c.yml").write_text("id: inf\nkind: serial\nbaudrate: .inf\n")
    (tmp_path / "d.yml").write_bytes(b"id: \xff\n")
    problems: list[ProfileFileError] = []
    assert [p.id for p in load_profiles(tmp_path, problems)] == ["good"]
    assert sorted(Path(str(p).split(":")[0]).name for p in problems) == ["b.yml", "c.yml",
                                                                          "d.yml"]
    assert main(["profiles", "--directory", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "good" in out.out and "c.yml" in out.err and "Traceback" not in out.err


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["id", "name", "kind", "family", "baudrate", "match", "keys", "controls",
                     "roles", "grab", "only_mapped", "schema_version"]),
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10),
              st.lists(st.text(max_size=8), max_size=3),
              st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3)),
    max_size=8))
def test_any_profile_data_is_a_profile_or_a_value_error(data: dict) -> None:
    try:
        profile = profile_from_data({"id": "x", "kind": "serial", **data})
    except ValueError:
        return
    assert isinstance(profile.baudrate, int) and isinstance(profile.grab, bool)

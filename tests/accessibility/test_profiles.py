"""Access profiles: presets load, round-trip through YAML, and bad values say what to fix."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from accessibility.actions import Action, Command
from accessibility.profiles import (PRESETS, SPEC, AccessProfile, ProfileError, edited,
                                    load_profile, preset, profile_from_dict, profile_to_dict,
                                    save_profile)
from accessibility.scanner import ScanMode
from accessibility.translator import LOCALES, Translator


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_loads_validates_and_round_trips(name: str, tmp_path: Path) -> None:
    profile = preset(name)
    assert profile.name == name
    path = tmp_path / "me.yml"
    save_profile(profile, path)
    assert load_profile(path) == profile


def test_presets_cover_the_access_methods() -> None:
    modes = {name: preset(name).scan_settings() for name in PRESETS}
    assert modes["touch"] is None and modes["touch_large"] is None
    assert modes["single_switch_autoscan"].mode is ScanMode.AUTO
    assert modes["two_switch_step"].mode is ScanMode.STEP
    assert modes["single_switch_dwell"].mode is ScanMode.STEP_DWELL
    assert modes["inverse_scan"].mode is ScanMode.INVERSE
    assert preset("touch_large").target_size_mm > preset("touch").target_size_mm
    assert modes["single_switch_autoscan"].interval == 1.0
    assert modes["single_switch_autoscan"].loops == 3
    voice = preset("voice").intents()
    assert voice["speech:run"] == Command("run") and voice["speech:next"] is Action.NEXT
    step = preset("two_switch_step").intents()
    assert step["serial(microbit):a"] is Action.NEXT and step["kb:return"] is Action.SELECT


ROLES = {"evdev(foot_switch):space": "switch1", "evdev(foot_switch):return": "switch2",
         "serial(microbit):a": "switch1", "serial(microbit):p0": "switch1",
         "serial(microbit):p2": "run"}


def test_a_switch_box_switch_does_what_its_role_is_bound_to_else_what_its_key_does() -> None:
    step = preset("two_switch_step")
    intents = step.intents(ROLES)
    # no role binding: switch 1 does what the space bar does, switch 2 what Enter does
    assert intents["evdev(foot_switch):space"] is Action.NEXT
    assert intents["evdev(foot_switch):return"] is Action.SELECT
    assert intents["serial(microbit):p0"] is Action.NEXT  # a jack for switch 1
    assert "serial(microbit):p2" not in intents  # role "run" is bound by nobody
    assert "evdev(foot_switch):space" not in step.intents()  # no device roles: only its own
    chosen = edited(step, bindings={**step.bindings, "role:switch1": "select",
                                    "serial(microbit):a": "back", "role:run": "run"})
    intents = chosen.intents(ROLES)
    assert intents["evdev(foot_switch):space"] is Action.SELECT  # the role's binding wins
    assert intents["serial(microbit):a"] is Action.BACK  # a control's own binding wins
    assert intents["serial(microbit):p2"] == Command("run")
    assert "role:switch1" not in intents
    talking = edited(preset("voice"), push_to_talk=True)
    assert "evdev(foot_switch):space" in talking.talk_switches(ROLES)
    assert talking.switch_role("evdev(foot_switch):return", ROLES) == "talk"


def test_talk_switches_work_only_for_a_voice_learner_with_push_to_talk() -> None:
    voice = preset("voice")
    assert not voice.push_to_talk and voice.talk_switches() == frozenset()
    talking = edited(voice, push_to_talk=True)
    assert talking.talk_switches() == {"kb:space", "kb:return", "serial(microbit):a",
                                       "serial(arduino):p2"}
    assert not set(talking.intents()) & talking.talk_switches()  # never a scan press
    # the educator's switch test tells them what the space bar does for this learner
    assert talking.switch_role("kb:space") == "talk"
    assert voice.switch_role("kb:space") == "unbound"  # bound to talk, but no push-to-talk
    assert voice.switch_role("speech:run") == "bound"
    switch = edited(preset("two_switch_step"), push_to_talk=True,
                    bindings={"kb:space": "talk", "kb:return": "select"})
    assert switch.talk_switches() == frozenset()  # no microphone for a switch learner
    with pytest.raises(ProfileError) as error:
        edited(voice, push_to_talk="yes")
    assert error.value.key == "access.error.not_yes_no"


@pytest.mark.parametrize("change, key", [
    ({"scan_interval": 0.2}, "access.error.out_of_range"),
    ({"scan_interval": 6}, "access.error.out_of_range"),
    ({"scan_loops": 2.5}, "access.error.not_a_whole_number"),
    ({"theme": "purple"}, "access.error.unknown_choice"),
    ({"auditory_scanning": "yes"}, "access.error.not_yes_no"),
    ({"highlight_colour": "yellow"}, "access.error.bad_colour"),
    ({"text_scale": "big"}, "access.error.not_a_number"),
    ({"bindings": {"space": "select"}}, "access.error.bad_control"),
    ({"long_hold_action": "explode"}, "access.error.unknown_choice"),
])
def test_out_of_range_values_are_rejected_with_a_message_key(change: dict, key: str) -> None:
    with pytest.raises(ProfileError) as caught:
        edited(preset("single_switch_autoscan"), **change)
    assert caught.value.key == key
    english = Translator("en")
    text = english.t(caught.value.key, **caught.value.params)
    assert text != "…" and "%{" not in text


def test_a_broken_or_newer_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("name: [unclosed\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == "access.error.bad_file"
    path.write_text(yaml.safe_dump({**profile_to_dict(preset("touch")), "schema_version": 99}))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == "access.error.newer_version"
    path.write_text(yaml.safe_dump({**profile_to_dict(preset("touch")), "colour": "red"}))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == "access.error.unknown_field"


def test_an_educator_edit_is_saved_and_read_back(tmp_path: Path) -> None:
    mine = edited(preset("single_switch_autoscan"), scan_interval=2, theme="high_contrast",
                  name="lea")
    path = tmp_path / "lea.yml"
    save_profile(mine, path)
    back = load_profile(path)
    assert back.scan_interval == 2.0 and back.scan_settings().interval == 2.0
    assert back.theme == "high_contrast" and back.name_key == "access.profile.custom"
    with pytest.raises(ProfileError):
        save_profile(AccessProfile(scan_interval=9.0), path)
    assert load_profile(path) == back  # a refused save leaves the old file intact


def test_every_profile_field_and_preset_has_a_name_in_every_locale() -> None:
    tr = Translator("en")
    for locale in LOCALES:
        for field in SPEC:
            assert tr.has(f"access.field.{field}", locale), (locale, field)
        for name in PRESETS:
            assert tr.has(preset(name).name_key, locale), (locale, name)


# -- issue 17: a stored profile with NaN, inf or a wrong type stopped the app at start -------

@pytest.mark.parametrize("field, value", [
    ("scan_loops", float("nan")), ("scan_loops", float("inf")), ("highlight_thickness", -float("inf")),
    ("dwell", float("nan")), ("scan_interval", float("inf")), ("scan_loops", 10 ** 400),
    ("name", 3), ("reduced_motion", "false"), ("theme", ["dark"]), ("bindings", [1]),
])
def test_a_stored_profile_with_a_bad_number_or_type_is_a_profile_error(field: str,
                                                                      value: object) -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_dict({**profile_to_dict(preset("single_switch_autoscan")), field: value})
    assert Translator("de").t(caught.value.key, **caught.value.params) != "…"


def test_a_device_or_a_fifo_is_not_read_as_a_profile(tmp_path: Path) -> None:
    fifo = tmp_path / "me.yml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(ProfileError, match="bad_file"):
            load_profile(path)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                   st.lists(st.integers(), max_size=3),
                   st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from([*SPEC, "bindings", "schema_version", "colour"]),
                       VALUES, max_size=6))
def test_any_stored_profile_data_is_a_profile_or_a_profile_error(changes: dict) -> None:
    data = {**profile_to_dict(preset("two_switch_step")), **changes}
    try:
        profile = profile_from_dict(data)
    except ProfileError as error:
        assert error.key.startswith("access.error.")
        return
    assert profile_from_dict(profile_to_dict(profile)) == profile

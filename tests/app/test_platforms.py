"""The platform layer picks the parts each platform has (no window, no Android here)."""
from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from accessibility.android_tts_server import AndroidTtsServer
from accessibility.pyttsx3_server import Pyttsx3Server
from accessibility.speech_output import EspeakServer
from adapters.keyboard import KeyboardSwitch
from adapters.serial_adapter import SerialAdapter
from app.platforms import (ANDROID, IOS, LINUX, MACOS, OTHER, PLATFORMS, WINDOWS,
                           current_platform, detect, speech_server, switch_adapters)
from app.storage.paths import APP_NAME

CASES = [  # (sys.platform, environment) -> platform
    ("linux", {}, LINUX),
    ("freebsd14", {}, LINUX),
    ("win32", {}, WINDOWS),
    ("cygwin", {}, WINDOWS),
    ("darwin", {}, MACOS),
    ("linux", {"P4A_BOOTSTRAP": "SDL2"}, ANDROID),  # python-for-android before Python 3.13
    ("linux", {"ANDROID_ARGUMENT": "/data/app"}, ANDROID),
    ("android", {}, ANDROID),  # Python 3.13 on Android
    ("darwin", {"KIVY_BUILD": "ios"}, IOS),
    ("ios", {}, IOS),
    ("sunos5", {}, OTHER),
]
KIVY_NAMES = {"win": WINDOWS, "macosx": MACOS, "unknown": OTHER}


@pytest.mark.parametrize("sys_platform,environ,expected", CASES)
def test_tells_platforms_apart(sys_platform: str, environ: dict[str, str],
                               expected: str) -> None:
    assert detect(sys_platform, environ) == expected
    assert current_platform(sys_platform, environ).name == expected


@pytest.mark.parametrize("sys_platform,environ,expected", CASES)
def test_agrees_with_kivy_where_kivy_knows_the_platform(
        monkeypatch: pytest.MonkeyPatch, sys_platform: str, environ: dict[str, str],
        expected: str) -> None:
    import kivy.utils

    monkeypatch.setattr(kivy.utils, "_sys_platform", sys_platform)
    monkeypatch.setattr(kivy.utils, "environ", environ)
    kivys = kivy.utils._get_platform()
    if kivys == "unknown" and sys_platform in ("android", "ios"):
        pytest.skip("Kivy 2.3.1 predates sys.platform 'android' and 'ios' (Python 3.13)")
    assert KIVY_NAMES.get(kivys, kivys) == expected


@pytest.mark.parametrize("name,sys_platform", [(LINUX, "linux"), (WINDOWS, "win32"),
                                               (MACOS, "darwin")])
def test_pyttsx3_driver_is_the_one_pyttsx3_picks(monkeypatch: pytest.MonkeyPatch, name: str,
                                                 sys_platform: str) -> None:
    from pyttsx3 import engine

    monkeypatch.setattr(sys, "platform", sys_platform)
    assert PLATFORMS[name].pyttsx3_driver == engine.default_engine_by_sys_platform()


def test_speech_server_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Pyttsx3Server, "probe", lambda self: None)  # SAPI5 / NSSpeech exist
    assert isinstance(speech_server(PLATFORMS[LINUX]), EspeakServer)  # installed here
    assert isinstance(speech_server(PLATFORMS[WINDOWS]), Pyttsx3Server)  # not espeak-ng
    assert isinstance(speech_server(PLATFORMS[MACOS]), Pyttsx3Server)
    assert isinstance(speech_server(PLATFORMS[ANDROID]), AndroidTtsServer)  # probed later
    assert speech_server(PLATFORMS[IOS]) is None
    for platform in PLATFORMS.values():
        assert speech_server(platform, speech=False) is None  # captions only, by choice


def test_no_working_voice_means_captions_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Pyttsx3Server, "probe", lambda self: "narration.status.no_engine")
    assert speech_server(PLATFORMS[WINDOWS]) is None


def without_evdev(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows, macOS and Android: python-evdev cannot be imported."""
    monkeypatch.setitem(sys.modules, "evdev", None)
    monkeypatch.delitem(sys.modules, "adapters.evdev_adapter", raising=False)


def test_linux_follows_serial_boxes_and_input_devices() -> None:
    adapters = switch_adapters(PLATFORMS[LINUX], "1234:5678")
    assert [type(a).__name__ for a in adapters] == ["SerialAdapter", "EvdevAdapter",
                                                    "EvdevAdapter"]
    assert [a.name for a in adapters[:2]] == ["serial", "evdev"]


def test_windows_and_macos_need_no_evdev(monkeypatch: pytest.MonkeyPatch) -> None:
    without_evdev(monkeypatch)
    with pytest.raises(ImportError):  # what choosing a switch profile did there before
        switch_adapters(PLATFORMS[LINUX])
    for name in (WINDOWS, MACOS):
        adapters = switch_adapters(PLATFORMS[name], "1234:5678", serial_name="boxes")
        assert [(type(a), a.name) for a in adapters] == [(SerialAdapter, "boxes")]


def test_android_uses_usb_serial_when_the_build_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    without_evdev(monkeypatch)
    assert switch_adapters(PLATFORMS[ANDROID]) == []  # no usb4a: keyboard-mode boxes only
    usb4a, serial4a = types.ModuleType("usb4a"), types.ModuleType("usbserial4a")
    usb: Any = types.SimpleNamespace(get_usb_device_list=list)
    usb4a.usb = usb  # type: ignore[attr-defined]
    serial4a.serial4a = types.SimpleNamespace()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "usb4a", usb4a)
    monkeypatch.setitem(sys.modules, "usbserial4a", serial4a)
    adapters = switch_adapters(PLATFORMS[ANDROID])
    assert [type(a) for a in adapters] == [SerialAdapter]


@pytest.mark.parametrize("name", sorted(PLATFORMS))
def test_keyboard_mode_switch_interfaces_work_everywhere(name: str) -> None:
    """Keyboard-mode and Bluetooth switch interfaces type keys: the window's key events,
    as Kivy names them on every platform, are switches."""
    assert PLATFORMS[name].key_switches
    switch = KeyboardSwitch(clock=lambda: 0.0)
    for key, control in [("spacebar", "space"), ("enter", "return"), ("1", "1"),
                         ("f8", "f8")]:
        event = switch.key_down(key)
        assert event is not None and event.control == control and event.pressed
        assert switch.key_up(key) is not None
    assert switch.key_down("a") is None  # other keys stay keys


@pytest.mark.parametrize("name,dirs_class", [(LINUX, "unix.Unix"), (MACOS, "macos.MacOS")])
def test_the_data_folder_named_is_the_one_platformdirs_gives(
        monkeypatch: pytest.MonkeyPatch, name: str, dirs_class: str) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    module, cls = dirs_class.split(".")
    dirs = getattr(importlib.import_module(f"platformdirs.{module}"), cls)
    expected = Path(dirs(APP_NAME, appauthor=False).user_data_dir)
    assert Path(PLATFORMS[name].data_folder).expanduser() == expected

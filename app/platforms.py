"""What each platform the app runs on offers: speech output, switch inputs, data folder.

One table instead of ``if sys.platform`` scattered through the app, so a school's Windows
laptop, a Mac or an Android tablet each get the parts that exist there and nothing that
would fail on start (python-evdev exists on Linux only; espeak-ng is rarely installed outside
Linux; Android has its own TextToSpeech and no PyAudio). No Kivy here: the platform is told
apart the way ``kivy.utils.platform`` does it, from ``sys.platform`` and the environment that
python-for-android and kivy-ios set, so tests can pretend to be any platform.

Keyboard-mode switch interfaces (and Bluetooth switch interfaces, which pair as keyboards)
need no adapter on any platform: their keys arrive as the window's key events, which the app
turns into switches with ``adapters.keyboard.KeyboardSwitch``.
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Any, Mapping

from accessibility.speech_output import SpeechServer

log = logging.getLogger(__name__)

LINUX, WINDOWS, MACOS, ANDROID, IOS, OTHER = "linux", "windows", "macos", "android", "ios", "other"


@dataclass(frozen=True)
class Platform:
    """The parts one platform has; ``speech`` lists engines in the order they are tried."""

    name: str
    speech: tuple[str, ...]  # "espeak-ng", "pyttsx3", "android-tts"
    pyttsx3_driver: str | None  # what pyttsx3 uses there: "espeak", "sapi5", "nsss"
    evdev: bool  # Linux input devices: USB switch interfaces, foot switches, joystick boxes
    serial: str | None  # "pyserial", "usbserial4a" (Android USB host), or None
    data_folder: str  # where platformdirs puts progress (what the docs and the teacher see)
    key_switches: bool = True  # keyboard-mode switch interfaces through the window's keys


PLATFORMS: dict[str, Platform] = {
    LINUX: Platform(LINUX, ("espeak-ng", "pyttsx3"), "espeak", evdev=True, serial="pyserial",
                    data_folder="~/.local/share/citizencode"),
    WINDOWS: Platform(WINDOWS, ("pyttsx3",), "sapi5", evdev=False, serial="pyserial",
                      data_folder="%LOCALAPPDATA%\\citizencode"),
    MACOS: Platform(MACOS, ("pyttsx3",), "nsss", evdev=False, serial="pyserial",
                    data_folder="~/Library/Application Support/citizencode"),
    ANDROID: Platform(ANDROID, ("android-tts",), None, evdev=False, serial="usbserial4a",
                      data_folder="the app's private files folder"),
    IOS: Platform(IOS, (), None, evdev=False, serial=None,
                  data_folder="the app's Documents folder"),
    OTHER: Platform(OTHER, ("pyttsx3",), None, evdev=False, serial="pyserial",
                    data_folder="platformdirs' user data folder"),
}


def detect(sys_platform: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The platform's name, told apart as ``kivy.utils.platform`` does (Android's
    ``sys.platform`` is ``linux`` before Python 3.13: its environment says it is Android)."""
    sys_platform = sys.platform if sys_platform is None else sys_platform
    environ = os.environ if environ is None else environ
    build = environ.get("KIVY_BUILD", "")
    if build == "ios" or sys_platform == "ios":
        return IOS
    if build == "android" or "P4A_BOOTSTRAP" in environ or "ANDROID_ARGUMENT" in environ \
            or sys_platform == "android":
        return ANDROID
    if sys_platform in ("win32", "cygwin"):
        return WINDOWS
    if sys_platform == "darwin":
        return MACOS
    if sys_platform.startswith(("linux", "freebsd")):
        return LINUX
    return OTHER


def current_platform(sys_platform: str | None = None,
                     environ: Mapping[str, str] | None = None) -> Platform:
    """The parts of the platform the app runs on."""
    return PLATFORMS[detect(sys_platform, environ)]


def speech_server(platform: Platform, speech: bool = True) -> SpeechServer | None:
    """The first speech engine of ``platform`` that works here, else None (captions only).

    Android's engine is only probed later, on the narrator's thread: its start-up is
    asynchronous and must not hold up the window.
    """
    if not speech:
        return None
    for engine in platform.speech:
        server = _server(engine)
        if server is not None:
            return server
    return None


def _server(engine: str) -> SpeechServer | None:
    if engine == "android-tts":
        from accessibility.android_tts_server import AndroidTtsServer
        return AndroidTtsServer()
    if engine == "espeak-ng":
        import shutil

        from accessibility.speech_output import EspeakServer
        return EspeakServer() if shutil.which("espeak-ng") else None
    from accessibility.pyttsx3_server import Pyttsx3Server
    server = Pyttsx3Server()
    return server if server.probe() is None else None


def switch_adapters(platform: Platform, switch_device: str | None = None, *,
                    serial_name: str = "serial", evdev_name: str = "evdev") -> list[Any]:
    """The adapters that follow switch boxes on ``platform`` (keyboard-mode interfaces need
    none: they are the window's keys). ``switch_device`` is a joystick-mode box chosen by
    hand, which only evdev can read."""
    from hardware.connect import JOYSTICK, evdev_adapter, serial_adapter

    adapters: list[Any] = []
    if platform.serial == "pyserial":
        adapters.append(serial_adapter("auto", name=serial_name))
    elif platform.serial == "usbserial4a":
        from hardware.android_serial import android_serial_adapter
        adapter = android_serial_adapter(name=serial_name)
        if adapter is not None:
            adapters.append(adapter)
    if platform.evdev:
        adapters.append(evdev_adapter("auto", name=evdev_name))
        if switch_device:
            adapters.append(evdev_adapter(switch_device, fallback=JOYSTICK))
    elif switch_device:
        log.warning("--switch-device needs Linux evdev; on %s a switch interface is used in "
                    "keyboard mode", platform.name)
    return adapters

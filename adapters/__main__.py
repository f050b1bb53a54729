"""``python -m adapters monitor``: check switches before a lesson.

    python -m adapters monitor --serial auto            # any known switch box
    python -m adapters monitor --serial /dev/ttyACM0    # a switch box on that port
    python -m adapters monitor --evdev "Switch Interface" --grab
    python -m adapters monitor --keyboard --speech --locale fr
    python -m adapters monitor --serial auto --speech --talk "serial(microbit):a"

Prints one JSON line per event and per status change; stop with Ctrl-C.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import Any

from adapters.events import SPEECH_SOURCE, Adapter
from adapters.monitor import TalkSwitches, UnavailableAdapter, run_monitor
from adapters.serial_adapter import DEFAULT_BAUDRATE, SerialAdapter

LOCALES = ("fr", "nl", "en", "de", "it", "es")


def _default_locale() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")[:2].lower()
        if value in LOCALES:
            return value
    return "en"


def _translator(locale: str) -> Any:
    """Teacher-readable messages from the i18n files; the bare key if that cannot load."""
    try:
        from accessibility.translator import Translator

        translator = Translator(locale)
        return lambda key, params: translator.t(key, **params)
    except Exception as exc:  # the tester must work even without the translations
        print(f"monitor: translations unavailable ({exc}); printing message keys",
              file=sys.stderr)
        return lambda key, params: key


def _serial(port: str, baud: int | None) -> Adapter:
    try:
        from hardware.connect import serial_adapter

        return serial_adapter(port, baudrate=baud)
    except ImportError:
        if port == "auto":
            raise SystemExit("monitor: --serial auto needs the hardware package") from None
        return SerialAdapter(port, baudrate=baud or DEFAULT_BAUDRATE)


def _evdev(device: str, profile: str | None, grab: bool | None) -> Adapter:
    try:
        from hardware.connect import evdev_adapter

        return evdev_adapter(device, profile_id=profile, grab=grab)
    except ImportError:
        from adapters.evdev_adapter import EvdevAdapter

        return EvdevAdapter(device, grab=bool(grab))


def _speech(locale: str, push_to_talk: bool) -> Adapter:
    try:
        from adapters.speech.adapter import SpeechAdapter

        return SpeechAdapter(locale=locale,
                             mode="push_to_talk" if push_to_talk else "continuous")
    except Exception as exc:  # missing module, missing libraries, no microphone ...
        return UnavailableAdapter(SPEECH_SOURCE, "adapters.speech.unavailable",
                                  f"{type(exc).__name__}: {exc}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m adapters",
                                     description="Tools for the input adapters.")
    sub = parser.add_subparsers(dest="command", required=True)
    monitor = sub.add_parser("monitor", help="print every switch event and status as JSON lines")
    monitor.add_argument("--serial", action="append", default=[], metavar="PORT",
                         help="a serial switch box: a port such as /dev/ttyACM0, or 'auto'")
    monitor.add_argument("--baud", type=int, default=None, help="serial speed (default 115200)")
    monitor.add_argument("--evdev", action="append", default=[], metavar="DEVICE",
                         help="an input device: /dev/input/eventN, vendor:product, a name, or "
                              "'auto' (any known switch interface or foot switch)")
    monitor.add_argument("--profile", default=None,
                         help="the evdev device profile to use (see python -m hardware profiles)")
    grab = monitor.add_mutually_exclusive_group()
    grab.add_argument("--grab", dest="grab", action="store_true", default=None,
                      help="take the evdev device so its keys do not also type")
    grab.add_argument("--no-grab", dest="grab", action="store_false")
    monitor.add_argument("--keyboard", action="store_true",
                         help="keys typed in this terminal (space, enter, 1, 2, F1-F8, arrows)")
    monitor.add_argument("--keys", default=None,
                         help="comma-separated switch keys for --keyboard, e.g. space,enter,a")
    monitor.add_argument("--speech", action="store_true", help="voice commands")
    monitor.add_argument("--talk", action="append", default=[], metavar="SWITCH",
                         help="with --speech: listen only while this switch is held, named "
                              "as the monitor prints it, e.g. 'serial(microbit):a'")
    monitor.add_argument("--locale", default=_default_locale(), choices=LOCALES,
                         help="language of the status messages")
    monitor.add_argument("--seconds", type=float, default=None, help="stop after this long")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not (args.serial or args.evdev or args.keyboard or args.speech):
        parser.error("choose at least one of --serial, --evdev, --keyboard, --speech")
    if args.talk and not args.speech:
        parser.error("--talk needs --speech (the talk switch works the microphone)")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")

    stop = threading.Event()
    adapters: list[Adapter] = [_serial(port, args.baud) for port in args.serial]
    adapters += [_evdev(device, args.profile, args.grab) for device in args.evdev]
    if args.keyboard:
        from adapters.terminal_keys import TerminalKeysAdapter

        keys = [k.strip() for k in args.keys.split(",")] if args.keys else None
        adapters.append(TerminalKeysAdapter(sys.stdin.fileno(), keys=keys, on_end=stop.set))
    talk = None
    if args.speech:
        speech = _speech(args.locale, bool(args.talk))
        adapters.append(speech)
        if args.talk and hasattr(speech, "push_to_talk"):
            talk = TalkSwitches(frozenset(args.talk), speech.push_to_talk)

    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        run_monitor(adapters, sys.stdout, _translator(args.locale), stop, args.seconds,
                    talk=talk)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up options: the command line over the embedded defaults."""
from __future__ import annotations

import argparse
import locale as system_locale
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from accessibility.profiles import PRESETS
from accessibility.translator import FALLBACK_LOCALE, LOCALES


@dataclass(frozen=True)
class Options:
    locale: str | None = None  # None: the learner's, else the system's
    profile: str | None = None  # a preset name for this session
    data_dir: Path | None = None
    size: tuple[int, int] = (1280, 800)
    fullscreen: bool = False
    speech: bool = True  # False: captions only (a classroom that must stay quiet)
    voice_input: bool = True  # listen for voice commands when the profile asks for them
    switch_device: str | None = None  # an input device chosen by hand (joystick-mode box)


def system_language() -> str:
    """The first of our six languages the system asks for, else English."""
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    try:
        candidates.append(system_locale.getlocale()[0] or "")
    except ValueError:
        pass
    for candidate in candidates:
        code = candidate.split(".")[0].split("_")[0].lower()
        if code in LOCALES:
            return code
    return FALLBACK_LOCALE


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1280x800") from None
    if width < 640 or height < 480:
        raise argparse.ArgumentTypeError("the window must be at least 640x480")
    return width, height


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="citizencode", description="CitizenCode Access")
    parser.add_argument("--locale", choices=LOCALES, help="language (default: the learner's)")
    parser.add_argument("--profile", choices=PRESETS, help="access profile for this session")
    parser.add_argument("--data-dir", type=Path, help="where progress is kept")
    parser.add_argument("--size", type=_size, default=(1280, 800), help="window size, 1280x800")
    parser.add_argument("--fullscreen", action="store_true")
    parser.add_argument("--no-speech", action="store_true", help="captions only, no sound")
    parser.add_argument("--no-voice-input", action="store_true", help="do not listen")
    parser.add_argument("--switch-device", metavar="DEVICE",
                        help="a switch interface in joystick mode, by path, vendor:product or "
                             "name (see: python -m hardware list); known interfaces and "
                             "foot switches are found without this")
    args = parser.parse_args(argv)
    return Options(locale=args.locale, profile=args.profile, data_dir=args.data_dir,
                   size=args.size, fullscreen=args.fullscreen, speech=not args.no_speech,
                   voice_input=not args.no_voice_input, switch_device=args.switch_device)

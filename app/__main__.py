"""``python -m app`` / ``citizencode``: start CitizenCode Access on the embedded defaults."""
from __future__ import annotations

import os
import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.options import parse_args
    options = parse_args(argv)
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.config import Config
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("graphics", "width", str(options.size[0]))
    Config.set("graphics", "height", str(options.size[1]))
    Config.set("graphics", "fullscreen", "auto" if options.fullscreen else "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    from app.kivy_app import CitizenCodeApp
    CitizenCodeApp(options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

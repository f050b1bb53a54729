"""Kivy's start-up settings, in one place: the app, the screenshot script and the
benchmark probe set them the same way before the window exists."""
from __future__ import annotations

import os


def configure(width: int = 1280, height: int = 800, *, fullscreen: bool = False,
              vsync: bool | None = None, maxfps: int | None = None) -> None:
    """Call before anything imports ``kivy.core.window``."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    from kivy.config import Config
    Config.set("kivy", "exit_on_escape", "0")  # Escape is a key a switch box may send
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "fullscreen", "auto" if fullscreen else "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if vsync is not None:
        Config.set("graphics", "vsync", "1" if vsync else "0")
    if maxfps is not None:
        Config.set("graphics", "maxfps", str(maxfps))

"""Kivy's start-up settings, in one place: the app, the screenshot script and the
benchmark probe set them the same way before the window exists."""
from __future__ import annotations

import os

BIG_SCREEN = (2560, 1440)  # above this, a desktop screen is drawn bigger (a 4K monitor)
DESIGN_SIZE = (1920, 1080)  # what a big screen is scaled to, in density-independent pixels


def density_for(width: int, height: int) -> float:
    """The density to draw at on a ``width`` x ``height`` desktop window: 1 up to
    ``BIG_SCREEN``, then by quarters so that a 3840 x 2160 screen shows what 1920 x 1080
    does, twice as big (tablets report their own density; Kivy uses it there)."""
    if width <= BIG_SCREEN[0] and height <= BIG_SCREEN[1]:
        return 1.0
    return max(1.0, round(min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1]) * 4) / 4)


_natural: tuple[float, float] | None = None  # (dpi, density) before any scaling


def scale_for_screen(width: int, height: int) -> None:
    """Draw at ``density_for(width, height)``: sizes in dp and in mm (touch targets) alike."""
    global _natural
    from kivy.metrics import Metrics
    if _natural is None:
        _natural = (Metrics.dpi, Metrics.density)
    scale = density_for(width, height)
    Metrics.density = _natural[1] * scale
    Metrics.dpi = _natural[0] * scale


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
    if "KIVY_METRICS_DENSITY" not in os.environ and density_for(width, height) > 1:
        scale_for_screen(width, height)

"""Themes as data, WCAG contrast arithmetic, and the readable font.

Colours are ``#RRGGBB`` strings. ``app/`` turns them into Kivy colours; everything else
(tests, the profile editor's preview) reasons about them here. Contrast follows WCAG 2.x:
relative luminance of sRGB, ratio ``(L1 + 0.05) / (L2 + 0.05)``.
"""
from __future__ import annotations

import glob
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from levels.blocks import Category

THEME_NAMES: tuple[str, ...] = ("default", "high_contrast", "dark")
BLOCK_CATEGORIES: tuple[str, ...] = tuple(category.value for category in Category)


@dataclass(frozen=True)
class Theme:
    """What the screen is painted with. Text colours are meant for the surface they name.

    ``text`` on ``background`` and on ``surface``; ``block_text`` on every ``blocks`` colour;
    ``highlight`` is the scan highlight's outline. It is drawn outside the target with a gap
    of what the target sits on (``background``, ``surface``), so it never touches a block:
    blocks may then be dark or bright, whatever tells their categories apart.
    """

    name: str
    background: str
    surface: str
    text: str
    text_secondary: str
    accent: str
    accent_text: str
    highlight: str
    disabled_text: str
    blocks: dict[str, str] = field(default_factory=dict)
    block_text: str = "#000000"
    floor: str = "#F2EEE3"  # the world's path squares: always lighter than its walls
    wall: str = "#3B3F46"
    grid: str = "#6B7079"  # lines between squares

    @property
    def name_key(self) -> str:
        return f"access.theme.{self.name}"

    @property
    def min_text_contrast(self) -> float:
        """What this theme promises for text: 7:1 (AAA) in high contrast, else 4.5:1 (AA)."""
        return 7.0 if self.name == "high_contrast" else 4.5

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every place text is drawn."""
        pairs = [
            ("text/background", self.text, self.background),
            ("text/surface", self.text, self.surface),
            ("text_secondary/background", self.text_secondary, self.background),
            ("text_secondary/surface", self.text_secondary, self.surface),
            ("accent_text/accent", self.accent_text, self.accent),
        ]
        pairs += [(f"block_text/{c}", self.block_text, colour) for c, colour in self.blocks.items()]
        return pairs

    def highlight_pairs(self) -> list[tuple[str, str, str]]:
        """(what, highlight, neighbour) for every surface the scan highlight touches."""
        around = [("background", self.background), ("surface", self.surface),
                  ("accent", self.accent)]
        return [(f"highlight/{name}", self.highlight, colour) for name, colour in around]


THEMES: dict[str, Theme] = {
    "default": Theme(
        name="default", background="#FFFFFF", surface="#EEF1F5", text="#1A1A1A",
        text_secondary="#4A4F57", accent="#FFD84D", accent_text="#1A1A1A",
        highlight="#6A1B9A", disabled_text="#6B7079",
        blocks={"motion": "#0B3967", "loops": "#985F11", "logic": "#0B6456",
                "actions": "#8F103A", "functions": "#2E0B61"},
        block_text="#FFFFFF",
    ),
    "high_contrast": Theme(
        name="high_contrast", background="#000000", surface="#000000", text="#FFFF00",
        text_secondary="#FFFFFF", accent="#000080", accent_text="#FFFF00",
        highlight="#00FFFF", disabled_text="#BFBFBF",
        blocks={"motion": "#9FCDFA", "loops": "#FFFF00", "logic": "#00FF00",
                "actions": "#F98FB3", "functions": "#B17EF8"},
        block_text="#000000", floor="#FFFFFF", wall="#000000", grid="#000000",
    ),
    "dark": Theme(
        name="dark", background="#121417", surface="#1F2329", text="#F2F2F2",
        text_secondary="#C4C8CE", accent="#1D5FA8", accent_text="#FFFFFF",
        highlight="#FFB020", disabled_text="#8E939B",
        blocks={"motion": "#83BEF8", "loops": "#FFF27A", "logic": "#3FE8C8",
                "actions": "#F874A0", "functions": "#A569F7"},
        block_text="#111111", floor="#B9C1CC", wall="#2A2F36", grid="#121417",
    ),
}


def theme(name: str) -> Theme:
    """The theme called ``name`` (``THEME_NAMES``); unknown names give the default."""
    return THEMES.get(name, THEMES["default"])


def parse_colour(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` -> (r, g, b) in 0..1 (what Kivy's ``Color`` takes)."""
    digits = colour.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"colour {colour!r} is not #RRGGBB")
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio, 1.0 (same) to 21.0 (black on white); order does not matter."""
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/andika/Andika-Regular.ttf",
    "/usr/share/fonts/truetype/andika/*.ttf",
    "/usr/share/fonts/**/Andika*-Regular.ttf",
    "/usr/share/fonts/**/Andika*.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/**/DejaVuSans.ttf",
)


@lru_cache(maxsize=1)
def readable_font_path() -> str | None:
    """Andika (Debian fonts-sil-andika) if installed, else DejaVu Sans, else ``None``.

    ``None`` means "use Kivy's default font (Roboto)".
    """
    for pattern in FONT_CANDIDATES:
        matches = sorted(glob.glob(pattern, recursive=True))
        regular = [m for m in matches if "Regular" in m] or matches
        if regular:
            return regular[0]
    found = _fc_match("Andika")
    return found


def _fc_match(family: str) -> str | None:
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True,
                         text=True, check=False).stdout
    paths = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    return next((p for p in paths if Path(p).exists()), None)

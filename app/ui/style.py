"""What the screen is painted with for one learner: theme colours, sizes and the font.

Built from the access profile (theme, target size, text scale, highlight) so that a
change in the educator's settings is one new ``Style`` and a redraw.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from kivy.core.text import DEFAULT_FONT, LabelBase
from kivy.metrics import dp, mm

from accessibility.block_pictures import DEFAULT_BLOCK_LOOK, block_look
from accessibility.profiles import AccessProfile
from accessibility.themes import Theme, contrast_ratio, parse_colour, readable_font_path, theme

Colour = tuple[float, float, float, float]
MIN_TARGET_MM = 9.0  # the smallest touch target, whatever the profile says
_font_registered = False


def rgba(colour: str, alpha: float = 1.0) -> Colour:
    r, g, b = parse_colour(colour)
    return (r, g, b, alpha)


SYMBOL_FONT = "DejaVuSans"  # has the gear, which Andika does not
SYMBOL_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def register_readable_font() -> None:
    """Use Andika (or DejaVu Sans) for every label: letters children tell apart."""
    global _font_registered
    if _font_registered:
        return
    path = readable_font_path()
    if path:
        LabelBase.register(DEFAULT_FONT, fn_regular=path)
    if os.path.exists(SYMBOL_FONT_PATH):
        LabelBase.register(SYMBOL_FONT, fn_regular=SYMBOL_FONT_PATH)
    _font_registered = True


@dataclass(frozen=True)
class Style:
    theme: Theme
    target: float  # smallest side of a touch target, in pixels
    font: float  # body text size, in pixels
    highlight: Colour
    highlight_width: float
    reduced_motion: bool
    block_look: str = DEFAULT_BLOCK_LOOK  # pictures, pictures_words or words

    @classmethod
    def of(cls, profile: AccessProfile) -> "Style":
        chosen = theme(profile.theme)
        target_mm = max(MIN_TARGET_MM, profile.target_size_mm)
        highlight = profile.highlight_colour
        if min(contrast_ratio(highlight, chosen.background),
               contrast_ratio(highlight, chosen.surface)) < 3.0:
            highlight = chosen.highlight  # the learner's colour would not be seen here
        return cls(chosen, mm(target_mm), dp(20) * profile.text_scale,
                   rgba(highlight), dp(profile.highlight_thickness), profile.reduced_motion,
                   block_look(profile.block_look))

    @property
    def border(self) -> Colour:
        """An outline for every button in high contrast, where all fills are black."""
        return self.colour("text") if self.theme.name == "high_contrast" else (0, 0, 0, 0)

    def colour(self, name: str, alpha: float = 1.0) -> Colour:
        return rgba(getattr(self.theme, name), alpha)

    def block_colour(self, category: str) -> Colour:
        return rgba(self.theme.blocks.get(category, self.theme.surface))

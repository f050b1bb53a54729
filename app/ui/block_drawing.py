"""How a block button shows its picture for the learner's ``block_look``: the Kivy side of
``accessibility.block_pictures`` (which picture file, which badge, where the word goes)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kivy.graphics import Color, Rectangle
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from accessibility.block_pictures import BLOCK_PICTURES, CONTROL_PICTURES
from app.ui.style import Colour, Style, rgba
from app.ui.world_view import PAINT


def block_picture_options(style: Style, kind: str, placement: str,
                          params: Mapping[str, object] | None = None) -> dict[str, Any]:
    """``BlockButton`` keyword arguments: picture, placement, size, padding, badges.

    ``placement`` is ``top`` (palette tiles: word under the picture) or ``left`` (program
    rows: word beside it, so the program stays one readable column).
    """
    picture = BLOCK_PICTURES.get(kind)
    if picture is None and placement == "top" and style.block_look != "words":
        # not a block ("continue after the loop"): a tile as tall as the blocks beside it
        return {"height": style.target * 1.3 + dp(16) + style.font * 2.6, "picture": "",
                "font_size": style.font * 0.8, "padding": (dp(3), dp(4)), "halign": "center"}
    if style.block_look == "words" or picture is None:
        return {"height": style.target, "picture": ""}
    params = params or {}
    side = style.target * (1.3 if placement == "top" else 1.1)
    options: dict[str, Any] = {"picture": str(picture.path), "picture_size": side,
                                  "count": int(params.get("count", 0) or 0)}
    colour = params.get("colour")
    if isinstance(colour, str) and colour in PAINT:
        options["badge_colour"] = rgba(PAINT[colour])
    only = style.block_look == "pictures"
    if only and placement == "top":
        options.update(placement="only", height=side + dp(16))
    elif placement == "top":
        options.update(placement="top", height=side + dp(16) + style.font * 2.6,
                       padding=(dp(3), side + dp(12), dp(3), dp(4)), halign="center",
                       valign="top", font_size=style.font * 0.8)
    else:
        options.update(placement="left", height=max(style.target, side + dp(10)),
                       padding=(side + dp(32), dp(4), dp(10), dp(4)))
    return options


def control_picture_options(style: Style, control: str) -> dict[str, Any]:
    """A control's picture (play, footprints, bulb ...) beside its word, or alone for a
    learner who sees pictures only; nothing for one who reads words, or a control with none.
    ``control`` is the command's name: ``run``, ``stop``, ``undo``, ``back`` ..."""
    picture = CONTROL_PICTURES.get(control)
    if picture is None or style.block_look == "words":
        return {"picture": ""}
    side = style.target * 0.62
    if style.block_look == "pictures":
        return {"picture": str(picture.path), "picture_size": side, "placement": "only",
                "text": ""}
    return {"picture": str(picture.path), "picture_size": side, "placement": "left",
            "padding": (side + dp(24), dp(2), dp(6), dp(2))}


class Bracket(Widget):
    """The left arm of the C-shaped brackets a row sits in: one stripe per container around
    it (a repeat, an if, a function), in that container's colour, so the blocks inside a
    repeat are seen to be inside it. Stripes reach into the gaps between rows."""

    STEP = dp(36)  # how far each level of nesting is indented
    ARM = dp(14)

    def __init__(self, colours: Sequence[Colour], reach: float, **kwargs: object) -> None:
        super().__init__(size_hint_x=None, width=len(colours) * self.STEP, **kwargs)
        self.colours = tuple(colours)
        self.reach = reach
        self.bind(pos=self._draw, size=self._draw)

    def _draw(self, *_args: object) -> None:
        self.canvas.clear()
        with self.canvas:
            for level, colour in enumerate(self.colours):
                Color(*colour)
                Rectangle(pos=(self.x + level * self.STEP, self.y - self.reach),
                          size=(self.ARM, self.height + 2 * self.reach))


def indented(widget: Widget, depth: int, arms: list | None = None) -> Widget:
    """A block or insertion point shifted right by how deep it sits in the program, inside
    the brackets of the containers around it."""
    if depth <= 0:
        return widget
    row = BoxLayout(size_hint_y=None, height=widget.height)
    widget.bind(height=row.setter("height"))
    row.add_widget(Bracket(arms or [(0, 0, 0, 0)] * depth, reach=dp(6)))
    row.add_widget(widget)
    return row

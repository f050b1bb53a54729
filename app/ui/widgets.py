"""The widgets every screen is made of: a scan target as a big button, a group as a frame.

Both carry the id of their node in the scan model; the ``Highlighter`` draws the scan
highlight on whichever node the scanner is on (and on the groups above it).
"""
from __future__ import annotations

import re

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.core.text.markup import MarkupLabel
from kivy.graphics import Color, InstructionGroup, Line
from kivy.lang import Builder
from kivy.properties import (BooleanProperty, ColorProperty, NumericProperty, ObjectProperty,
                             StringProperty)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label
from kivy.uix.stacklayout import StackLayout
from kivy.uix.widget import Widget

from accessibility.scan_model import ScanNode
from accessibility.scanner import BACK_ID
from app.ui.style import Colour


Builder.load_file(__file__.replace(".py", ".kv"))


class Scannable:
    """Mixin: a widget that stands for one node of the scan model.

    The highlight ring is drawn only while the node is highlighted: on software OpenGL
    every outline costs frame time even when it is transparent (the benchmarks showed it).
    """

    node_id = StringProperty("")
    highlighted = BooleanProperty(False)
    highlight_colour = ColorProperty((1, 0.83, 0, 1))
    highlight_width = NumericProperty(6)
    ring_outside = True  # buttons: around the widget; groups: just inside their frame
    _ring: InstructionGroup | None = None

    def on_highlighted(self, *_args: object) -> None:
        if self.highlighted and self._ring is None:
            self._ring = InstructionGroup()
            self._ring_colour = Color(*self.highlight_colour)
            self._ring_line = Line(width=self.highlight_width)
            self._ring.add(self._ring_colour)
            self._ring.add(self._ring_line)
            self.canvas.after.add(self._ring)  # type: ignore[attr-defined]
            self.bind(pos=self._place_ring, size=self._place_ring,  # type: ignore[attr-defined]
                      highlight_colour=self._place_ring, highlight_width=self._place_ring)
            self._place_ring()
        elif not self.highlighted and self._ring is not None:
            self.unbind(pos=self._place_ring, size=self._place_ring,  # type: ignore[attr-defined]
                        highlight_colour=self._place_ring, highlight_width=self._place_ring)
            self.canvas.after.remove(self._ring)  # type: ignore[attr-defined]
            self._ring = None

    def _place_ring(self, *_args: object) -> None:
        # outside: clear of the target with a gap, so the ring only meets what it sits on
        half = (self.highlight_width + 2) if self.ring_outside else -self.highlight_width / 2
        x, y = self.pos  # type: ignore[attr-defined]
        width, height = self.size  # type: ignore[attr-defined]
        self._ring_colour.rgba = self.highlight_colour
        self._ring_line.width = self.highlight_width
        self._ring_line.rounded_rectangle = (x - half, y - half, width + 2 * half,
                                             height + 2 * half, getattr(self, "radius", 12))


class TargetButton(Scannable, ButtonBehavior, Label):
    """A scan target a finger can press: big, rounded, with its label in the readable font.

    A label too long for its button (German, a big text scale) gets a smaller font, down
    to ``SMALLEST`` of the chosen size, rather than being cut.
    """

    SMALLEST = 0.6

    background = ColorProperty((0.93, 0.94, 0.96, 1))
    border_colour = ColorProperty((0, 0, 0, 0))  # drawn in high contrast, where fills vanish
    chosen = BooleanProperty(False)  # the current value of a setting
    enabled = BooleanProperty(True)
    radius = NumericProperty(14)
    chooser = ObjectProperty(None, allownone=True)
    fits = BooleanProperty(True)  # False: the label is cut even at the smallest font
    grow = BooleanProperty(False)  # in a list: grow taller for a long label, do not shrink

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._chosen_font = self.font_size
        self._fit_trigger = Clock.create_trigger(self._fit)
        self.bind(size=self._fit_trigger, text=self._fit_trigger)

    def on_release(self) -> None:
        if self.enabled and self.chooser is not None:
            self.chooser(self.node_id)

    def _fit(self, *_args: object) -> None:
        # the text lays out inside the widget less its padding (left, top, right, bottom)
        left, top, right, bottom = self.padding
        width, height = self.width - left - right, self.height - top - bottom
        if width <= 0 or height <= 0 or not self.text:
            return
        measure = MarkupLabel if self.markup else CoreLabel
        if self.grow:
            probe = measure(text=self.text, font_size=self._chosen_font, text_size=(width, None),
                            font_name=self.font_name)
            probe.refresh()
            needed = probe.content_height + top + bottom
            if needed > self.height:  # a block in a list: take another line, keep the size
                self.height = needed
                return
        size = self._chosen_font
        plain = re.sub(r"\[[^\]]*\]", "", self.text) if self.markup else self.text
        longest = max(plain.split(), key=len, default="")
        while size > self._chosen_font * self.SMALLEST:
            probe = measure(text=self.text, font_size=size, text_size=(width, None),
                            font_name=self.font_name)
            probe.refresh()
            word = CoreLabel(text=longest, font_size=size, font_name=self.font_name)
            word.refresh()  # a word must not be broken across lines ("Wiederherstell-en")
            if probe.content_height <= height and word.content_width <= width:
                self.fits = True
                break
            size *= 0.92
        else:
            self.fits = False
        self.font_size = size


class GroupFrame(Scannable, BoxLayout):
    """A group of the scan model (palette, program, controls): highlighted as one stop."""

    background = ColorProperty((0, 0, 0, 0))
    radius = NumericProperty(16)
    ring_outside = False


class GroupGrid(Scannable, GridLayout):
    background = ColorProperty((0, 0, 0, 0))
    radius = NumericProperty(16)
    ring_outside = False


class GroupStack(Scannable, StackLayout):
    background = ColorProperty((0, 0, 0, 0))
    radius = NumericProperty(16)
    ring_outside = False


def back_id(group_id: str) -> str:
    """The widget id of a group's Back stop: the scanner has one ``BACK_ID`` for all groups,
    the screen draws one button in each."""
    return f"{BACK_ID}@{group_id}"


class Highlighter:
    """Keeps the id -> widget map of the screen shown and moves the scan highlight."""

    def __init__(self) -> None:
        self.widgets: dict[str, Widget] = {}
        self._lit: list[Widget] = []
        self.current: str | None = None

    def register(self, widget: Widget) -> Widget:
        if getattr(widget, "node_id", ""):
            self.widgets[widget.node_id] = widget
        return widget

    def clear(self) -> None:
        self.widgets.clear()
        self._lit = []

    def show(self, node: ScanNode | None, group: str | None = None) -> None:
        """Light ``node``: one clear highlight at a time (a Back stop: the one drawn in
        ``group``, the group being scanned)."""
        self.current = node.id if node is not None else None
        if self.current == BACK_ID and group is not None:
            self.current = back_id(group)
        self.refresh()

    def refresh(self) -> None:
        for widget in self._lit:
            widget.highlighted = False
        self._lit = []
        if self.current is not None and self.current in self.widgets:
            widget = self.widgets[self.current]
            widget.highlighted = True
            self._lit.append(widget)

    def style_all(self, colour: Colour, width: float) -> None:
        for widget in self.widgets.values():
            widget.highlight_colour = colour
            widget.highlight_width = width

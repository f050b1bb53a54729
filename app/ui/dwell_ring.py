"""The ring that fills while a pointer rests on a target (pointer dwell): the learner sees
how long is left, and that moving away stops it. It never takes a touch."""
from __future__ import annotations

from kivy.graphics import Color, Line
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty
from kivy.uix.widget import Widget


class DwellRing(Widget):
    progress = NumericProperty(0.0)  # 0..1: the arc drawn, clockwise from the top
    colour = ColorProperty((1, 0.83, 0, 1))
    thickness = NumericProperty(dp(6))

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("size_hint", (None, None))
        kwargs.setdefault("size", (dp(56), dp(56)))
        super().__init__(**kwargs)
        self.opacity = 0
        with self.canvas:
            self._track_colour = Color(0, 0, 0, 0.35)
            self._track = Line(width=self.thickness)
            self._arc_colour = Color(*self.colour)
            self._arc = Line(width=self.thickness, cap="round")
        self.bind(pos=self._draw, size=self._draw, progress=self._draw, colour=self._draw,
                  thickness=self._draw)
        self._draw()

    def show_at(self, centre: tuple[float, float], progress: float) -> None:
        """Over ``centre`` (window coordinates: the ring lives on the root view)."""
        self.center = centre
        self.progress = progress
        self.opacity = 1

    def hide(self) -> None:
        self.opacity = 0
        self.progress = 0.0

    def _draw(self, *_args: object) -> None:
        radius = max(1.0, min(self.width, self.height) / 2 - self.thickness)
        cx, cy = self.center
        self._arc_colour.rgba = self.colour
        self._track.width = self._arc.width = self.thickness
        self._track.circle = (cx, cy, radius)
        self._arc.circle = (cx, cy, radius, 0, 360 * max(0.001, self.progress))

    def on_touch_down(self, touch) -> bool:  # a ring over a button: the touch is the button's
        return False

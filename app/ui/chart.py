"""A small line chart of independence per session (0 at the bottom: every block shown;
1 at the top: every step alone), drawn with the theme's colours, no library needed."""
from __future__ import annotations

from collections.abc import Sequence

from kivy.graphics import Color, Ellipse, Line, Rectangle
from kivy.uix.widget import Widget

from app.ui.style import Colour


class IndependenceChart(Widget):
    def __init__(self, scores: Sequence[float], colour: Colour, surface: Colour,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.scores = [min(1.0, max(0.0, float(s))) for s in scores]
        self.colour = colour
        self.surface = surface
        self.bind(pos=self._draw, size=self._draw)

    def _draw(self, *_args: object) -> None:
        self.canvas.clear()
        pad = 6.0
        width, height = self.width - 2 * pad, self.height - 2 * pad
        with self.canvas:
            Color(*self.surface)
            Rectangle(pos=self.pos, size=self.size)
            if not self.scores or width <= 0 or height <= 0:
                return
            Color(*self.colour)
            step = width / max(1, len(self.scores) - 1)
            points = []
            for index, score in enumerate(self.scores):
                x = self.x + pad + (index * step if len(self.scores) > 1 else width / 2)
                y = self.y + pad + score * height
                points += [x, y]
                Ellipse(pos=(x - 4, y - 4), size=(8, 8))
            if len(points) > 2:
                Line(points=points, width=2)

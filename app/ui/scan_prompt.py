"""The lit prompt a paused scanner shows ("Press your switch to start"): a switch learner
must always see that the game waits for them, never an empty screen without a highlight."""
from __future__ import annotations

from kivy.graphics import Color, Line, Rectangle
from kivy.metrics import dp
from kivy.uix.label import Label

from app.ui.style import Style


class ScanPrompt(Label):
    """A large label in the learner's highlight colour, drawn over the screen while paused."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(size_hint=(0.7, None), pos_hint={"center_x": 0.5, "center_y": 0.5},
                         halign="center", valign="middle", opacity=0, **kwargs)
        with self.canvas.before:
            self._fill = Color(0, 0, 0, 1)
            self._box = Rectangle()
            self._ring = Color(1, 1, 0, 1)
            self._line = Line(width=dp(6))
        self.bind(pos=self._redraw, size=self._redraw, width=self._wrap)

    def _wrap(self, *_args: object) -> None:
        self.text_size = (self.width - dp(48), None)

    def _redraw(self, *_args: object) -> None:
        self._box.pos, self._box.size = self.pos, self.size
        self._line.rectangle = (self.x, self.y, self.width, self.height)

    def restyle(self, style: Style) -> None:
        self.font_size = style.font * 1.6
        self.color = style.colour("text")
        self._fill.rgba = style.colour("surface")
        self._ring.rgba = style.highlight
        self._line.width = max(dp(4), style.highlight_width)
        self.height = max(style.target * 2, self.font_size * 4)

    def show(self, text: str | None) -> None:
        """``text``: the translated prompt, or ``None`` to hide it."""
        self.text = text or ""
        self.opacity = 1 if text else 0

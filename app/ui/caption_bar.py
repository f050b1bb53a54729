"""The child's caption bar: what the narrator says about the game, in at most two lines.

A long sentence (a career card read aloud, a hint) used to take three or four lines of an
800 x 480 tablet and push the screen's own words over each other; it now gets a smaller
font first, down to ``SMALLEST`` of the chosen size, and only then a taller bar (no word
is ever cut).
"""
from __future__ import annotations

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp
from kivy.properties import NumericProperty
from kivy.uix.label import Label

SMALLEST = 0.7
LINES = 2
SIDES = dp(24)  # the bar's text is this much narrower than the bar


class CaptionBar(Label):
    """A label whose font shrinks until its text takes ``LINES`` lines at most."""

    chosen_font = NumericProperty(20)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._fit_trigger = Clock.create_trigger(self._fit)
        self.bind(text=self._fit_trigger, width=self._fit_trigger,
                  chosen_font=self._fit_trigger)

    def _fit(self, *_args: object) -> None:
        width = self.width - SIDES
        if width <= 0:
            return
        size = self.chosen_font
        if self.text:
            one_line = CoreLabel(text="Ag", font_size=size, font_name=self.font_name)
            one_line.refresh()
            most = one_line.content_height * LINES
            while size > self.chosen_font * SMALLEST:
                probe = CoreLabel(text=self.text, font_size=size, text_size=(width, None),
                                  font_name=self.font_name)
                probe.refresh()
                if probe.content_height <= most:
                    break
                size *= 0.92
        self.font_size = size

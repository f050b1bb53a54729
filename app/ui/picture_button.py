"""A target button with a picture: on a light plate, beside or above its word, or alone.

Children who do not read yet tell blocks apart by the picture; the word stays for those
who do (the learner's ``block_look``). A badge can sit on the picture's corner: a repeat's
count as a digit with as many dots, a paint block's colour.
"""
from __future__ import annotations

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Ellipse, InstructionGroup, Rectangle, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import ColorProperty, NumericProperty, OptionProperty, StringProperty

from app.ui.widgets import TargetButton

PLATE = (1, 1, 1, 1)
BADGE_INK = (0.07, 0.07, 0.07, 1)


class PictureButton(TargetButton):
    picture = StringProperty("")  # a PNG path; loaded (and cached by Kivy) when first drawn
    picture_aside = StringProperty("")  # a control's picture while a small screen hides it
    placement = OptionProperty("left", options=("left", "top", "only"))
    picture_size = NumericProperty(dp(48))
    count = NumericProperty(0)  # > 0: a digit and that many dots on the picture
    badge_colour = ColorProperty((0, 0, 0, 0))  # a paint pot's colour, drawn as a disc

    def __init__(self, **kwargs: object) -> None:
        self._art = InstructionGroup()
        super().__init__(**kwargs)
        self.canvas.add(self._art)
        # drawn once the frame's layout is done: a tile that grows for a second line of its
        # word used to keep its picture where the shorter tile had it, over the first line
        redraw = Clock.create_trigger(self._draw, -1)
        self.bind(pos=redraw, size=redraw, picture=redraw, placement=redraw,
                  picture_size=redraw, count=redraw, badge_colour=redraw)
        self._draw()

    def show_picture(self, shown: bool) -> None:
        """The picture beside the words (``placement`` left), or its room given to the words
        where they need it (a small screen); kept in ``picture_aside`` to come back."""
        if self.picture:
            self.picture_aside = self.picture
        if not self.picture_aside or self.placement != "left":
            return
        _left, top, right, bottom = self.padding
        self.picture = self.picture_aside if shown else ""
        self.padding = (self.picture_size + dp(24) if shown else right, top, right, bottom)

    def picture_box(self) -> tuple[float, float, float]:
        """Where the plate goes: (x, y, side)."""
        margin = dp(8)
        side = self.picture_size
        if self.placement != "left":  # a narrow palette tile: the plate stays inside it
            side = max(0.0, min(side, self.width - margin))
        if self.placement == "left":  # clear of the bar that marks the running block
            return self.x + margin + dp(10), self.center_y - side / 2, side
        if self.placement == "top":
            return self.center_x - side / 2, self.top - margin - side, side
        return self.center_x - side / 2, self.center_y - side / 2, side

    def _draw(self, *_args: object) -> None:
        self._art.clear()
        if not self.picture:
            return
        x, y, side = self.picture_box()
        art = self._art
        art.add(Color(*PLATE))
        art.add(RoundedRectangle(pos=(x, y), size=(side, side), radius=[side * 0.18]))
        inset = side * 0.08
        art.add(Color(1, 1, 1, 1))
        art.add(Rectangle(source=self.picture, pos=(x + inset, y + inset),
                          size=(side - 2 * inset, side - 2 * inset)))
        if self.badge_colour[3] > 0:
            disc = side * 0.42
            art.add(Color(*BADGE_INK))
            art.add(Ellipse(pos=(x + side - disc * 0.8 - 2, y - disc * 0.2 - 2),
                            size=(disc + 4, disc + 4)))
            art.add(Color(*self.badge_colour))
            art.add(Ellipse(pos=(x + side - disc * 0.8, y - disc * 0.2), size=(disc, disc)))
        if self.count > 0:
            self._count_badge(x, y, side)

    def _count_badge(self, x: float, y: float, side: float) -> None:
        """The count as a big digit on a dark disc, and as dots along the plate's foot."""
        disc = side * 0.5
        art = self._art
        art.add(Color(*BADGE_INK))
        art.add(Ellipse(pos=(x + side - disc * 0.7, y + side - disc * 0.7), size=(disc, disc)))
        digit = CoreLabel(text=str(int(self.count)), font_size=disc * 0.75, bold=True)
        digit.refresh()
        width, height = digit.texture.size
        art.add(Color(1, 1, 1, 1))
        art.add(Rectangle(texture=digit.texture, size=(width, height),
                          pos=(x + side - disc * 0.2 - width / 2,
                               y + side - disc * 0.2 - height / 2)))
        count = int(self.count)
        dot = min(side * 0.09, (side * 0.9) / max(count, 1) * 0.7)
        step = (side * 0.9) / max(count, 1)
        art.add(Color(*BADGE_INK))
        for index in range(count):
            art.add(Ellipse(pos=(x + side * 0.05 + step * index + (step - dot) / 2,
                                 y + side * 0.02), size=(dot, dot)))

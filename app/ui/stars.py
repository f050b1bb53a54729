"""Stars as pictures (OpenMoji), not text symbols: gold for each star earned, grey for each
still to earn. Small on a level's tile; big on the level-complete screen, where the earned
ones fly in one after the other (with reduced motion they are simply there)."""
from __future__ import annotations

from collections.abc import Callable

from kivy.animation import Animation
from kivy.graphics import Color, InstructionGroup, Rectangle
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

from accessibility.block_pictures import UI_PICTURES

STARS = 3  # a level gives up to three stars
GAP = 0.15  # between two stars, as a share of a star's side
FLIGHT_SECONDS = 0.6
BETWEEN_SECONDS = 0.35  # one star lands, then the next takes off


def star_picture(earned: bool) -> str:
    return str(UI_PICTURES["star" if earned else "star_empty"].path)


def row_width(side: float, count: int = STARS) -> float:
    return side * count + side * GAP * (count - 1)


def draw_row(art: InstructionGroup, earned: int, x: float, y: float, side: float,
             count: int = STARS) -> None:
    """``count`` stars of ``side`` pixels from (x, y), the first ``earned`` of them gold."""
    art.add(Color(1, 1, 1, 1))
    for index in range(count):
        art.add(Rectangle(source=star_picture(index < earned), size=(side, side),
                          pos=(x + index * side * (1 + GAP), y)))


def add_tile_stars(host: Widget, earned: int,
                   place_in: Callable[[Widget], tuple[float, float]]) -> InstructionGroup:
    """A row of small stars across ``host`` (a level's tile); ``place_in(host)`` gives the
    band they sit in: (its bottom, its height), in shares of the tile's height."""
    art = InstructionGroup()
    host.canvas.after.add(art)

    def place(*_args: object) -> None:
        art.clear()
        bottom, band = place_in(host)
        side = min(host.height * band, host.width / (STARS + 1))
        x = host.center_x - row_width(side) / 2
        draw_row(art, earned, x, host.y + host.height * bottom + (host.height * band - side) / 2,
                 side)

    host.bind(pos=place, size=place)
    place()
    return art


class StarRow(Widget):
    """The level-complete screen's three big stars."""

    flight0 = NumericProperty(1.0)  # 0: not landed yet, 1: in its place
    flight1 = NumericProperty(1.0)
    flight2 = NumericProperty(1.0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.earned = 0
        self._art = InstructionGroup()
        self.canvas.add(self._art)
        self.bind(pos=self._draw, size=self._draw, flight0=self._draw, flight1=self._draw,
                  flight2=self._draw)

    def show(self, earned: int, animate: bool,
             landed: Callable[[int], None] = lambda _index: None) -> None:
        """Show ``earned`` stars; flying in one by one when ``animate`` (``landed`` is
        called as each one arrives, for its sound)."""
        self.earned = max(0, min(STARS, earned))
        Animation.cancel_all(self)
        for index in range(STARS):
            setattr(self, f"flight{index}", 0.0 if animate and index < self.earned else 1.0)
        if animate:
            for index in range(self.earned):
                flight = Animation(d=BETWEEN_SECONDS * index) + Animation(
                    **{f"flight{index}": 1.0}, d=FLIGHT_SECONDS, t="out_back")
                flight.bind(on_complete=lambda *_a, i=index: landed(i))
                flight.start(self)
        self._draw()

    @property
    def landed(self) -> bool:
        return all(getattr(self, f"flight{i}") >= 1.0 for i in range(STARS))

    def _draw(self, *_args: object) -> None:
        art = self._art
        art.clear()
        side = min(self.height, self.width / (STARS + 1))
        left = self.center_x - row_width(side) / 2
        draw_row(art, 0, left, self.y, side)  # the places, grey
        art.add(Color(1, 1, 1, 1))
        for index in range(self.earned):
            flight = getattr(self, f"flight{index}")
            if flight <= 0:
                continue
            grown = side * (0.4 + 0.6 * flight)  # from small, far below, to its place
            x = left + index * side * (1 + GAP) + (side - grown) / 2
            y = self.y - (1 - flight) * self.height * 2 + (side - grown) / 2
            art.add(Rectangle(source=star_picture(True), size=(grown, grown), pos=(x, y)))

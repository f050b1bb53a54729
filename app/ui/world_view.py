"""The grid world drawn with pictures: light path squares with grid lines, brick walls,
the goal flag, stars, painted squares, the target picture (faint) and the robot.

The robot faces where it will go (an arrow in front of it), glides from square to square,
shakes when it bumps into a wall and jumps with a party popper at the goal, unless motion
is reduced (then it only changes colour or shows the popper)."""
from __future__ import annotations

import math

from kivy.animation import Animation
from kivy.graphics import Color, Ellipse, Line, Rectangle, RoundedRectangle, Triangle
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

from accessibility.block_pictures import WORLD_PICTURES
from app.ui.style import Style, rgba
from app.workspace_session import WorldState
from levels.world import Heading, World

ANGLES = {Heading.NORTH: 90.0, Heading.EAST: 0.0, Heading.SOUTH: 270.0, Heading.WEST: 180.0}
PAINT = {"red": "#D32F2F", "blue": "#1565C0", "green": "#2E7D32", "yellow": "#FBC02D",
         "orange": "#EF6C00", "purple": "#6A1B9A", "black": "#000000", "white": "#FFFFFF"}
STEP_SECONDS = 0.3
BUMP_RED = "#C62828"
HINT_RING = "#00838F"  # a hint's squares: not the scan highlight's colour, not a warning red


def _picture(name: str) -> str:
    return str(WORLD_PICTURES[name].path)


class WorldView(Widget):
    robot_row = NumericProperty(0.0)
    robot_col = NumericProperty(0.0)
    robot_angle = NumericProperty(0.0)
    shake = NumericProperty(0.0)  # sideways offset while bumping, in squares
    hop = NumericProperty(0.0)  # upward offset while cheering, in squares

    def __init__(self, world: World, style: Style, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.world = world
        self.style = style
        self.state = WorldState(world.start, world.heading)
        self.marks: frozenset[tuple[int, int]] = frozenset()  # squares a hint speaks of
        self.robot_row, self.robot_col = map(float, world.start)
        self.robot_angle = ANGLES[world.heading]
        self.bind(pos=self.redraw, size=self.redraw, robot_row=self.redraw,
                  robot_col=self.redraw, robot_angle=self.redraw, shake=self.redraw,
                  hop=self.redraw)

    @property
    def cheering(self) -> bool:
        return self.world.goal is not None and self.state.cell == self.world.goal

    def show(self, state: WorldState) -> None:
        """Draw ``state``; the robot moves there smoothly (or at once, with reduced motion)."""
        moved = state.cell != self.state.cell or state.heading != self.state.heading
        bumped = state.bumped and not self.state.bumped
        self.state = state
        Animation.cancel_all(self)
        self.shake = self.hop = 0.0
        target = {"robot_row": float(state.cell[0]), "robot_col": float(state.cell[1]),
                  "robot_angle": self._angle_towards(ANGLES[state.heading])}
        if moved and not self.style.reduced_motion:
            walk = Animation(duration=STEP_SECONDS, transition="out_quad", **target)
            if self.cheering:
                walk += self._cheer()
            walk.start(self)
        else:
            for name, value in target.items():
                setattr(self, name, value)
            if bumped and not self.style.reduced_motion:
                self._bump().start(self)
        self.redraw()

    @staticmethod
    def _bump() -> Animation:
        """A small shake: left, right, left, still."""
        shake = Animation(shake=-0.08, duration=0.05)
        for offset in (0.08, -0.06, 0.04, 0.0):
            shake += Animation(shake=offset, duration=0.05)
        return shake

    @staticmethod
    def _cheer() -> Animation:
        """Two little jumps."""
        jump = Animation(hop=0.25, duration=0.15, transition="out_quad")
        jump += Animation(hop=0.0, duration=0.15, transition="in_quad")
        return jump + jump

    def _angle_towards(self, angle: float) -> float:
        """The same heading, turned the short way from where the robot faces now."""
        delta = (angle - self.robot_angle + 180.0) % 360.0 - 180.0
        return self.robot_angle + delta

    # -- drawing --------------------------------------------------------------------------

    def _cell(self) -> tuple[float, float, float]:
        size = min(self.width / self.world.columns, self.height / self.world.rows)
        left = self.x + (self.width - size * self.world.columns) / 2
        top = self.y + (self.height + size * self.world.rows) / 2
        return size, left, top

    def _origin(self, row: float, col: float) -> tuple[float, float]:
        size, left, top = self._cell()
        return left + col * size, top - (row + 1) * size

    def redraw(self, *_args: object) -> None:
        if self.width <= 1 or self.height <= 1:
            return
        theme = self.style.theme
        size, left, top = self._cell()
        self.canvas.clear()
        with self.canvas:
            Color(*rgba(theme.floor))
            Rectangle(pos=(left, top - size * self.world.rows),
                      size=(size * self.world.columns, size * self.world.rows))
            for row in range(self.world.rows):
                for col in range(self.world.columns):
                    self._square((row, col), *self._origin(row, col), size)
            self._grid(size, left, top)
            if self.world.goal is not None:
                self._tile("goal", *self._origin(*self.world.goal), size)
            for star in self.world.stars - self.state.collected:
                self._star(*self._origin(*star), size, self.world.star_colours.get(star))
            for cell in self.marks:
                self._ring(*self._origin(*cell), size)
            self._robot(size)

    def mark(self, cells: frozenset[tuple[int, int]]) -> None:
        """Ring the squares a hint speaks of (empty: none)."""
        self.marks = cells
        self.redraw()

    @staticmethod
    def _ring(x: float, y: float, size: float) -> None:
        width = max(2.0, size * 0.07)
        Color(*rgba(HINT_RING))
        Line(rounded_rectangle=(x + width, y + width, size - 2 * width, size - 2 * width,
                                size * 0.15), width=width)

    def _square(self, cell: tuple[int, int], x: float, y: float, size: float) -> None:
        theme = self.style.theme
        if cell in self.world.walls:
            Color(*rgba(theme.wall))
            Rectangle(pos=(x, y), size=(size, size))
            self._tile("wall", x, y, size, 0.8)
            return
        if cell in self.state.painted:
            Color(*rgba(PAINT[self.state.painted[cell]]))
            Rectangle(pos=(x, y), size=(size, size))
        wanted = (self.world.picture or {}).get(cell)
        if wanted is not None and self.state.painted.get(cell) != wanted:
            Color(*rgba(PAINT[wanted], 0.45))  # the picture to copy, faint
            RoundedRectangle(pos=(x + size * 0.25, y + size * 0.25),
                             size=(size * 0.5, size * 0.5), radius=[size * 0.1])
        if cell in self.world.bins:  # a sorting bin: a thick frame of its colour
            Color(*rgba(PAINT[self.world.bins[cell]]))
            Line(rectangle=(x + size * 0.12, y + size * 0.12, size * 0.76, size * 0.76),
                 width=max(2.0, size * 0.06))

    def _grid(self, size: float, left: float, top: float) -> None:
        Color(*rgba(self.style.theme.grid))
        width = max(1.0, size * 0.02)
        bottom = top - size * self.world.rows
        right = left + size * self.world.columns
        for row in range(self.world.rows + 1):
            Line(points=[left, bottom + row * size, right, bottom + row * size], width=width)
        for col in range(self.world.columns + 1):
            Line(points=[left + col * size, bottom, left + col * size, top], width=width)

    def _star(self, x: float, y: float, size: float, colour: str | None = None) -> None:
        """A star; a data level's coloured star sits on a disc of its colour."""
        if colour is not None:
            Color(*rgba(PAINT[colour]))
            Ellipse(pos=(x + size * 0.1, y + size * 0.1), size=(size * 0.8, size * 0.8))
            Color(*rgba("#3E2723"))
            Line(circle=(x + size / 2, y + size / 2, size * 0.4), width=max(1.0, size * 0.03))
        self._tile("star", x, y, size, 0.55 if colour is not None else 0.7)

    @staticmethod
    def _tile(name: str, x: float, y: float, size: float, share: float = 0.8) -> None:
        inset = size * (1 - share) / 2
        Color(1, 1, 1, 1)
        Rectangle(source=_picture(name), pos=(x + inset, y + inset),
                  size=(size - 2 * inset, size - 2 * inset))

    def _robot(self, size: float) -> None:
        x, y = self._origin(self.robot_row, self.robot_col)
        x += self.shake * size
        y += self.hop * size
        cx, cy = x + size / 2, y + size / 2
        if self.state.bumped:  # a red glow: seen even with reduced motion
            Color(*rgba(BUMP_RED, 0.55))
            RoundedRectangle(pos=(x + size * 0.04, y + size * 0.04),
                             size=(size * 0.92, size * 0.92), radius=[size * 0.2])
        # the arrow in front of the robot says where it faces
        angle = math.radians(self.robot_angle)
        tip = (cx + math.cos(angle) * size * 0.5, cy + math.sin(angle) * size * 0.5)
        base = size * 0.3
        left = (cx + math.cos(angle) * base + math.cos(angle + math.pi / 2) * size * 0.2,
                cy + math.sin(angle) * base + math.sin(angle + math.pi / 2) * size * 0.2)
        right = (cx + math.cos(angle) * base - math.cos(angle + math.pi / 2) * size * 0.2,
                 cy + math.sin(angle) * base - math.sin(angle + math.pi / 2) * size * 0.2)
        Color(*rgba(self.style.theme.accent))
        Triangle(points=[*tip, *left, *right])
        Color(*rgba(self.style.theme.text if self.style.theme.name != "default" else "#1A1A1A"))
        Line(points=[*tip, *left, *right], close=True, width=max(1.0, size * 0.02))
        self._tile("robot", x, y, size, 0.7)
        if self.cheering:
            self._tile("cheer", x + size * 0.45, y + size * 0.45, size * 0.6, 1.0)


def add_thumbnail(host: Widget, world: World, style: Style, share: float = 0.55) -> WorldView:
    """A small picture of ``world`` in the lower ``share`` of ``host`` (a level's tile), so a
    child who cannot read the level's name still sees where the robot will go."""
    view = WorldView(world, style, size_hint=(None, None))

    def place(*_args: object) -> None:
        margin = host.height * 0.06
        view.pos = (host.x + margin, host.y + margin)
        view.size = (host.width - 2 * margin, host.height * share - margin)

    host.bind(pos=place, size=place)
    host.add_widget(view)
    place()
    return view

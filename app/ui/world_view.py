"""The grid world drawn: walls, the flag, stars, painted squares, the target picture (faint)
and the robot, which glides from square to square unless motion is reduced."""
from __future__ import annotations

from kivy.animation import Animation
from kivy.graphics import Color, Ellipse, Line, Rectangle, Triangle
from kivy.metrics import dp
from kivy.properties import NumericProperty
from kivy.uix.widget import Widget

from app.ui.style import Colour, Style, rgba
from app.workspace_session import WorldState
from levels.world import Heading, World

ANGLES = {Heading.NORTH: 90.0, Heading.EAST: 0.0, Heading.SOUTH: 270.0, Heading.WEST: 180.0}
PAINT = {"red": "#D32F2F", "blue": "#1565C0", "green": "#2E7D32", "yellow": "#FBC02D",
         "orange": "#EF6C00", "purple": "#6A1B9A", "black": "#000000", "white": "#FFFFFF"}
STEP_SECONDS = 0.3


class WorldView(Widget):
    robot_row = NumericProperty(0.0)
    robot_col = NumericProperty(0.0)
    robot_angle = NumericProperty(0.0)

    def __init__(self, world: World, style: Style, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.world = world
        self.style = style
        self.state = WorldState(world.start, world.heading)
        self.robot_row, self.robot_col = map(float, world.start)
        self.robot_angle = ANGLES[world.heading]
        self.bind(pos=self.redraw, size=self.redraw, robot_row=self.redraw,
                  robot_col=self.redraw, robot_angle=self.redraw)

    def show(self, state: WorldState) -> None:
        """Draw ``state``; the robot moves there smoothly (or at once, with reduced motion)."""
        moved = state.cell != self.state.cell or state.heading != self.state.heading
        self.state = state
        Animation.cancel_all(self)
        target = {"robot_row": float(state.cell[0]), "robot_col": float(state.cell[1]),
                  "robot_angle": self._angle_towards(ANGLES[state.heading])}
        if moved and not self.style.reduced_motion:
            Animation(duration=STEP_SECONDS, transition="out_quad", **target).start(self)
        else:
            for name, value in target.items():
                setattr(self, name, value)
        self.redraw()

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
        size, _, _ = self._cell()
        gap = max(1.0, size * 0.04)
        self.canvas.clear()
        with self.canvas:
            for row in range(self.world.rows):
                for col in range(self.world.columns):
                    cell = (row, col)
                    x, y = self._origin(row, col)
                    if cell in self.world.walls:
                        Color(*rgba(theme.text_secondary))
                    elif cell in self.state.painted:
                        Color(*rgba(PAINT[self.state.painted[cell]]))
                    else:
                        Color(*rgba(theme.surface))
                    Rectangle(pos=(x + gap, y + gap), size=(size - 2 * gap, size - 2 * gap))
                    if cell in self.world.bins:  # a sorting bin: a thick frame of its colour
                        Color(*rgba(PAINT[self.world.bins[cell]]))
                        Line(rectangle=(x + size * 0.12, y + size * 0.12, size * 0.76,
                                        size * 0.76), width=max(2.0, size * 0.06))
                    wanted = (self.world.picture or {}).get(cell)
                    if wanted is not None and self.state.painted.get(cell) != wanted:
                        Color(*rgba(PAINT[wanted], 0.35))  # the picture to copy, faint
                        Rectangle(pos=(x + size * 0.3, y + size * 0.3),
                                  size=(size * 0.4, size * 0.4))
            if self.world.goal is not None:
                self._flag(*self._origin(*self.world.goal), size)
            for star in self.world.stars - self.state.collected:
                self._star(*self._origin(*star), size, self.world.star_colours.get(star))
            self._robot(size)

    def _flag(self, x: float, y: float, size: float) -> None:
        Color(*rgba(self.style.theme.text))
        Line(points=[x + size * 0.3, y + size * 0.15, x + size * 0.3, y + size * 0.85],
             width=max(1.5, size * 0.04))
        Color(*rgba("#2E7D32"))
        Triangle(points=[x + size * 0.3, y + size * 0.85, x + size * 0.8, y + size * 0.7,
                         x + size * 0.3, y + size * 0.55])

    def _star(self, x: float, y: float, size: float, colour: str | None = None) -> None:
        Color(*rgba(PAINT[colour] if colour else "#F9A825"))  # a data level's coloured star
        Ellipse(pos=(x + size * 0.28, y + size * 0.28), size=(size * 0.44, size * 0.44))
        Color(*rgba("#5D4037"))
        Line(circle=(x + size / 2, y + size / 2, size * 0.22), width=max(1.0, dp(1.2)))

    def _robot(self, size: float) -> None:
        import math
        x, y = self._origin(self.robot_row, self.robot_col)
        cx, cy = x + size / 2, y + size / 2
        body: Colour = rgba("#C62828") if self.state.bumped else rgba(self.style.theme.accent)
        Color(*body)
        Ellipse(pos=(cx - size * 0.32, cy - size * 0.32), size=(size * 0.64, size * 0.64))
        Color(*rgba(self.style.theme.text))
        Line(circle=(cx, cy, size * 0.32), width=max(1.5, size * 0.035))
        angle = math.radians(self.robot_angle)
        tip = (cx + math.cos(angle) * size * 0.3, cy + math.sin(angle) * size * 0.3)
        side = size * 0.14
        left = (cx + math.cos(angle + 2.3) * side, cy + math.sin(angle + 2.3) * side)
        right = (cx + math.cos(angle - 2.3) * side, cy + math.sin(angle - 2.3) * side)
        Triangle(points=[*tip, *left, *right])

"""A career card: a drawn job picture (no portraits: shapes only), who, what, and next."""
from __future__ import annotations

from kivy.graphics import Color, Ellipse, Line, Rectangle
from kivy.lang import Builder
from kivy.clock import Clock
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.widget import Widget

from accessibility.scan_model import Group
from app.screens.base import ModelScreen

Builder.load_file(__file__.replace(".py", ".kv"))

# one colour per job (the picture is a sign, not a person): a round badge with the job's shape
JOB_COLOURS = {"programmer": (0.16, 0.45, 0.8, 1), "game_developer": (0.55, 0.3, 0.75, 1),
               "data_scientist": (0.1, 0.6, 0.45, 1), "accessibility_engineer": (0.9, 0.5, 0.1, 1),
               "roboticist": (0.4, 0.45, 0.5, 1), "designer": (0.85, 0.25, 0.45, 1),
               "security_engineer": (0.2, 0.5, 0.3, 1), "scientist": (0.2, 0.3, 0.6, 1)}


class JobPicture(Widget):
    """A big round badge with a simple shape: screen, bars, circle, grid... per job."""

    job = StringProperty("")
    ink = ColorProperty((1, 1, 1, 1))

    def on_kv_post(self, *_args: object) -> None:
        self.bind(pos=self.draw, size=self.draw, job=self.draw)

    def draw(self, *_args: object) -> None:
        self.canvas.clear()
        side = min(self.width, self.height) * 0.9
        x, y = self.center_x - side / 2, self.center_y - side / 2
        with self.canvas:
            Color(*JOB_COLOURS.get(self.job, (0.5, 0.5, 0.5, 1)))
            Ellipse(pos=(x, y), size=(side, side))
            Color(*self.ink)
            unit = side / 8
            if self.job == "data_scientist":  # a bar chart
                for i, h in enumerate((2, 3, 1.5, 4)):
                    Rectangle(pos=(x + unit * (2 + i), y + unit * 2), size=(unit * 0.7, unit * h))
            elif self.job in ("designer", "game_developer"):  # a pixel grid
                for i in range(3):
                    for j in range(3):
                        if (i + j) % 2 == 0:
                            Rectangle(pos=(x + unit * (2.5 + i), y + unit * (2.5 + j)),
                                      size=(unit * 0.9, unit * 0.9))
            elif self.job == "roboticist":  # a robot head
                Line(rectangle=(x + unit * 2.5, y + unit * 2.5, unit * 3, unit * 3), width=unit / 5)
                Ellipse(pos=(x + unit * 3, y + unit * 4), size=(unit * 0.6, unit * 0.6))
                Ellipse(pos=(x + unit * 4.4, y + unit * 4), size=(unit * 0.6, unit * 0.6))
            elif self.job in ("accessibility_engineer", "scientist"):  # a switch: ring and dot
                Line(circle=(self.center_x, self.center_y, unit * 2), width=unit / 5)
                Ellipse(pos=(self.center_x - unit, self.center_y - unit), size=(unit * 2, unit * 2))
            else:  # a screen with lines of code (programmer, security)
                Line(rectangle=(x + unit * 2, y + unit * 2.5, unit * 4, unit * 3), width=unit / 6)
                for row in range(3):
                    Line(points=[x + unit * 2.6, y + unit * (3.2 + row * 0.8),
                                 x + unit * (4.2 + row % 2), y + unit * (3.2 + row * 0.8)],
                         width=unit / 8)


SMALLEST_TEXT = 0.6  # the card's words shrink this far at most to fit a small screen


class CareerScreen(ModelScreen):
    # the card's words smaller on a small screen: on 800 x 480 in German the name, the job
    # and the sentence ran over each other and over the counter
    text_scale = NumericProperty(1.0)

    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="career", **kwargs)
        self.job = ""
        self._fit_trigger = Clock.create_trigger(self._fit)
        words = self.ids.words
        words.bind(size=self._refit)
        for label in (self.ids.name, self.ids.job, self.ids.what):
            label.bind(texture_size=self._fit_trigger)

    def _refit(self, *_args: object) -> None:
        """A new card or a new size: start from the chosen size again."""
        self.text_scale = 1.0
        self._fit_trigger()

    def _fit(self, *_args: object) -> None:
        if not self.words_fit() and self.text_scale > SMALLEST_TEXT:
            self.text_scale = max(SMALLEST_TEXT, self.text_scale * 0.9)

    def words_fit(self) -> bool:
        """Whether the name, the job and the sentence fit the card (the layout test asks)."""
        ids = self.ids
        needed = (ids.name.height + ids.job.height + ids.what.texture_size[1]
                  + ids.words.spacing * 2)
        return needed <= ids.words.height + 1

    def show_model(self, root: Group, focus: str | None) -> None:
        params = root.params
        self.ids.counter.text = self.ctx.label_of(root)
        years = f"  ({params['years']})" if params.get("years") else ""
        self.ids.name.text = f"{params['name']}{years}"
        job = str(params["job"])
        self.ids.job.text = f"{job}\n{params['disability']}" if params.get("disability") else job
        self.ids.what.text = str(params["what"])
        self._refit()
        self.ids.picture.job = str(params.get("job_id", ""))
        self.choice_row(self.ids.choices, root, primary="career:next")

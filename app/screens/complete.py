"""Level complete: big stars flying in, spoken praise, the program as Python (in the Python
track only: younger children see no code), and what next."""
from __future__ import annotations

from kivy.lang import Builder

from accessibility.scan_model import Group
from app.screens.base import ModelScreen

Builder.load_file(__file__.replace(".py", ".kv"))


class CompleteScreen(ModelScreen):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="complete", **kwargs)
        self.stars = 0
        self.python = ""

    def show_result(self, stars: int, python: str) -> None:
        """``python``: the program as Python, or "" outside the Python track."""
        self.stars = stars
        self.python = python
        self.ids.stars.show(stars, animate=not self.ctx.style.reduced_motion,
                            landed=lambda _index: self.ctx.earcon("star"))

    def on_enter(self, *_args: object) -> None:
        self.ctx.earcon("complete")

    def show_model(self, root: Group, focus: str | None) -> None:
        self.ids.praise.text = self.ctx.text("app.complete.praise", count=self.stars)
        shown = bool(self.python)
        self.ids.python_title.text = self.ctx.text("app.complete.your_program") if shown else ""
        self.ids.python.text = self.python.replace("[", "&bl;").replace("]", "&br;")
        self.ids.python_title.opacity = self.ids.python.opacity = 1 if shown else 0
        self.ids.python.size_hint_y = 1 if shown else 0.2  # the stars and praise in the middle
        self.choice_row(self.ids.choices, root, primary="complete:next")

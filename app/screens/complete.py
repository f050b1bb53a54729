"""Level complete: big stars, spoken praise, the program as Python, and what next."""
from __future__ import annotations

from kivy.lang import Builder

from accessibility.scan_model import Group, Target
from app.screens.base import ModelScreen
from app.ui.style import with_symbols

Builder.load_file(__file__.replace(".py", ".kv"))

STAR, NO_STAR = "\u2605", "\u2606"


class CompleteScreen(ModelScreen):
    def __init__(self, ctx, **kwargs) -> None:
        super().__init__(ctx, name="complete", **kwargs)
        self.stars = 0
        self.python = ""

    def show_result(self, stars: int, python: str) -> None:
        self.stars = stars
        self.python = python

    def on_enter(self, *_args: object) -> None:
        self.ctx.earcon("complete")

    def show_model(self, root: Group, focus: str | None) -> None:
        style = self.ctx.style
        self.ids.stars.text = with_symbols("", STAR * self.stars + NO_STAR * (3 - self.stars))
        self.ids.praise.text = self.ctx.text("app.complete.praise", count=self.stars)
        self.ids.python_title.text = self.ctx.text("app.complete.your_program")
        self.ids.python.text = self.python.replace("[", "&bl;").replace("]", "&br;")
        choices = self.ids.choices
        choices.clear_widgets()
        row = self.grid(root, cols=3, size_hint_y=1)
        for target in root.children:
            if isinstance(target, Target):
                primary = target.id == "complete:next"
                row.add_widget(self.button(
                    target, background=style.colour("accent" if primary else "surface"),
                    color=style.colour("accent_text" if primary else "text")))
        choices.add_widget(row)

"""What every screen shares: turning the scan model's targets and groups into widgets."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kivy.properties import ColorProperty, NumericProperty
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from accessibility.scan_model import Group, Target
from accessibility.scanner import BACK_LABEL_KEY
from accessibility.translator import Translator
from app.ui.style import Style
from app.ui.widgets import (GroupFrame, GroupGrid, GroupStack, Highlighter, TargetButton,
                            back_id)


@dataclass
class UiContext:
    """Shared by the screens: words, looks, the highlight and where touches go."""

    translator: Translator
    style: Style
    highlighter: Highlighter
    choose: Callable[[str], None]
    say: Callable[[str], str | None] = lambda _target_id: None  # a voice learner's phrase
    earcon: Callable[[str], None] = lambda _name: None  # a short sound (accessibility.earcons)
    back_stops: Callable[[], bool] = lambda: False  # the learner scans groups: draw their Back

    def text(self, key: str, **params: object) -> str:
        return self.translator.t(key, **params)

    def label_of(self, node: Target | Group) -> str:
        """A node's label; under a button, the phrase a voice learner says for it."""
        label = self.translator.t(node.label_key, **node.params)
        phrase = self.say(node.id) if isinstance(node, Target) else None
        return f"{label}\n{self.text('voice.hint.say', phrase=phrase)}" if phrase else label


def short_window(target: float) -> bool:
    """A small tablet's window (800 x 480): fixed rows on top must give up height."""
    from kivy.core.window import Window
    return bool(Window.height < 12 * target)


class ModelScreen(Screen):
    """A screen drawn from its presenter's scan model; ``show_model`` rebuilds it."""

    # the look as Kivy properties, so the KV rules follow a change of theme or text size
    text_colour = ColorProperty((0.1, 0.1, 0.1, 1))
    secondary_colour = ColorProperty((0.3, 0.3, 0.3, 1))
    surface_colour = ColorProperty((0.93, 0.94, 0.96, 1))
    accent_colour = ColorProperty((1, 0.85, 0.3, 1))
    accent_text_colour = ColorProperty((0.1, 0.1, 0.1, 1))
    font = NumericProperty(20)
    target = NumericProperty(48)
    ring_width = NumericProperty(6)

    def __init__(self, ctx: UiContext, **kwargs: object) -> None:
        self.ctx = ctx
        super().__init__(**kwargs)
        self.restyle_rules(ctx)

    def restyle_rules(self, ctx: UiContext) -> None:
        """Take the new look (the KV rules are bound to these properties)."""
        self.ctx = ctx
        style = ctx.style
        self.text_colour = style.colour("text")
        self.secondary_colour = style.colour("text_secondary")
        self.surface_colour = style.colour("surface")
        self.accent_colour = style.colour("accent")
        self.accent_text_colour = style.colour("accent_text")
        self.font = style.font
        self.target = style.target
        self.ring_width = style.highlight_width

    def show_model(self, root: Group, focus: str | None) -> None:
        raise NotImplementedError

    def escape(self) -> bool:
        """Escape was pressed: close what is open on this screen (``False``: nothing)."""
        return False

    def restyle(self) -> None:
        """The look changed (theme, text size): redraw with ``self.ctx.style``."""

    # -- building blocks ------------------------------------------------------------------

    def button(self, target: Target, text: str | None = None, cls: type = TargetButton,
               **kwargs: object) -> TargetButton:
        style = self.ctx.style
        options: dict[str, object] = {
            "node_id": target.id, "text": text if text is not None else self.ctx.label_of(target),
            "enabled": target.enabled, "chosen": bool(target.params.get("chosen", False)),
            "chooser": self.ctx.choose, "font_size": style.font,
            "color": style.colour("text"), "background": style.colour("surface"),
            "highlight_colour": style.highlight, "highlight_width": style.highlight_width,
            "border_colour": style.border,
            "size_hint_min_y": style.target, "size_hint_min_x": style.target}
        options.update(kwargs)
        return self.ctx.highlighter.register(cls(**options))

    def back_button(self, group: Group, **kwargs: object) -> TargetButton | None:
        """The group's Back stop as a button of its own, lit like any other target, so a
        child who cannot read sees where "out of this group" is (``None``: no scanning)."""
        if not self.ctx.back_stops():
            return None
        style = self.ctx.style
        options: dict[str, object] = {
            "size_hint_y": None, "height": style.target, "font_size": style.font * 0.9,
            "background": style.colour("text_secondary", 0.25)}
        options.update(kwargs)
        return self.button(Target(back_id(group.id), BACK_LABEL_KEY, lambda: None),
                           "\u2190 " + self.ctx.text(BACK_LABEL_KEY), TargetButton, **options)

    def choice_row(self, box: Widget, group: Group, primary: str) -> None:
        """``group``'s targets as one row of big buttons in ``box``; ``primary`` (the way on)
        in the accent colour."""
        style = self.ctx.style
        box.clear_widgets()
        row = self.grid(group, cols=3, size_hint_y=1)
        for target in group.children:
            if isinstance(target, Target):
                chosen = target.id == primary
                row.add_widget(self.button(
                    target, background=style.colour("accent" if chosen else "surface"),
                    color=style.colour("accent_text" if chosen else "text")))
        box.add_widget(row)

    def add_back(self, box: Widget, group: Group, **kwargs: object) -> None:
        """Put ``group``'s Back stop at the end of ``box`` (its widget area), if drawn."""
        back = self.back_button(group, **kwargs)
        if back is not None:
            box.add_widget(back)

    def frame(self, group: Group, kind: type = GroupFrame, **kwargs: object) -> GroupFrame:
        style = self.ctx.style
        options: dict[str, object] = {
            "node_id": group.id, "highlight_colour": style.highlight,
            "highlight_width": style.highlight_width, "padding": style.highlight_width * 1.5,
            "spacing": style.highlight_width * 1.5}
        options.update(kwargs)
        return self.ctx.highlighter.register(kind(**options))

    def grid(self, group: Group, **kwargs: object) -> GroupGrid:
        return self.frame(group, GroupGrid, **kwargs)

    def stack(self, group: Group, **kwargs: object) -> GroupStack:
        return self.frame(group, GroupStack, **kwargs)

    def title(self, text: str, scale: float = 1.4, **kwargs: object) -> Label:
        style = self.ctx.style
        options: dict[str, object] = {
            "text": text, "font_size": style.font * scale, "color": style.colour("text"),
            "size_hint_y": None, "halign": "left", "valign": "middle"}
        options.update(kwargs)
        label = Label(**options)
        label.bind(width=lambda widget, width: setattr(widget, "text_size", (width, None)),
                   texture_size=lambda widget, size: setattr(widget, "height", size[1] + 8))
        return label



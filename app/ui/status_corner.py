"""The teacher's status corner: the child's screen stays calm.

Devices, sound and saving are no longer written over the child's screen. A small plug
picture sits in the top corner, with a red dot when something needs attention (a switch
lost, no microphone, the disk read-only); a tap opens the list for the teacher in a popup
with a Close. A notice (something just done: a file exported, a learner added, an error)
shows for a moment in the top bar, then only in the list. What changes is still said by
the narrator (the controller does that), once.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from kivy.graphics import Color, Ellipse, Line, Rectangle
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

from accessibility.block_pictures import UI_PICTURES
from accessibility.message import Message
from app.status_view import StatusView, status_view
from app.ui.style import Style

NOTICE_SECONDS = 6.0  # a notice stays on the child's screen this long (then in the list)
ATTENTION_DOT = (0.85, 0.1, 0.1, 1)
class StatusCorner(Button):
    """The plug picture with its dot; a tap opens the teacher's list."""

    def __init__(self, open_list: Callable[[], None], **kwargs: object) -> None:
        super().__init__(background_normal="", background_down="",
                         background_color=(0, 0, 0, 0), **kwargs)
        self.attention = False
        self.ring: tuple[float, ...] = (0.3, 0.3, 0.3, 1.0)
        self.bind(pos=self._draw, size=self._draw, on_release=lambda _b: open_list())
        self._draw()

    def show(self, attention: bool, ring: tuple[float, ...]) -> None:
        self.attention, self.ring = attention, ring
        self._draw()

    def _draw(self, *_args: object) -> None:
        self.canvas.after.clear()
        side = min(self.width, self.height)
        x, y = self.center_x - side / 2, self.center_y - side / 2
        with self.canvas.after:
            Color(*self.ring[:3], 0.25)
            Ellipse(pos=(x, y), size=(side, side))
            Color(1, 1, 1, 1)
            inset = side * 0.2
            Rectangle(source=str(UI_PICTURES["status"].path), pos=(x + inset, y + inset),
                      size=(side - 2 * inset, side - 2 * inset))
            if self.attention:
                dot = side * 0.36
                Color(1, 1, 1, 1)
                Ellipse(pos=(x + side - dot - dp(1), y + side - dot - dp(1)),
                        size=(dot + dp(2), dot + dp(2)))
                Color(*ATTENTION_DOT)
                Ellipse(pos=(x + side - dot, y + side - dot), size=(dot, dot))


class StatusList(ModalView):
    """The teacher's list: every status line, each in full, and a Close."""

    def __init__(self, lines: Sequence[str], title: str, close: str, style: Style,
                 **kwargs: object) -> None:
        super().__init__(size_hint=(0.8, 0.8), auto_dismiss=True,
                         background="", background_color=style.colour("background"),
                         overlay_color=(0, 0, 0, 0.5), **kwargs)
        body = BoxLayout(orientation="vertical", padding=dp(16), spacing=dp(12))
        with body.canvas.before:
            Color(*style.colour("text"))
            self._outline = Line(width=dp(2))
        body.bind(pos=self._outline_to, size=self._outline_to)
        body.add_widget(self._label(title, style, style.font * 1.2, fixed=True))
        scroll = ScrollView(do_scroll_x=False, bar_width=dp(8))
        rows = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(10))
        rows.bind(minimum_height=rows.setter("height"))
        for line in lines:
            rows.add_widget(self._label(f"\u2022 {line}", style, style.font))
        scroll.add_widget(rows)
        body.add_widget(scroll)
        self.close_button = Button(text=close, size_hint_y=None, height=style.target,
                                   font_size=style.font, color=style.colour("accent_text"),
                                   background_normal="", background_color=style.colour("accent"))
        self.close_button.bind(on_release=lambda _b: self.dismiss())
        body.add_widget(self.close_button)
        self.add_widget(body)

    def _outline_to(self, body: Widget, _value: object) -> None:
        self._outline.rectangle = (body.x, body.y, body.width, body.height)

    @staticmethod
    def _label(text: str, style: Style, size: float, fixed: bool = False) -> Label:
        label = Label(text=text, font_size=size, color=style.colour("text"),
                      size_hint_y=None, halign="left", valign="middle")
        label.bind(width=lambda w, width: setattr(w, "text_size", (width, None)),
                   texture_size=lambda w, s: setattr(w, "height", s[1] + (dp(8) if fixed else 0)))
        return label


class StatusBar:
    """Wires the corner, the notice label and the list to the controller's status parts."""

    def __init__(self, corner: StatusCorner, notice: Label, clock,
                 t: Callable[..., str], style: Callable[[], Style]) -> None:
        self.corner, self.notice, self.clock, self.t, self.style = corner, notice, clock, t, style
        self.view = StatusView((), (), False)
        self.popup: StatusList | None = None
        self._timer = None

    def update(self, parts: Sequence[Message], devices: Sequence[Message]) -> None:
        old = self.view.notices
        self.view = status_view(parts, devices)
        fresh = [part for part in self.view.notices if part not in old]
        if fresh:
            self._show_notice(self.t(fresh[0].key, **fresh[0].params))
        elif self.notice.text and not self.view.notices:
            self._show_notice("")
        self.corner.show(self.view.attention, self.style().colour("text_secondary"))

    def _show_notice(self, text: str) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self.notice.text = text
        self._timer = self.clock.call_later(NOTICE_SECONDS, self._hide_notice) if text else None

    def _hide_notice(self) -> None:
        self._timer = None
        self.notice.text = ""

    def lines(self) -> list[str]:
        """Every status line as the teacher reads it in the list."""
        return [self.t(part.key, **part.params) for part in self.view.parts]

    def open_list(self) -> None:
        """The teacher's list of every status line (or a word that all is well)."""
        lines = self.lines() or [self.t("look.status.all_well")]
        self.popup = StatusList(lines, self.t("look.status.title"), self.t("look.status.close"),
                                self.style())
        self.popup.open()

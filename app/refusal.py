"""What a second start shows instead of a second game: the reason, in big words.

A teacher who starts the game from an icon never sees a terminal, so the refusal is a
window of its own: the whole window is one button with the message; a tap, a click or any
key closes it.
"""
from __future__ import annotations

from kivy.app import App
from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.button import Button


class RefusalApp(App):
    """One window, one message; closing it ends the second start."""

    title = "CitizenCode Access"

    def __init__(self, message: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.message = message

    def build(self) -> Button:
        button = Button(text=self.message, font_size=dp(26), halign="center", valign="middle")
        button.bind(size=self._wrap, on_release=lambda *_args: self.stop())
        Window.bind(on_key_down=self._key)
        return button

    @staticmethod
    def _wrap(button: Button, size: tuple[float, float]) -> None:
        button.text_size = (size[0] * 0.9, None)

    def _key(self, *_args: object) -> bool:
        self.stop()
        return True

"""The workspace's controls placed in rows: as many to a row as their words allow.

Each control is as wide as its longest word needs at a readable size, then the row is
stretched to fill; fewer rows leave the world more height (on a small tablet it keeps a
third of the screen). The packing itself is ``control_rows`` (no Kivy).
"""
from __future__ import annotations

from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from app.screens.workspace_layout import control_rows
from app.ui.picture_button import PictureButton
from app.ui.style import Style
from app.ui.widgets import TargetButton

SHRINK = 0.75  # a control's words may be drawn this much smaller to share a row


def longest_word(text: str, font_size: float) -> float:
    """How wide the longest word of ``text`` is drawn at ``font_size``."""
    longest = max(text.split(), key=len, default="")
    probe = CoreLabel(text=longest, font_size=font_size)
    probe.refresh()
    return probe.content_width


def picture_of(button: TargetButton) -> str:
    """The picture a control may show beside its word ('' for none), shown or set aside."""
    if not isinstance(button, PictureButton) or button.placement != "left":
        return ""
    return button.picture or button.picture_aside


def place_controls(box: Widget, buttons: list[TargetButton], room: float,
                   style: Style) -> None:
    """Put ``buttons`` in rows inside the group frame in ``box`` (``room`` wide) and make
    ``box`` as tall as its rows. The controls' pictures stand beside their words unless
    that takes another row (an 800 x 480 tablet): the world's height comes first."""
    if not box.children or not buttons or room <= 1:
        return
    frame = box.children[0]
    gap = frame.spacing
    words = [max(style.target, longest_word(b.text, b.font_size * SHRINK) + dp(16))
             for b in buttons]
    with_pictures = [need + (b.picture_size + dp(16) if picture_of(b) else 0)
                     for b, need in zip(buttons, words)]
    counts = control_rows(with_pictures, room - 2 * gap, gap)
    fewer = control_rows(words, room - 2 * gap, gap)
    beside = len(counts) <= len(fewer)
    if not beside:
        counts = fewer
    needs = with_pictures if beside else words
    for button in buttons:
        if isinstance(button, PictureButton):
            button.show_picture(beside)
    for button in buttons:
        if button.parent is not None:
            button.parent.remove_widget(button)
    frame.clear_widgets()
    start = 0
    for count in counts:
        row = BoxLayout(spacing=gap)
        for button, need in zip(buttons[start:start + count], needs[start:start + count]):
            button.size_hint = (need, 1)
            row.add_widget(button)
        frame.add_widget(row)
        start += count
    # taller rows when a label has two lines (a voice learner's phrase under the name)
    two_lines = any("\n" in button.text for button in buttons)
    row_height = style.target * (1.6 if two_lines else 1.0)
    box.height = len(counts) * (row_height + gap) + gap

"""The controls' rows without a window: the fewest rows, words whole, reading order kept."""
from __future__ import annotations

from app.screens.workspace_layout import control_rows


def test_four_short_controls_share_a_row_and_a_long_word_takes_more_room() -> None:
    assert control_rows([60] * 8, room=300, gap=10) == [4, 4]
    # German on a small tablet: "Wiederherstellen" needs twice a cell, its row keeps three
    assert control_rows([60, 90, 75, 70, 120, 57, 57, 61], room=336, gap=12) == [4, 4]
    assert control_rows([60, 90, 75, 70, 160, 57, 57, 61], room=336, gap=12) == [4, 3, 1]


def test_a_control_wider_than_the_room_gets_a_row_of_its_own() -> None:
    assert control_rows([400, 50], room=300, gap=10) == [1, 1]
    assert control_rows([], room=300, gap=10) == []

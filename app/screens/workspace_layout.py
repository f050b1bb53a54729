"""How the workspace's controls share their rows: the fewest rows, words whole.

No Kivy here: the screen measures each control's longest word and asks how to place them.
"""
from __future__ import annotations


def control_rows(needs: list[float], room: float, gap: float, most: int = 4) -> list[int]:
    """How many controls go in each row, in reading order: as many as fit ``room`` (their
    ``needs`` plus the ``gap`` between them), at most ``most`` a row; a control wider than
    the room gets a row of its own. Fewer rows leave the world more height."""
    rows: list[int] = []
    used = count = 0.0
    for need in needs:
        if count and (count >= most or used + gap + need > room):
            rows.append(int(count))
            used = count = 0.0
        used += (gap if count else 0.0) + need
        count += 1
    if count:
        rows.append(int(count))
    return rows

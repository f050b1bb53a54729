"""What the teacher's status corner shows, decided without a window: which parts of the
controller's status line are news (a notice for the child's top bar, for a moment), and
whether anything needs the teacher (the red dot). ``app/ui/status_corner.py`` draws it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accessibility.message import Message

# statuses that say all is well (or was chosen so): no dot for them
CALM = frozenset({"ready", "connected", "connected_port", "starting", "stopped",
                  "stopped_any", "speaking", "listening", "push_to_talk", "speech_off"})
STEADY_PREFIXES = ("narration.status.", "app.status.speech_off")


@dataclass(frozen=True)
class StatusView:
    """What the corner and the notice bar show, from the controller's parts."""

    parts: tuple[Message, ...]  # everything, for the teacher's list
    notices: tuple[Message, ...]  # the parts that are news, not a steady state of a device
    attention: bool  # the dot: something the teacher should look at


def needs_attention(key: str) -> bool:
    return key.rsplit(".", 1)[-1] not in CALM


def status_view(parts: Sequence[Message], devices: Sequence[Message]) -> StatusView:
    """Split ``status_line()`` (``parts``) with ``shown_statuses()`` (``devices``): what is
    neither a device nor the sound is a notice (it comes first in the controller's line)."""
    notices = tuple(part for part in parts if part not in devices
                    and not part.key.startswith(STEADY_PREFIXES))
    return StatusView(tuple(parts), notices, any(needs_attention(part.key) for part in parts))

"""The app's own voice, as the microphone hears it.

On a tablet the loudspeaker is a hand's width from the microphone, and the narrator says the
very words that are commands: a block's name read aloud while scanning is "Move forward".
Continuous listening drops what it heard while the app was speaking (the narrator reports
when each utterance starts and ends). Push-to-talk does not need this: pressing the talk
switch silences the narrator, and the child holds it only while talking.
"""
from __future__ import annotations

import threading


class OwnVoice:
    """When the app spoke, from any thread; asked by the decoding thread."""

    def __init__(self, lead: float = 0.3, tail: float = 0.6, keep: float = 60.0) -> None:
        self.lead = lead  # talk this long before the onset still overlaps (clock skew)
        self.tail = tail  # the sound card drains and the room echoes after the last word
        self._keep = keep  # seconds of history: longer than any utterance waits to decode
        self._lock = threading.Lock()
        self._spans: list[tuple[float, float]] = []  # finished: (start, end)
        self._open: dict[int, float] = {}  # utterance id -> start, still speaking

    def started(self, utterance_id: int, t: float) -> None:
        with self._lock:
            self._open[utterance_id] = t

    def finished(self, utterance_id: int, t: float) -> None:
        with self._lock:
            start = self._open.pop(utterance_id, t)
            self._spans = [s for s in self._spans if s[1] > t - self._keep]
            self._spans.append((start, t))

    def heard_in(self, start: float, end: float) -> bool:
        """Whether the app was audible at any moment from ``start`` to ``end``."""
        with self._lock:
            spans = self._spans + [(s, float("inf")) for s in self._open.values()]
        return any(start < span_end + self.tail and end > span_start - self.lead
                   for span_start, span_end in spans)

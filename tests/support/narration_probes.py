"""Narration test doubles for the tests and the benchmarks: a probe that times the narrator's
speech (onset and interruption latency) and a cue speaker whose cues last a computed time
on an injected clock."""
from __future__ import annotations

import itertools
import threading
from typing import Callable, Mapping

from accessibility.clock import Clock, Timer
from accessibility.narrator import Done, Narrator, Priority, SpeechEvent, SpeechEventKind
from accessibility.speech_output import now
from accessibility.translator import Translator


class LatencyProbe:
    """Measures onset (say -> first audio) and interruption latency, for the benchmarks.

    Wraps ``say``/``cue`` to stamp the call time and listens to speech events; figures are
    known once ``narrator.pump()`` has delivered the events (``collect`` pumps for you).
    """

    def __init__(self, narrator: Narrator) -> None:
        self.narrator = narrator
        self.said_at: dict[int, float] = {}
        self.started_at: dict[int, float] = {}
        self.finished: dict[int, SpeechEvent] = {}
        narrator.on_speech_event(self._record)

    def say(self, key: str, params: Mapping[str, object] | None = None, *,
            priority: Priority = Priority.NORMAL) -> int:
        t = now()
        uid = self.narrator.say(key, params, priority=priority)
        self.said_at[uid] = t
        return uid

    def cue(self, key: str, params: Mapping[str, object] | None = None) -> int:
        t = now()
        uid = self.narrator.cue(key, params)
        self.said_at[uid] = t
        return uid

    def collect(self, until: Callable[["LatencyProbe"], bool], timeout: float = 10.0) -> bool:
        """Pump the narrator until ``until(self)`` holds (polls every 2 ms)."""
        deadline = now() + timeout
        while now() < deadline:
            self.narrator.pump()
            if until(self):
                return True
            threading.Event().wait(0.002)
        return False

    def onset(self, uid: int) -> float | None:
        """Seconds from the call to the first audio bytes of ``uid`` (interruption latency when
        ``uid`` was said with ``Priority.NOW`` or as a cue while something was speaking)."""
        if uid not in self.started_at or uid not in self.said_at:
            return None
        return self.started_at[uid] - self.said_at[uid]

    def _record(self, event: SpeechEvent) -> None:
        if event.kind is SpeechEventKind.STARTED:
            self.started_at.setdefault(event.utterance_id, event.t)
        else:
            self.finished[event.utterance_id] = event


class TimedCues:
    """A ``CueSpeaker`` whose cues last a computed time on an injected clock.

    For scanner tests and benchmarks that run faster than real time: "the scanner waits
    for the cue" becomes deterministic. A new cue cuts the one still running
    (``on_done(False)``), as the narrator does.
    """

    def __init__(self, clock: Clock, translator: Translator, *, base: float = 0.25,
                 per_char: float = 0.06) -> None:
        self._clock = clock
        self._translator = translator
        self._base = base
        self._per_char = per_char
        self._ids = itertools.count(1)
        self._running: tuple[Timer, Done | None] | None = None
        self.spoken: list[str] = []

    def duration(self, text: str) -> float:
        return self._base + self._per_char * len(text)

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Done | None = None) -> int:
        text = self._translator.t(key, **dict(params or {}))
        if self._running is not None:
            timer, previous = self._running
            timer.cancel()
            self._running = None
            if previous is not None:
                previous(False)
        self.spoken.append(text)

        def finish() -> None:
            self._running = None
            if on_done is not None:
                on_done(True)

        self._running = (self._clock.call_later(self.duration(text), finish), on_done)
        return next(self._ids)

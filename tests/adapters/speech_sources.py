"""Audio sources for the adapter tests, shaped like SpeechRecognition's ``Microphone``.

``ScriptedSource`` plays real clips separated by quiet room noise, then either ends (as an
unplugged microphone does) or goes on with quiet noise until closed. ``TalkSource`` plays
room noise in real time and a clip on demand, for push-to-talk.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence

import numpy as np
import speech_recognition as sr

RATE = 16_000
CHUNK = 1024


def room_noise(seconds: float, rng: np.random.Generator, level: float = 30.0) -> bytes:
    return rng.normal(0.0, level, int(seconds * RATE)).astype(np.int16).tobytes()


class _Stream:
    def __init__(self, owner: _Source) -> None:
        self._owner = owner

    def read(self, frames: int) -> bytes:
        return self._owner.read(frames)

    def close(self) -> None:
        self._owner.closed.set()


class _Source(sr.AudioSource):
    SAMPLE_RATE = RATE
    SAMPLE_WIDTH = 2
    CHUNK = CHUNK

    def __init__(self) -> None:
        self.stream = None
        self.closed = threading.Event()
        self.rng = np.random.default_rng(7)

    def __enter__(self) -> _Source:
        self.stream = _Stream(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None

    def read(self, frames: int) -> bytes:  # pragma: no cover - overridden
        raise NotImplementedError

    def _quiet(self, frames: int) -> bytes:
        """Real-time room noise (so an idle capture loop does not spin)."""
        time.sleep(frames / RATE)
        return room_noise(frames / RATE, self.rng)


class ScriptedSource(_Source):
    """Clips with ``gap`` seconds of room noise between them, delivered as fast as read."""

    def __init__(self, clips: Sequence[bytes], gap: float = 1.2, then_end: bool = False) -> None:
        super().__init__()
        rng = np.random.default_rng(3)
        timeline = [room_noise(1.0, rng)]
        for clip in clips:
            timeline += [clip, room_noise(gap, rng)]
        self._data = b"".join(timeline)
        self._pos = 0
        self._then_end = then_end
        self.played = threading.Event()

    def read(self, frames: int) -> bytes:
        if self._pos < len(self._data):
            chunk = self._data[self._pos:self._pos + frames * 2]
            self._pos += len(chunk)
            if self._pos >= len(self._data):
                self.played.set()
            return chunk.ljust(frames * 2, b"\0")
        if self._then_end or self.closed.is_set():
            return b""
        return self._quiet(frames)


class TalkSource(_Source):
    """Room noise in real time; ``say(clip)`` plays a clip next, as fast as it is read."""

    def __init__(self) -> None:
        super().__init__()
        self._pending: deque[bytes] = deque()
        self._lock = threading.Lock()
        self.said = threading.Event()

    def say(self, clip: bytes) -> None:
        with self._lock:
            self.said.clear()
            for i in range(0, len(clip), CHUNK * 2):
                self._pending.append(clip[i:i + CHUNK * 2].ljust(CHUNK * 2, b"\0"))

    def read(self, frames: int) -> bytes:
        if self.closed.is_set():
            return b""
        with self._lock:
            if self._pending:
                chunk = self._pending.popleft()
                if not self._pending:
                    self.said.set()
                return chunk
        return self._quiet(frames)

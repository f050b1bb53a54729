"""Getting utterances out of a microphone: continuous listening or push-to-talk.

Both read a SpeechRecognition ``AudioSource`` (``Microphone`` by default, anything with the
same shape in tests: a context manager whose ``stream.read(n)`` returns int16 bytes, with
``SAMPLE_RATE``, ``SAMPLE_WIDTH`` and ``CHUNK``). Each utterance is handed on as 16 kHz mono
int16 bytes with the monotonic time at which it ended; decoding happens elsewhere, so the
capture thread keeps reading the microphone while a phrase is being decoded.
"""
from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)

TARGET_RATE = 16_000


class AudioSource(Protocol):
    """SpeechRecognition's audio-source shape (``speech_recognition.AudioSource``)."""

    SAMPLE_RATE: int
    SAMPLE_WIDTH: int
    CHUNK: int
    stream: Any

    def __enter__(self) -> AudioSource: ...

    def __exit__(self, *exc: object) -> None: ...


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech, ready for the decoder."""

    audio: bytes  # 16 kHz mono int16 little-endian
    t_end: float  # time.monotonic() when it ended
    pushed: bool  # said while the talk switch was held (the child meant a command)

    @property
    def t_start(self) -> float:
        """When it began, from its length (``audio`` is ``TARGET_RATE`` mono int16)."""
        return self.t_end - len(self.audio) / (2 * TARGET_RATE)


class EndOfStream(Exception):
    """The source stopped giving audio (a microphone unplugged, a file at its end)."""


class StoppableStream:
    """Wraps ``source.stream`` so that ``stop`` ends a blocking ``listen`` at once: reads
    return nothing, which SpeechRecognition takes as the end of the stream."""

    def __init__(self, stream: Any, stop: threading.Event) -> None:
        self._stream = stream
        self._stop = stop
        self.ended = False

    def read(self, size: int) -> bytes:
        if self._stop.is_set():
            return b""
        data = self._stream.read(size)
        if not data:
            self.ended = True
        return data

    def close(self) -> None:
        self._stream.close()


def to_16k(raw: bytes, rate: int, width: int) -> bytes:
    """Microphones often run at 44.1 or 48 kHz; the acoustic model wants 16 kHz int16."""
    import speech_recognition as sr

    return sr.AudioData(raw, rate, width).get_raw_data(convert_rate=TARGET_RATE,
                                                       convert_width=2)


def listen_continuously(source: AudioSource, stop: threading.Event,
                        emit: Callable[[Utterance], None], max_seconds: float) -> None:
    """Hand on every phrase SpeechRecognition's energy detector finds, until ``stop``.

    Phrases longer than ``max_seconds`` are cut there (the decoder rejects them as talk).
    Raises ``EndOfStream`` if the source runs dry without being stopped.
    """
    import speech_recognition as sr

    recognizer = sr.Recognizer()
    recognizer.dynamic_energy_threshold = True
    recognizer.pause_threshold = 0.6  # children pause inside "turn ... left"
    recognizer.non_speaking_duration = 0.3
    original = source.stream
    wrapped = StoppableStream(original, stop)
    source.stream = wrapped
    try:
        while not stop.is_set():
            try:
                audio = recognizer.listen(source, timeout=0.5, phrase_time_limit=max_seconds + 0.5)
            except sr.WaitTimeoutError:
                continue
            t_end = time.monotonic()
            if stop.is_set():
                return
            raw = audio.get_raw_data()
            if raw:
                emit(Utterance(to_16k(raw, audio.sample_rate, audio.sample_width), t_end, False))
            if wrapped.ended:
                raise EndOfStream("audio source gave no more data")
    finally:
        source.stream = original


class PushToTalk:
    """Records while the talk switch is held; a short pre-roll keeps the first syllable a
    child says as they press. A child may hold the switch a while before speaking: up to
    ``max_hold`` seconds are kept, and the decoder cuts the quiet before judging the words."""

    def __init__(self, pre_roll: float = 0.3, max_hold: float = 10.0) -> None:
        self._held = threading.Event()
        self._lock = threading.Lock()
        self._down: set[str] = set()  # talk switches held now
        self._pre_roll = pre_roll
        self._max_hold = max_hold
        self._released_at: float | None = None

    def set(self, pressed: bool, switch: str = "") -> None:
        """Talk switch ``switch`` went down or up: recording lasts while any is down."""
        with self._lock:
            if pressed:
                self._down.add(switch)
                self._held.set()
                return
            self._down.discard(switch)
            if self._held.is_set() and not self._down:
                self._held.clear()
                self._released_at = time.monotonic()

    @property
    def held(self) -> bool:
        return self._held.is_set()

    def run(self, source: AudioSource, stop: threading.Event,
            emit: Callable[[Utterance], None]) -> None:
        """Read the source until ``stop``; emit what was said between press and release."""
        rate, width, chunk = source.SAMPLE_RATE, source.SAMPLE_WIDTH, source.CHUNK
        keep = max(1, int(self._pre_roll * rate / chunk))
        limit = int(self._max_hold * rate / chunk)
        recent: collections.deque[bytes] = collections.deque(maxlen=keep)
        recording: list[bytes] | None = None
        while not stop.is_set():
            data = source.stream.read(chunk)
            if not data:
                raise EndOfStream("audio source gave no more data")
            if self.held:
                if recording is None:
                    recording = list(recent)
                if len(recording) < limit:
                    recording.append(data)
                continue
            if recording is not None:
                with self._lock:
                    t_end = self._released_at or time.monotonic()
                emit(Utterance(to_16k(b"".join(recording), rate, width), t_end, True))
                recording = None
                recent.clear()
            recent.append(data)

"""Earcons: short sounds for add, remove, bump, star, goal and level complete.

They are not the narrator's voice: each plays at once on its own player (so a star's
sparkle does not wait behind a sentence), through the same kind of ``AudioSink`` as the
narrator (``aplay`` on a device, ``FileSink`` in tests). The WAV files are synthesised at
build time by ``scripts/make_earcons.py`` and shipped under ``app/assets/sounds/``; a file
is read the first time it is played. Volume and on/off are the learner's profile values.
"""
from __future__ import annotations

import array
import logging
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from accessibility.audio_sink import AplaySink, AudioSink, SpeechUnavailable

log = logging.getLogger(__name__)

EARCONS: tuple[str, ...] = ("add", "remove", "bump", "star", "goal", "complete")
SAMPLE_RATE = 22050
SOUNDS_DIR = Path(__file__).resolve().parent.parent / "app" / "assets" / "sounds"


def earcon_path(name: str) -> Path:
    if name not in EARCONS:
        raise KeyError(f"unknown earcon {name!r}")
    return SOUNDS_DIR / f"{name}.wav"


@lru_cache(maxsize=len(EARCONS))
def _pcm(name: str) -> tuple[int, bytes]:
    with wave.open(str(earcon_path(name))) as wav:
        return wav.getframerate(), wav.readframes(wav.getnframes())


def wav_bytes(name: str, volume: float) -> bytes:
    """The earcon ``name`` as a WAV stream, its samples scaled by ``volume`` (0..1)."""
    rate, pcm = _pcm(name)
    samples = array.array("h", pcm)
    gain = min(1.0, max(0.0, volume))
    scaled = array.array("h", (int(s * gain) for s in samples)).tobytes()
    header = bytearray(b"RIFF") + (36 + len(scaled)).to_bytes(4, "little") + b"WAVEfmt "
    header += (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little")
    header += rate.to_bytes(4, "little") + (rate * 2).to_bytes(4, "little")
    header += (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
    header += b"data" + len(scaled).to_bytes(4, "little")
    return bytes(header) + scaled


@dataclass
class EarconSettings:
    """From the access profile: ``earcons`` (on/off) and ``earcon_volume``."""

    enabled: bool = True
    volume: float = 0.6


class EarconPlayer:
    """Plays earcons in the background; a missing sound device only silences them."""

    def __init__(self, settings: EarconSettings | None = None,
                 sink_factory: Callable[[], AudioSink] = AplaySink) -> None:
        self.settings = settings or EarconSettings()
        self._sink_factory = sink_factory
        self._lock = threading.Lock()  # one sink at a time: FileSink keeps order
        self._failures = 0  # in a row; a busy device (speech playing) may refuse one sound

    GIVE_UP_AFTER = 3

    @property
    def unavailable(self) -> bool:
        """No sound device here: stop trying (the narrator shows the same in its status)."""
        return self._failures >= self.GIVE_UP_AFTER

    def play(self, name: str, wait: bool = False) -> threading.Thread | None:
        """Start ``name`` (``KeyError`` if unknown); ``None`` when switched off."""
        earcon_path(name)
        if not self.settings.enabled or self.settings.volume <= 0 or self.unavailable:
            return None
        data = wav_bytes(name, self.settings.volume)
        thread = threading.Thread(target=self._play, args=(data,), daemon=True,
                                  name=f"earcon-{name}")
        thread.start()
        if wait:
            thread.join()
        return thread

    def _play(self, data: bytes) -> None:
        with self._lock:
            sink = self._sink_factory()
            try:
                sink.open()
                sink.write(data)
                sink.drain(threading.Event())
                self._failures = 0
            except (SpeechUnavailable, BrokenPipeError, OSError) as exc:
                self._failures += 1
                log.warning("earcon not played (%d in a row): %r", self._failures, exc)


def world_earcon(before: object, after: object, goal: tuple[int, int] | None) -> str | None:
    """The earcon for a step of the world (``WorldState``-like values), if any.

    A bump wins over a star, a star over reaching the goal: one sound per step.
    """
    if getattr(after, "bumped", False) and not getattr(before, "bumped", False):
        return "bump"
    if len(getattr(after, "collected", ())) > len(getattr(before, "collected", ())):
        return "star"
    cell = getattr(after, "cell", None)
    if goal is not None and cell == goal and getattr(before, "cell", None) != goal:
        return "goal"
    return None


def settings_of(profile: object) -> EarconSettings:
    """The access profile's ``earcons`` and ``earcon_volume``."""
    return EarconSettings(bool(getattr(profile, "earcons", True)),
                          float(getattr(profile, "earcon_volume", 0.6)))

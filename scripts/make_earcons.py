"""Synthesise the earcons under app/assets/sounds/ (short, soft, clearly different sounds).

Run once at build time (the WAV files are committed): python scripts/make_earcons.py
Needs numpy (the test extra). 22 050 Hz, 16-bit mono, like the narrator's espeak-ng.
"""
from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from accessibility.earcons import EARCONS, SAMPLE_RATE, earcon_path

PEAK = 0.7  # of full scale: room for the player's volume, never clipping


def tone(freq: float, seconds: float, shape: str = "sine") -> np.ndarray:
    """One note with a quick attack and a soft decay (no clicks)."""
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    wave_ = np.sin(2 * np.pi * freq * t)
    if shape == "warm":  # a little of the octave: a rounder, bell-like note
        wave_ = 0.8 * wave_ + 0.2 * np.sin(4 * np.pi * freq * t)
    envelope = np.minimum(1.0, t / 0.008) * np.exp(-t * 6.0 / seconds)
    return wave_ * envelope


def glide(start: float, end: float, seconds: float) -> np.ndarray:
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    freq = np.linspace(start, end, t.size)
    phase = 2 * np.pi * np.cumsum(freq) / SAMPLE_RATE
    return np.sin(phase) * np.minimum(1.0, t / 0.008) * np.exp(-t * 4.0 / seconds)


def notes(*freqs: float, each: float = 0.09, shape: str = "warm") -> np.ndarray:
    return np.concatenate([tone(f, each, shape) for f in freqs])


def bump() -> np.ndarray:
    """A low, dull thud with a little noise: "ouch, a wall"."""
    t = np.arange(int(SAMPLE_RATE * 0.18)) / SAMPLE_RATE
    rng = np.random.default_rng(20)
    body = np.sin(2 * np.pi * 110 * t) + 0.3 * rng.standard_normal(t.size) * np.exp(-t * 60)
    return body * np.exp(-t * 25)


SOUNDS = {
    "add": lambda: glide(500, 900, 0.12),  # up: something joined
    "remove": lambda: glide(800, 420, 0.14),  # down: something left
    "bump": bump,
    "star": lambda: notes(1319, 1568, 2093, each=0.07),  # a sparkle
    "goal": lambda: notes(523, 659, 784, 1047, each=0.1),  # a little fanfare
    "complete": lambda: np.concatenate([notes(523, 659, 784, each=0.1),
                                        tone(1047, 0.45, "warm")]),
}


def write(name: str, samples: np.ndarray) -> Path:
    samples = samples / max(1e-9, float(np.abs(samples).max())) * PEAK
    path = earcon_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return path


def main() -> None:
    assert set(SOUNDS) == set(EARCONS)
    for name in EARCONS:
        print(write(name, SOUNDS[name]()))


if __name__ == "__main__":
    main()

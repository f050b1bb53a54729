"""espeak-ng has a voice for each locale and speaks a sample of every namespace in it."""
from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from accessibility.translator import LOCALES
from tests.i18n.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _espeak_languages() -> set[str]:
    out = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True)
    languages = set()
    for line in out.stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 2:
            languages.add(fields[1].split("-")[0])
    return languages


def test_espeak_has_a_voice_for_each_locale() -> None:
    assert set(LOCALES) <= _espeak_languages()


def _speech_seconds(path: Path) -> float:
    """Seconds of the file that are not near-silence (20 ms frames over 2% full scale)."""
    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    frame = rate // 50
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame).astype(np.float64)
    rms = np.sqrt((frames**2).mean(axis=1))
    return float((rms > 0.02 * 32768).sum()) / 50


@pytest.mark.parametrize("locale", LOCALES)
def test_a_sample_of_every_namespace_is_spoken(locale: str, tmp_path: Path) -> None:
    assert CATALOGUE.namespaces(), "no translation files found"
    for namespace in CATALOGUE.namespaces():
        texts = [t for t in CATALOGUE.entries[namespace].get(locale, {}).values() if len(t) > 3]
        assert texts, f"{namespace}.{locale} has nothing to speak"
        sample = max(texts[:20], key=len).replace("%{", "{")
        wav = tmp_path / f"{namespace}.wav"
        subprocess.run(["espeak-ng", "-v", locale, "-w", str(wav), sample], check=True,
                       capture_output=True)
        words = len(sample.split())
        spoken = _speech_seconds(wav)
        assert spoken >= 0.1 * words, f"{namespace}.{locale}: {spoken:.2f}s of speech for {sample!r}"

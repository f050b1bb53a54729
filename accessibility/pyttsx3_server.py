"""Speech through pyttsx3: the platform's own voices (SAPI5 on Windows, NSSpeech on macOS,
libespeak-ng on Linux), for machines without the ``espeak-ng`` program.

On Linux the app prefers ``EspeakServer`` (see ``speech_output``: pyttsx3 plays through
``aplay`` and cannot be cut off there). This server makes a fresh engine per utterance —
pyttsx3 engines do not survive a thread that stops them half way — and can save each
utterance to a WAV file instead of playing it (tests, machines with no loudspeaker).
"""
from __future__ import annotations

import itertools
import logging
import threading
from pathlib import Path
from typing import Any

from accessibility.speech_output import STATUS_NO_ENGINE, Started, Utterance, VoiceSettings
from accessibility.audio_sink import SpeechUnavailable

log = logging.getLogger(__name__)


def _engine() -> Any:
    import pyttsx3  # imported here: the narrator works without it
    return pyttsx3.init()


def _pick_voice(engine: Any, locale: str) -> str | None:
    """The id of an installed voice for ``locale`` (``fr`` matches ``fr-FR``, ``French``)."""
    for voice in engine.getProperty("voices") or []:
        languages = [str(lang).lower().lstrip("\x05") for lang in (voice.languages or [])]
        names = " ".join(languages + [str(voice.id).lower(), str(voice.name).lower()])
        if any(lang.startswith(locale) for lang in languages) or f"/{locale}" in names \
                or names.startswith(locale):
            return str(voice.id)
    return None


class Pyttsx3Server:
    """A ``SpeechServer`` over pyttsx3; ``save_dir`` keeps each utterance as a WAV file."""

    def __init__(self, save_dir: Path | None = None) -> None:
        self.save_dir = save_dir
        self.files: list[Path] = []
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def probe(self) -> str | None:
        try:
            engine = _engine()
            engine.stop()
        except Exception as error:  # any driver failure means "no speech here"
            log.warning("pyttsx3 cannot start: %r", error)
            return STATUS_NO_ENGINE
        return None

    def speak(self, utterance: Utterance, started: Started, cancel: threading.Event) -> bool:
        if cancel.is_set():
            return False
        with self._lock:
            try:
                engine = self._configured(utterance.voice)
            except Exception as error:
                raise SpeechUnavailable(STATUS_NO_ENGINE, f"pyttsx3: {error!r}") from error
            watcher = threading.Thread(target=lambda: cancel.wait() and engine.stop(),
                                       daemon=True)
            engine.connect("started-utterance", lambda name: started())
            if self.save_dir is not None:
                path = self.save_dir / f"utterance-{next(self._counter):04d}.wav"
                engine.save_to_file(utterance.text, str(path))
                started()
                engine.runAndWait()
                self.files.append(path)
            else:
                watcher.start()
                engine.say(utterance.text)
                engine.runAndWait()
            return not cancel.is_set()

    def synthesise(self, text: str, voice: VoiceSettings, path: Path) -> Path:
        """Write ``text`` spoken with ``voice`` to ``path`` (a WAV file)."""
        engine = self._configured(voice)
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        return path

    def _configured(self, voice: VoiceSettings) -> Any:
        engine = _engine()
        chosen = _pick_voice(engine, voice.voice.split("-")[0])
        if chosen is not None:
            engine.setProperty("voice", chosen)
        engine.setProperty("rate", voice.rate)
        engine.setProperty("volume", max(0.0, min(1.0, voice.volume)))
        return engine


"""pyttsx3 speaks through the narrator: real audio in a file, with the locale's voice."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.narrator import Narrator
from accessibility.pyttsx3_server import Pyttsx3Server, _engine, _pick_voice
from accessibility.speech_output import VoiceSettings
from accessibility.audio_sink import describe_wav
from accessibility.translator import Translator

pytest.importorskip("pyttsx3")


def test_each_locale_finds_a_voice() -> None:
    engine = _engine()
    for locale in ("fr", "nl", "en", "de", "it", "es"):
        assert _pick_voice(engine, locale) is not None, locale


def test_synthesised_speech_has_a_plausible_length(tmp_path: Path) -> None:
    server = Pyttsx3Server()
    short = describe_wav(server.synthesise("Avance.", VoiceSettings("fr"), tmp_path / "a.wav"))
    long = describe_wav(server.synthesise("Le robot avance de trois cases puis tourne à gauche.",
                                          VoiceSettings("fr"), tmp_path / "b.wav"))
    assert 0.2 < short.speech_seconds < 2.0
    assert long.speech_seconds > 2 * short.speech_seconds


def test_the_narrator_speaks_through_pyttsx3_into_files(tmp_path: Path) -> None:
    server = Pyttsx3Server(save_dir=tmp_path)
    narrator = Narrator(Translator("de"), server)
    captions = []
    narrator.on_caption(captions.append)
    narrator.say("narration.events.reached_goal")
    assert narrator.wait_idle(20.0)
    narrator.pump()
    narrator.close()
    assert captions and captions[0].text
    [path] = server.files
    assert describe_wav(path).speech_seconds > 0.5

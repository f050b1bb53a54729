"""Windows (SAPI5) and macOS (NSSpeech) voices, as pyttsx3 2.99's drivers describe them:
each locale gets its own voice (checked here without those systems: the voice lists are the
drivers' shapes, taken from pyttsx3/drivers/sapi5.py and nsss.py)."""
from __future__ import annotations

from typing import Any

import pytest
from pyttsx3.voice import Voice

from accessibility.pyttsx3_server import _pick_voice

SAPI5_TOKENS = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"
# sapi5.py: Voice(id=token id, name=description, languages=[windows_locale with "-"])
SAPI5 = [Voice(f"{SAPI5_TOKENS}TTS_MS_{tag.upper()}_{name.upper()}_11.0",
               f"Microsoft {name} Desktop - {language}", [tag])
         for tag, name, language in [("en-US", "Zira", "English (United States)"),
                                     ("fr-FR", "Hortense", "French"),
                                     ("de-DE", "Hedda", "German"),
                                     ("it-IT", "Elsa", "Italian"),
                                     ("es-ES", "Helena", "Spanish (Spain)"),
                                     ("nl-NL", "Frank", "Dutch")]]
# nsss.py: Voice(VoiceIdentifier, VoiceName, [VoiceLocaleIdentifier])
NSSS = [Voice(f"com.apple.voice.compact.{tag.replace('_', '-')}.{name}", name, [tag])
        for tag, name in [("en_US", "Samantha"), ("fr_FR", "Thomas"), ("de_DE", "Anna"),
                          ("it_IT", "Alice"), ("es_ES", "Monica"), ("nl_NL", "Xander")]]


class Engine:
    def __init__(self, voices: list[Voice]) -> None:
        self.voices = voices

    def getProperty(self, name: str) -> Any:
        assert name == "voices"
        return self.voices


@pytest.mark.parametrize("voices", [SAPI5, NSSS], ids=["sapi5", "nsss"])
@pytest.mark.parametrize("locale", ["fr", "nl", "en", "de", "it", "es"])
def test_each_locale_gets_its_own_voice(voices: list[Voice], locale: str) -> None:
    chosen = _pick_voice(Engine(voices), locale)
    voice = next(v for v in voices if v.id == chosen)
    assert voice.languages[0].lower().startswith(locale)


def test_a_language_without_an_installed_voice_is_not_given_another() -> None:
    only_english = [v for v in SAPI5 if v.languages == ["en-US"]]
    assert _pick_voice(Engine(only_english), "nl") is None

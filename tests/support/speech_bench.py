"""Decode a WAV file two ways, for benchmarks: our grammar decoder (with rejection) and
SpeechRecognition's plain ``recognize_sphinx`` (the general English language model, no
grammar), each with its decoding time. The comparison shows what the grammar buys."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from adapters.speech.decoder import CommandDecoder, DecodeResult, DecoderSettings
from adapters.speech.grammar import CommandGrammar, load_phrases
from adapters.speech.models import find_model

_DECODERS: dict[tuple[str, DecoderSettings], CommandDecoder] = {}


@dataclass(frozen=True)
class Comparison:
    path: Path
    ours: DecodeResult  # command (or None: rejected), phrase text, margin, time
    plain_text: str | None  # recognize_sphinx's transcript; None when it heard nothing
    plain_seconds: float


def grammar_decoder(locale: str = "en", settings: DecoderSettings | None = None,
                    model_dirs: list[Path] | None = None) -> CommandDecoder:
    """A decoder for ``locale`` (kept between calls: loading takes a few hundred ms)."""
    settings = settings or DecoderSettings()
    key = (locale, settings)
    if key not in _DECODERS:
        model = find_model(locale, model_dirs)
        if model is None:
            raise LookupError(f"no speech model for {locale}")
        decoder = CommandDecoder(model, None, settings)
        decoder.set_grammar(CommandGrammar.build(locale, load_phrases(locale), decoder.knows))
        _DECODERS[key] = decoder
    return _DECODERS[key]


def read_wav_16k(path: Path) -> bytes:
    """Any WAV SpeechRecognition can read, as 16 kHz mono int16."""
    import speech_recognition as sr

    with sr.AudioFile(str(path)) as source:
        audio = sr.Recognizer().record(source)
    return audio.get_raw_data(convert_rate=16_000, convert_width=2)


def compare_wav(path: Path | str, locale: str = "en",
                settings: DecoderSettings | None = None) -> Comparison:
    """Our decoder and plain ``recognize_sphinx`` on the same file."""
    import speech_recognition as sr

    path = Path(path)
    pcm = read_wav_16k(path)
    ours = grammar_decoder(locale, settings).decode(pcm)
    audio = sr.AudioData(pcm, 16_000, 2)
    started = time.perf_counter()
    try:
        plain: str | None = sr.Recognizer().recognize_sphinx(audio)
    except sr.UnknownValueError:
        plain = None
    return Comparison(path, ours, plain, time.perf_counter() - started)

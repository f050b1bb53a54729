"""Decode a corpus in parallel and summarise: in-grammar recognition, out-of-grammar rejection,
per noise condition, voice and category, and decoding time. Shared by the speech tests and by
``speech_tuning`` (the script that chooses and reports the rejection threshold)."""
from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from adapters.speech.decoder import (SCORED, CommandDecoder, DecodeResult, DecoderSettings,
                                     Thresholds)
from adapters.speech.grammar import CommandGrammar, load_phrases
from adapters.speech.models import SpeechModel, find_model
from adapters.speech.training import train
from tests.adapters.speech_corpus import TARGET_NOISES, Utterance, training_clips

_DECODER: CommandDecoder | None = None
NONE = Thresholds(-math.inf)  # reject on nothing but form
OPEN = DecoderSettings(bundled=NONE, trained=NONE, cross_trained=NONE)


def language_model(locale: str) -> SpeechModel:
    """The bundled model for ``locale`` (English, or English with that language's words)."""
    model = find_model(locale)
    assert model is not None, f"pocketsphinx's bundled model is missing for {locale}"
    return model


def english_model() -> SpeechModel:
    return language_model("en")


def language_decoder(locale: str, settings: DecoderSettings | None = None,
                     model: SpeechModel | None = None) -> CommandDecoder:
    """A decoder of ``locale``'s phrases (its bundled model unless ``model``)."""
    decoder = CommandDecoder(model or language_model(locale), None, settings)
    decoder.set_grammar(CommandGrammar.build(locale, load_phrases(locale), decoder.knows))
    return decoder


def english_decoder(settings: DecoderSettings | None = None,
                    model: SpeechModel | None = None) -> CommandDecoder:
    return language_decoder("en", settings, model)


def _init(settings: DecoderSettings, model: SpeechModel | None) -> None:
    global _DECODER
    _DECODER = english_decoder(settings, model)


def _decode(audio: bytes) -> DecodeResult:
    assert _DECODER is not None
    return _DECODER.decode(audio)


def decode_all(utterances: Sequence[Utterance], settings: DecoderSettings,
               workers: int | None = None, model: SpeechModel | None = None
               ) -> list[DecodeResult]:
    """Every utterance decoded with ``settings`` (and ``model``: default, the bundled
    English one), in ``workers`` processes."""
    workers = workers or min(2, os.cpu_count() or 1)
    audios = [u.audio for u in utterances]
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(settings, model)) as pool:
        return list(pool.map(_decode, audios, chunksize=16))


def decode_trained(utterances: Sequence[Utterance], settings: DecoderSettings,
                   cache_dir: Path, models_dir: Path) -> list[DecodeResult]:
    """Each voice's utterances decoded with a model trained to that voice on its training
    clips (``speech_corpus.training_clips``: other speeds and pitches than the test clips)."""
    results: list[DecodeResult | None] = [None] * len(utterances)
    phrases = load_phrases("en")
    for voice in dict.fromkeys(u.voice for u in utterances):
        model = train(english_model(), training_clips(voice, phrases, cache_dir),
                      models_dir / voice.label.replace("/", "_")).model
        indexes = [i for i, u in enumerate(utterances) if u.voice == voice]
        decoded = decode_all([utterances[i] for i in indexes], settings, model=model)
        for i, result in zip(indexes, decoded):
            results[i] = result
    return [r for r in results if r is not None]


def with_thresholds(results: Sequence[DecodeResult],
                    thresholds: Thresholds) -> list[DecodeResult]:
    """The same results under other rejection thresholds (no second decoding needed: the
    margins are recorded even for rejected phrases)."""
    out = []
    for r in results:
        if r.reason in SCORED:
            reason = thresholds.reason(r.margin, r.last_word)
            out.append(replace(r, command=_command_of(r) if reason == "accepted" else None,
                               reason=reason))
        else:
            out.append(r)
    return out


_GRAMMAR: CommandGrammar | None = None


def _command_of(result: DecodeResult) -> str | None:
    global _GRAMMAR
    if _GRAMMAR is None:
        _GRAMMAR = CommandGrammar.build("en", load_phrases("en"))
    return _GRAMMAR.command_for(result.text)


TARGET = "target: clean + 20 dB"


def in_target(pairs: Sequence[tuple[Utterance, DecodeResult]]
              ) -> list[tuple[Utterance, DecodeResult]]:
    return [(u, r) for u, r in pairs if u.noise in TARGET_NOISES]


@dataclass(frozen=True)
class Rates:
    recognised: int
    in_grammar: int
    rejected: int
    out_of_grammar: int

    @property
    def recognition(self) -> float:
        return self.recognised / self.in_grammar if self.in_grammar else float("nan")

    @property
    def rejection(self) -> float:
        return self.rejected / self.out_of_grammar if self.out_of_grammar else float("nan")

    def __str__(self) -> str:
        parts = []
        if self.in_grammar:
            parts.append(f"commands {self.recognition:6.1%} ({self.recognised}/{self.in_grammar})")
        if self.out_of_grammar:
            parts.append(f"rejected {self.rejection:6.1%} ({self.rejected}/{self.out_of_grammar})")
        return "  ".join(parts)


def rates(pairs: Sequence[tuple[Utterance, DecodeResult]]) -> Rates:
    recognised = sum(1 for u, r in pairs if u.in_grammar and r.command == u.expected)
    in_grammar = sum(1 for u, _ in pairs if u.in_grammar)
    rejected = sum(1 for u, r in pairs if not u.in_grammar and r.command is None)
    return Rates(recognised, in_grammar, rejected, len(pairs) - in_grammar)


def breakdown(utterances: Sequence[Utterance],
              results: Sequence[DecodeResult]) -> dict[str, Rates]:
    """Rates overall, over the target conditions (``TARGET_NOISES``) and per noise
    condition, voice and out-of-grammar category."""
    groups: dict[str, list[tuple[Utterance, DecodeResult]]] = defaultdict(list)
    for u, r in zip(utterances, results):
        groups["all"].append((u, r))
        if u.noise in TARGET_NOISES:
            groups[TARGET].append((u, r))
        groups[f"noise: {u.noise.label}"].append((u, r))
        groups[f"voice: {u.voice.label}"].append((u, r))
        groups[f"kind: {u.category}"].append((u, r))
    return {name: rates(pairs) for name, pairs in sorted(groups.items())}


def timing(results: Sequence[DecodeResult]) -> tuple[float, float]:
    """Median and 95th percentile decoding time in milliseconds."""
    ms = np.array([r.seconds * 1000 for r in results])
    return float(np.median(ms)), float(np.percentile(ms, 95))

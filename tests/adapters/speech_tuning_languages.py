"""Decode the tuning split of a language heard through the English model (fr, nl, de, it,
es), every voice trained, and choose its trained thresholds on it: the helpers of
``scripts/tune_voice_languages.py`` (which prints how it chose; docs/VOICE.md).

Each tuning voice is trained (``speech_corpus.training_clips``) and its clips decoded with no
rejection threshold (``OPEN``), so the margins of every whole phrase are recorded and any
threshold pair can be tried without decoding again. The held-out split is never decoded here.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from adapters.speech.decoder import SCORED, Thresholds
from adapters.speech.grammar import load_phrases
from adapters.speech.training import train
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import OPEN, language_decoder, language_model

NOISES = (corpus.CLEAN, corpus.Noise("white", 20.0))  # the target conditions


def decoded(locale: str, split: str, voices: int, cache: Path, models: Path) -> list:
    """(utterance, result) of each clip of ``split``, each voice's model trained, no
    threshold (every whole phrase accepted, its margins recorded)."""
    phrases = load_phrases(locale)
    chosen = corpus.voices_of(split, locale)[:voices]
    clips = corpus.build(phrases, split, cache, NOISES, voices=chosen, locale=locale)
    out = []
    for voice in chosen:
        model = train(language_model(locale), corpus.training_clips(voice, phrases, cache),
                      models / locale / split / voice.label.replace("/", "_")).model
        heard = language_decoder(locale, OPEN, model)
        out += [(u, heard.decode(u.audio)) for u in clips if u.voice == voice]
    return out


def accepted(result, thresholds: Thresholds) -> bool:
    """Whether ``result`` (decoded with ``OPEN``) is a command at ``thresholds``."""
    return result.reason in SCORED and bool(thresholds.passes(result.margin,
                                                              result.last_word))


def rates(pairs: list, thresholds: Thresholds) -> tuple[float, float]:
    """(% commands understood, % other talk rejected) at ``thresholds``."""
    return Scored(pairs).shares(thresholds)


GRID = np.arange(-30.0, 15.01, 0.25)  # margins tried; -30: that check never rejects


class Scored:
    """The decoded clips as arrays, to try thousands of threshold pairs quickly."""

    def __init__(self, pairs: list) -> None:
        self.margin = np.array([r.margin for _, r in pairs])
        self.last_word = np.array([r.last_word for _, r in pairs])
        self.scored = np.array([r.reason in SCORED for _, r in pairs])
        self.right = np.array([u.in_grammar and r.command == u.expected for u, r in pairs])
        self.talk = np.array([not u.in_grammar for u, _ in pairs])

    def shares(self, thresholds: Thresholds) -> tuple[float, float]:
        """(% commands understood, % other talk rejected) at ``thresholds``."""
        passed = self.scored & thresholds.passes(self.margin, self.last_word)
        return (100 * float(np.sum(self.right & passed)) / max(1, np.sum(~self.talk)),
                100 * float(np.sum(self.talk & ~passed)) / max(1, np.sum(self.talk)))


def choose(pairs: list, target: float) -> Thresholds:
    """The (margin, last word) pair, 0.25 steps, with the most commands understood among
    those rejecting at least ``target`` % of the talk; ties: the most talk rejected, then
    the smallest thresholds (English's rule, ``speech_tuning``)."""
    clips = Scored(pairs)
    best: tuple[float, float, Thresholds] | None = None
    for word in GRID:
        for value in GRID:
            thresholds = Thresholds(float(value), float(word))
            commands, rejected = clips.shares(thresholds)
            if rejected < target:
                continue
            if best is None or (commands, rejected) > best[:2]:
                best = (commands, rejected, thresholds)
            break  # a higher margin only loses commands
    return best[2] if best is not None else Thresholds(15.0)


def balanced(pairs: list, headroom: float = 5.0) -> Thresholds:
    """The pair whose smaller share, of commands understood and of talk rejected less
    ``headroom``, is the largest: both as far above the 90 % goal as the split allows, talk
    with 5 more points because talk a split has never heard is rejected about 5 points less
    than its own (English, ``speech_tuning``; commands are the same phrases in any voice).
    Where commands can be spared this is English's rule, the most commands at 95 % of talk
    rejected. Ties: the most talk rejected, then the most commands, then the smallest
    thresholds."""
    clips = Scored(pairs)
    best: tuple[tuple[float, float, float], Thresholds] | None = None
    for word in GRID:
        for value in GRID:
            thresholds = Thresholds(float(value), float(word))
            commands, rejected = clips.shares(thresholds)
            key = (min(commands, rejected - headroom), rejected, commands)
            if best is None or key > best[0]:
                best = (key, thresholds)
    assert best is not None
    return best[1]


def by_phrase(pairs: list, thresholds: Thresholds) -> dict[str, tuple[int, int, list[str]]]:
    """Per command phrase: (times missed, times said, talk taken for it) at ``thresholds``:
    what a translator weighs when choosing between two phrases for one command."""
    missed: Counter[str] = Counter()
    said: Counter[str] = Counter()
    taken: dict[str, list[str]] = {}
    for u, r in pairs:
        if u.in_grammar:
            said[u.text] += 1
            missed[u.text] += not (accepted(r, thresholds) and r.command == u.expected)
        elif accepted(r, thresholds):
            taken.setdefault(r.text, []).append(u.text)
    return {phrase: (missed[phrase], said[phrase], taken.get(phrase, []))
            for phrase in said}

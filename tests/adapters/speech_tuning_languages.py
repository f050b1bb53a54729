"""Choose the trained thresholds for languages heard through the English model (fr, nl,
de, it, es), on their tuning split only, then report the held-out split.

    .venv/bin/python -m tests.adapters.speech_tuning_languages [--voices 2]

Every tuning voice of every language is trained (``speech_corpus.training_clips``) and its
clips decoded with no rejection threshold; the margin and last word's margin are chosen
together, pooled over the five languages, as ``speech_tuning`` chooses English's: the pair
with the most commands understood whose rejection of other talk is at least 95 % (clean
and 20 dB white noise). English keeps its own thresholds; untrained, every language uses
the bundled model's.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from adapters.speech.decoder import SCORED, DecoderSettings, Thresholds
from adapters.speech.grammar import load_phrases
from adapters.speech.training import train
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import OPEN, language_decoder, language_model
from tests.adapters.speech_languages import LOCALES

NOISES = (corpus.CLEAN, corpus.Noise("white", 20.0))


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


def rates(pairs: list, thresholds: Thresholds) -> tuple[float, float]:
    """(% commands understood, % other talk rejected) at ``thresholds``."""
    def accepted(r) -> bool:
        return r.reason in SCORED and bool(thresholds.passes(r.margin, r.last_word))
    said = [(u, r) for u, r in pairs if u.in_grammar]
    talk = [r for u, r in pairs if not u.in_grammar]
    return (100 * sum(accepted(r) and r.command == u.expected for u, r in said) / len(said),
            100 * sum(not accepted(r) for r in talk) / len(talk))


def choose(pairs: list, target: float) -> Thresholds:
    """The (margin, last word) pair, 0.25 steps, with the most commands at >= target."""
    best: tuple[float, float, Thresholds] | None = None
    grid = np.arange(-30.0, 15.01, 0.25)
    for word in grid:
        for margin in grid:
            thresholds = Thresholds(float(margin), float(word))
            commands, rejected = rates(pairs, thresholds)
            if rejected < target:
                continue
            if best is None or (commands, rejected) > best[:2]:
                best = (commands, rejected, thresholds)
            break
    return best[2] if best is not None else Thresholds(15.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=int, default=2)
    parser.add_argument("--target", type=float, default=95.0)
    args = parser.parse_args()
    cache = corpus.corpus_dir(Path(tempfile.mkdtemp(prefix="speech-corpus-")))
    models = Path(tempfile.mkdtemp(prefix="speech-voices-"))
    tune = {locale: decoded(locale, "tune", args.voices, cache, models) for locale in LOCALES}
    pooled = [pair for pairs in tune.values() for pair in pairs]
    chosen = choose(pooled, args.target)
    print(f"chosen: margin {chosen.margin:+.2f}, last word {chosen.last_word:+.2f}")
    current = DecoderSettings().trained
    for locale, pairs in tune.items():
        print(f"  tune {locale}: chosen {rates(pairs, chosen)}, English's trained "
              f"{rates(pairs, current)}")


if __name__ == "__main__":
    main()

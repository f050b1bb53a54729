"""Choose the rejection threshold on the tuning split, then report the held-out split.

    .venv/bin/python -m tests.adapters.speech_tuning [--target 0.9]

The threshold is the smallest per-frame margin at which the tuning split rejects at least
``--target`` of its out-of-grammar talk under the target conditions (clean and 20 dB SNR,
``speech_corpus.TARGET_NOISES``; a false command in a classroom is worse than a missed
one). The held-out split (other voices, other phrases) never influences it. Set
``CITIZENCODE_SPEECH_CORPUS`` to a folder to keep the synthesised clips between runs.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from adapters.speech_decoder import DecoderSettings
from adapters.speech_grammar import load_phrases
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import (breakdown, decode_all, in_target, rates, timing,
                                        with_margin)


def choose_margin(utterances, results, target: float) -> float:
    """Smallest margin (0.25 steps) whose out-of-grammar rejection on these results, under
    the target conditions, is >= target."""
    for margin in np.arange(-40.0, 20.01, 0.25):
        pairs = in_target(list(zip(utterances, with_margin(results, margin))))
        if rates(pairs).rejection >= target:
            return float(margin)
    return 20.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.9)
    args = parser.parse_args()
    cache = corpus.corpus_dir(Path(tempfile.mkdtemp(prefix="speech-corpus-")))
    phrases = load_phrases("en")
    open_settings = DecoderSettings(min_margin=-1e9)
    splits = {}
    for split in ("tune", "held_out"):
        started = time.perf_counter()
        utterances = corpus.build(phrases, split, cache)
        results = decode_all(utterances, open_settings)
        splits[split] = (utterances, results)
        print(f"{split}: {len(utterances)} clips in {time.perf_counter() - started:.0f} s")
    tune_u, tune_r = splits["tune"]
    margin = choose_margin(tune_u, tune_r, args.target)
    print(f"\nchosen min_margin = {margin:+.2f} (tuning rejection >= {args.target:.0%}, "
          "clean + 20 dB)")
    print("\ntuning curve, clean + 20 dB (margin: commands / rejected):")
    for m in np.arange(margin - 6.0, margin + 6.01, 1.0):
        print(f"  {m:+5.1f}: {rates(in_target(list(zip(tune_u, with_margin(tune_r, m)))))}")
    for split, (utterances, results) in splits.items():
        print(f"\n== {split} at min_margin {margin:+.2f} ==")
        for name, rate in breakdown(utterances, with_margin(results, margin)).items():
            print(f"  {name:36s} {rate}")
        median, p95 = timing(results)
        print(f"  decoding time: median {median:.0f} ms, 95th percentile {p95:.0f} ms")
        grammar_only = rates(list(zip(utterances, with_margin(results, -1e9))))
        print(f"  grammar alone (no rejection): {grammar_only}")


if __name__ == "__main__":
    main()

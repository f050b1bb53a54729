"""Choose the rejection thresholds on the tuning split, then report the other splits.

    .venv/bin/python -m tests.adapters.speech_tuning [--target 0.9] [--trained-target 0.95]

``DecoderSettings.bundled`` is the smallest per-frame margin at which the tuning
split rejects at least ``--target`` of its out-of-grammar talk under the target conditions
(clean and 20 dB SNR, ``speech_corpus.TARGET_NOISES``; a false command in a classroom is
worse than a missed one). ``DecoderSettings.trained`` is chosen with every tuning voice trained
(``speech_training``), at ``--trained-target``: 5 points above the target, because talk a
split has never heard is rejected about 5 points less than its own (tuning 90.0 %, held-out
85.1 % at the bundled threshold), and a trained model has the commands to spare. Its
margin is chosen together with its last word's (the phrase's last word's own margin): the
pair that rejects enough with the most commands understood.
The held-out, confirm and recheck splits (other voices, other phrases) never influence
either. Set ``CITIZENCODE_SPEECH_CORPUS`` to a folder to keep the synthesised clips between
runs.

Trying 93 % instead of 95 % (judged on the recheck split, written for it before any result
on it) did not hold up: trained, tuning 98.5 % commands / 93.0 % rejected, but recheck
92.3 % / 84.7 % (at 95 % and the margin alone, recheck 88.6 % / 88.9 %). Kept at 95 %; the
last word's check was added after reading recheck, and judged on the fresh split (written
for it before any result on it): 90.7 % / 92.3 % (the margin alone, chosen as before,
would have given 87.3 % / 90.3 %).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from adapters.speech.decoder import SCORED, Thresholds
from adapters.speech.grammar import load_phrases
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import (NONE, OPEN, breakdown, decode_all,
                                        decode_trained, in_target, rates, timing,
                                        with_thresholds)


def _scored(utterances, results) -> dict[str, np.ndarray]:
    """Per clip of the target conditions: its margins, whether a whole phrase was heard,
    whether that phrase was the right command, and whether it was talk."""
    pairs = in_target(list(zip(utterances, with_thresholds(results, NONE))))
    return {"margin": np.array([r.margin for _, r in pairs]),
            "last_word": np.array([r.last_word for _, r in pairs]),
            "scored": np.array([r.reason in SCORED for _, r in pairs]),
            "right": np.array([u.in_grammar and r.command == u.expected for u, r in pairs]),
            "talk": np.array([not u.in_grammar for u, _ in pairs])}


def choose_thresholds(utterances, results, target: float, last_word: bool) -> Thresholds:
    """Margin and last word's margin, 0.25 steps: of the pairs whose out-of-grammar rejection
    on these results, under the target conditions, is >= target, the one with the most
    commands understood; ties: the most talk rejected, then the smallest thresholds.
    Without ``last_word`` the last word is not checked (-inf)."""
    clips = _scored(utterances, results)
    grid = np.arange(-40.0, 20.01, 0.25)
    best: tuple[int, int, Thresholds] | None = None
    for word in (grid if last_word else np.array([-np.inf])):
        for margin in grid:
            thresholds = Thresholds(float(margin), float(word))
            accepted = clips["scored"] & thresholds.passes(clips["margin"], clips["last_word"])
            rejected = int(np.sum(clips["talk"] & ~accepted))
            if rejected < target * clips["talk"].sum():
                continue
            commands = int(np.sum(clips["right"] & accepted))
            if best is None or (commands, rejected) > best[:2]:
                best = (commands, rejected, thresholds)
            break  # a higher margin only loses commands
    return best[2] if best is not None else Thresholds(20.0)


def report(name: str, splits: dict, thresholds: Thresholds) -> None:
    """Choose nothing: print every split's breakdown at these thresholds."""
    for split, (utterances, results) in splits.items():
        print(f"\n== {split}, {name} at {thresholds.margin:+.2f}, last word "
              f"{thresholds.last_word:+.2f} ==")
        for group, rate in breakdown(utterances, with_thresholds(results, thresholds)).items():
            print(f"  {group:36s} {rate}")
        median, p95 = timing(results)
        print(f"  decoding time: median {median:.0f} ms, 95th percentile {p95:.0f} ms")
        grammar_only = rates(list(zip(utterances, with_thresholds(results, NONE))))
        print(f"  grammar alone (no rejection): {grammar_only}")
        margin_only = rates(in_target(list(zip(utterances, with_thresholds(
            results, Thresholds(thresholds.margin))))))
        print(f"  without the last word's check, clean + 20 dB: {margin_only}")


def choose_and_report(name: str, splits: dict, target: float, last_word: bool) -> None:
    tune_u, tune_r = splits["tune"]
    chosen = choose_thresholds(tune_u, tune_r, target, last_word)
    print(f"\nchosen {name} = {chosen.margin:+.2f}, last word {chosen.last_word:+.2f} "
          f"(tuning rejection >= {target:.0%}, clean + 20 dB)")
    print("\ntuning curve, clean + 20 dB (margin: commands / rejected):")
    for m in np.arange(chosen.margin - 6.0, chosen.margin + 6.01, 1.0):
        pairs = in_target(list(zip(tune_u, with_thresholds(tune_r, replace(chosen, margin=m)))))
        print(f"  {m:+5.1f}: {rates(pairs)}")
    report(name, splits, chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.9)
    parser.add_argument("--trained-target", type=float, default=0.95)
    parser.add_argument("--target-noises-only", action="store_true",
                        help="decode clean and 20 dB only (what the thresholds are chosen on)")
    args = parser.parse_args()
    noises = corpus.TARGET_NOISES if args.target_noises_only else corpus.NOISES
    cache = corpus.corpus_dir(Path(tempfile.mkdtemp(prefix="speech-corpus-")))
    models = Path(tempfile.mkdtemp(prefix="speech-voices-"))
    phrases = load_phrases("en")
    bundled, trained = {}, {}
    for split in corpus.VOICES_OF_SPLIT:
        started = time.perf_counter()
        utterances = corpus.build(phrases, split, cache, noises)
        bundled[split] = (utterances, decode_all(utterances, OPEN))
        trained[split] = (utterances, decode_trained(utterances, OPEN, cache, models / split))
        print(f"{split}: {len(utterances)} clips, decoded twice (bundled model, each voice "
              f"trained) in {time.perf_counter() - started:.0f} s")
    choose_and_report("bundled model", bundled, args.target, last_word=False)
    choose_and_report("each voice trained", trained, args.trained_target, last_word=True)


if __name__ == "__main__":
    main()

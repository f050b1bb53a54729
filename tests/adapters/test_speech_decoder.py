"""The grammar decoder on real synthesised audio: single clips, then the held-out corpus.

The held-out figures are measured on voices and out-of-grammar phrases that the rejection
threshold never saw (it was chosen on the tuning split by ``speech_tuning``). The floors
below are regression guards set under today's figures. The issue's target (90 % of commands
recognised and 90 % of talk rejected) is stated over the target conditions, clean and 20 dB
SNR (``speech_corpus.TARGET_NOISES``); 10 dB SNR is reported and floored separately. It is
not met yet on the held-out voices and is kept as a strict xfail.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.support.speech_bench import compare_wav
from adapters.speech.decoder import (DecoderSettings, outside_loudness, quietest_word_db,
                                    speech_region)
from adapters.speech.grammar import load_phrases
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import (OPEN, TARGET, breakdown, decode_all, decode_trained,
                                        english_decoder, in_target, rates, timing,
                                        with_thresholds)

CLEAR = corpus.Voice("en-us", 150, 50)
# regression floors, a little under the figures of the seeded 450-clip held-out draw
FLOOR_TARGET_RECOGNITION = 0.82
FLOOR_TARGET_REJECTION = 0.80


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.corpus_dir(tmp_path_factory.getbasetemp() / "speech-corpus")


@pytest.fixture(scope="module")
def decoder():
    return english_decoder()


def _clip(text: str, cache: Path, voice: corpus.Voice = CLEAR,
          noise: corpus.Noise = corpus.CLEAN) -> bytes:
    speech = corpus.synthesise(text, voice, cache)
    return corpus.mix(speech, noise, np.random.default_rng(0))


@pytest.mark.parametrize(("text", "command"), [
    ("move forward", "move_forward"), ("begin again", "reset"), ("remove it", "delete"),
    ("pick up the star", "collect"), ("choose this one", "select"), ("undo it", "undo"),
])
def test_clear_commands_are_recognised(decoder, cache: Path, text: str, command: str) -> None:
    result = decoder.decode(_clip(text, cache))
    assert result.command == command, result
    assert result.reason == "accepted" and result.margin >= decoder.thresholds.margin


@pytest.mark.parametrize("text", [
    "can I have a pencil please", "we are going to the park after school",
    "the cat is sleeping on the mat",
])
def test_sentences_are_rejected(decoder, cache: Path, text: str) -> None:
    result = decoder.decode(_clip(text, cache))
    assert result.command is None, result
    assert result.reason in ("low_score", "no_phrase", "extra_speech", "squeezed",
                             "quiet_word")


def test_a_command_followed_by_more_talk_is_rejected(decoder, cache: Path) -> None:
    speech = np.concatenate([corpus.synthesise("move forward", CLEAR, cache),
                             np.zeros(1600),
                             corpus.synthesise("with my friend", CLEAR, cache)])
    result = decoder.decode(corpus.mix(speech, corpus.CLEAN, np.random.default_rng(0)))
    assert result.command is None, result
    assert result.reason in ("extra_speech", "low_score", "no_phrase")


def test_loudness_outside_the_phrase() -> None:
    rng = np.random.default_rng(2)
    quiet = rng.normal(0, 10, 16_000)
    loud = rng.normal(0, 3000, 8_000)
    talk_after = np.concatenate([quiet[:4000], loud, quiet[:4000], loud[:4000], quiet[:4000]])
    phrase = (25, 74)  # frames of the first loud stretch
    assert outside_loudness(talk_after, *phrase, count=15, pad=5) > -3
    only_phrase = np.concatenate([quiet[:4000], loud, quiet[:12000]])
    assert outside_loudness(only_phrase, *phrase, count=15, pad=5) < -40
    assert outside_loudness(loud[:1600], 0, 9, count=15, pad=5) == -np.inf


def test_speech_region_keeps_the_loud_part_and_a_margin_of_quiet() -> None:
    rng = np.random.default_rng(3)
    quiet = rng.normal(0, 10, 16_000 * 3)
    loud = rng.normal(0, 3000, 8_000)
    audio = np.concatenate([quiet, loud, quiet[:16_000 * 2]])
    region = speech_region(audio, pad_seconds=0.25, above_db=12)
    assert len(region) == 8_000 + 2 * 4_000
    assert np.abs(region[4_000:12_000]).max() > 1000 > np.abs(region[:3_000]).max()
    steady = rng.normal(0, 300, 16_000)
    assert len(speech_region(steady, 0.25, 12)) == len(steady)  # nothing stands out


def test_a_long_push_to_talk_hold_is_judged_by_its_words(decoder, cache: Path) -> None:
    """Push-to-talk hands over however long the switch was held: 3 s of quiet, the
    command, 2 s of quiet (more than ``max_seconds``) is still the command."""
    speech = corpus.synthesise("move forward", CLEAR, cache)
    held = corpus.mix(speech, corpus.CLEAN, np.random.default_rng(0), lead=3.0, tail=2.0)
    assert len(held) / 2 / 16_000 > decoder.settings.max_seconds
    result = decoder.decode(held)
    assert result.command == "move_forward", result


def test_a_word_squeezed_below_speaking_speed_is_rejected(decoder, cache: Path) -> None:
    """The grammar fits a phrase to any audio; a one-syllable word heard as a two-word
    phrase leaves a word less time than its sounds take. Spoken at any real speed, every
    command keeps at least ``min_frames_per_phone`` per phone."""
    fast = corpus.Voice("en-us", 260, 50)  # faster than the fastest test voice (200)
    for text in ("turn right", "pick up the star", "help me please"):
        result = decoder.decode(_clip(text, cache, fast))
        assert result.reason != "squeezed", result
    strict = DecoderSettings(min_frames_per_phone=40.0)  # 400 ms per sound: no one
    assert english_decoder(strict).decode(_clip("move forward", cache)).reason == "squeezed"


def test_the_quietest_word_is_measured_by_its_loudest_frame() -> None:
    rng = np.random.default_rng(4)
    quiet = rng.normal(0, 10, 8_000)  # 50 frames of room noise
    loud = rng.normal(0, 3000, 8_000)  # 50 frames of talk
    audio = np.concatenate([quiet, loud])
    # a word over the talk peaks at the talk's level; one over the quiet ~50 dB under it
    assert abs(quietest_word_db(audio, [(55, 95, 3)])) < 3
    assert quietest_word_db(audio, [(10, 40, 2), (55, 95, 3)]) < -40
    assert quietest_word_db(audio, []) == -np.inf


def test_words_laid_over_the_quiet_around_talk_are_rejected(decoder, cache: Path) -> None:
    """Every word of a real command is heard (each of them peaks within 20 dB of the
    loudest); a strict setting proves the check is the one that fires."""
    for text in ("pick up the star", "stop the program", "add a repeat"):
        result = decoder.decode(_clip(text, cache, corpus.Voice("en-gb", 130, 45)))
        assert result.reason != "quiet_word", result
    strict = DecoderSettings(min_word_peak_db=20.0)  # 20 dB over the talk: no word is
    assert english_decoder(strict).decode(_clip("move forward", cache)).reason == "quiet_word"


def test_too_short_and_too_long_audio_is_not_decoded(decoder) -> None:
    rng = np.random.default_rng(1)
    click = rng.normal(0, 3000, 1600).astype(np.int16).tobytes()
    talk = rng.normal(0, 3000, 16_000 * 5).astype(np.int16).tobytes()
    assert decoder.decode(click).reason == "too_short"
    assert decoder.decode(talk).reason == "too_long"


def test_decoding_is_repeatable(decoder, cache: Path) -> None:
    """(How fast it is: ``benchmarks/voice.py``; tests do not time anything.)"""
    audio = _clip("turn left", cache, corpus.Voice("en-gb", 170, 50), corpus.Noise("white", 20))
    first, second = decoder.decode(audio), decoder.decode(audio)
    assert (first.command, first.text, first.margin) == (second.command, second.text,
                                                         second.margin)


def test_wav_comparison_with_plain_recognize_sphinx(cache: Path, tmp_path: Path) -> None:
    wav = corpus.write_wav(tmp_path / "forward.wav", _clip("move forward", cache))
    comparison = compare_wav(wav)
    assert comparison.ours.command == "move_forward"
    assert comparison.plain_text is None or isinstance(comparison.plain_text, str)
    assert comparison.ours.seconds > 0 and comparison.plain_seconds > 0  # both were timed


# -- the held-out corpus -----------------------------------------------------------------

@pytest.fixture(scope="module")
def held_out(cache: Path):
    """450 clips drawn (fixed seed) from the 2 250 of the held-out split: six voices, five
    noise conditions, commands and four kinds of classroom talk. A random draw, because
    accuracy differs a lot between phrases and a regular stride picks a biased set."""
    everything = corpus.build(load_phrases("en"), "held_out", cache)
    chosen = np.random.default_rng(11).choice(len(everything), 450, replace=False)
    utterances = [everything[i] for i in sorted(chosen)]
    results = decode_all(utterances, OPEN)
    return utterances, results


def _report(utterances, results) -> str:
    lines = [f"{name:36s} {rate}" for name, rate in breakdown(utterances, results).items()]
    median, p95 = timing(results)
    return "\n".join(lines + [f"decode median {median:.0f} ms, p95 {p95:.0f} ms"])


@pytest.mark.accuracy
def test_held_out_accuracy_stays_above_the_floors(held_out) -> None:
    utterances, open_results = held_out
    results = with_thresholds(open_results, DecoderSettings().bundled)
    groups = breakdown(utterances, results)
    report = _report(utterances, results)
    print(report)
    assert groups[TARGET].recognition >= FLOOR_TARGET_RECOGNITION, report
    assert groups[TARGET].rejection >= FLOOR_TARGET_REJECTION, report
    assert groups["all"].recognition >= 0.68, report
    assert groups["all"].rejection >= 0.84, report
    assert groups["noise: clean"].recognition >= 0.88, report
    assert groups["kind: sentence"].rejection >= 0.95, report
    # 10 dB SNR is outside the target (see speech_corpus.TARGET_NOISES) but still floored
    assert groups["noise: white 10 dB"].recognition >= 0.60, report
    assert groups["noise: babble 10 dB"].recognition >= 0.10, report
    assert groups["noise: babble 10 dB"].rejection >= 0.88, report
    grammar_alone = rates(list(zip(utterances, open_results)))
    assert grammar_alone.recognition >= 0.72  # what rejection costs is visible in the report
    assert grammar_alone.rejection <= 0.45  # a grammar alone guesses: rejection is needed


@pytest.mark.accuracy
@pytest.mark.xfail(strict=True, reason="issue 3 target (90 % / 90 % under clean and 20 dB "
                   "SNR) not reached with the bundled US English model on held-out espeak-ng "
                   "voices that were not trained; trained ones reach it (below)")
def test_held_out_meets_the_issue_target(held_out) -> None:
    """The target is stated over clean and 20 dB SNR (``speech_corpus.TARGET_NOISES``):
    a child's close-talk or headset microphone. 10 dB is reported and floored above."""
    utterances, open_results = held_out
    pairs = list(zip(utterances, with_thresholds(open_results, DecoderSettings().bundled)))
    target = rates(in_target(pairs))
    assert target.recognition >= 0.9 and target.rejection >= 0.9, str(target)


@pytest.fixture(scope="module")
def held_out_trained(held_out, cache: Path, tmp_path_factory: pytest.TempPathFactory):
    """The same 450 clips, each voice decoded with a model trained to it on its training
    clips (``speech_corpus.training_clips``: other speeds and pitches than these clips)."""
    utterances, _ = held_out
    voices = tmp_path_factory.mktemp("trained-voices")
    return utterances, decode_trained(utterances, OPEN, cache, voices)


@pytest.mark.accuracy
def test_trained_voices_meet_the_issue_target(held_out, held_out_trained) -> None:
    """A learner who trained the recogniser (``python -m app.train_voice``, about a minute of
    their commands): 90 % / 90 % on held-out voices, and more talk rejected than untrained
    for at least as many commands."""
    utterances, trained_open = held_out_trained
    trained = rates(in_target(list(zip(utterances, with_thresholds(
        trained_open, DecoderSettings().trained)))))
    bundled = rates(in_target(list(zip(utterances, with_thresholds(
        held_out[1], DecoderSettings().bundled)))))
    print(f"bundled: {bundled}\ntrained: {trained}")
    assert trained.recognition >= 0.9 and trained.rejection >= 0.9, str(trained)
    assert trained.recognition >= bundled.recognition
    assert trained.rejection >= bundled.rejection + 0.05

"""Voice commands: decoding time after the end of an utterance, accuracy and out-of-grammar
rejection on the synthesised test corpus, beside SpeechRecognition's ``recognize_sphinx``
without a grammar on the same audio.

Ours is the speech adapter's decoder (``adapters.speech.decoder.CommandDecoder``: one
pocketsphinx decoder, the command grammar, rejection against a free phone loop) with the
English phrases of ``i18n/voice.en.yml``. The baseline is the plain way: ``recognize_sphinx``
with its default language model and no grammar; its transcript counts as a command only
when it is exactly one of the phrases (the same rule ours follows), else as a rejection.

The audio is the held-out half of the corpus (``tests/adapters/speech_corpus.py``: voices
and out-of-grammar talk never used to tune the decoder), every phrase and every
out-of-grammar text in two of its voices, clean and with 10 dB babble (other children
talking), half of each voice-and-noise block so that every text is heard twice. Decoding
time is measured around one call, after the whole utterance exists, as the adapter does once
the end of speech is detected; ``recognize_sphinx`` builds a new
decoder for every call, which is part of what it costs.

Voice training (``adapters/speech/training.py``) is measured on the same clips: each voice's
model is trained on its training clips (``speech_corpus.training_clips``: every phrase
twice, at another speed and pitch than the test clips), and the trained decoder, with its
own threshold, stands beside the bundled model; training time stands beside the length of
the recordings it learnt from (what the learner spent saying them).

Every language (``voice_languages``): commands and other talk in fr, nl, de, it, es and en,
on each language's held-out voices, untrained and trained, clean and 20 dB noise.
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Figure, blocked, percentile, summary

NAME = "voice"
LOCALE = "en"
ROOT = Path(__file__).resolve().parent.parent


def missing() -> str | None:
    """Why the voice benchmark cannot run here, or ``None``."""
    import importlib.util
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for module, what in (("adapters.speech.decoder", "adapters/speech/decoder.py"),
                         ("adapters.speech.grammar", "adapters/speech/grammar.py"),
                         ("tests.adapters.speech_corpus", "tests/adapters/speech_corpus.py"),
                         ("tests.adapters.speech_eval", "tests/adapters/speech_eval.py"),
                         ("speech_recognition", "SpeechRecognition"),
                         ("pocketsphinx", "pocketsphinx")):
        if importlib.util.find_spec(module) is None:
            return f"{what} is not available"
    return None


@dataclass
class Heard:
    expected: str | None
    noise: str
    command: str | None
    seconds: float
    lenient: str | None = None  # the baseline with a kinder rule: a phrase anywhere in it


def phrase_inside(words: tuple[str, ...], commands: dict[tuple[str, ...], str]) -> str | None:
    """The command of the longest phrase found anywhere in ``words`` (or ``None``)."""
    for phrase in sorted(commands, key=len, reverse=True):
        n = len(phrase)
        if any(words[i:i + n] == phrase for i in range(len(words) - n + 1)):
            return commands[phrase]
    return None


def corpus(quick: bool) -> list:
    from adapters.speech.grammar import load_phrases
    from tests.adapters import speech_corpus as corpus_module
    voices = corpus_module.HELD_OUT_VOICES[:1 if quick else 2]
    noises = (corpus_module.CLEAN,) if quick else (corpus_module.CLEAN,
                                                  corpus_module.Noise("babble", 10.0))
    cache = corpus_module.corpus_dir(Path(tempfile.gettempdir()) / "citizencode-speech-corpus")
    clips = corpus_module.build(load_phrases(LOCALE), "held_out", cache, noises=noises,
                                voices=voices)
    if quick:
        return clips[::3]
    # half of each voice-and-noise block, the other half in the next block: every text is
    # heard twice, in different voices or noise, and the run stays within its time budget
    block = len(clips) // (len(voices) * len(noises))
    return [clip for i, clip in enumerate(clips) if (i % block + i // block) % 2 == 0]


def trained_decoders(clips: list, folder: Path) -> tuple[dict, float, float]:
    """A decoder trained to each voice of ``clips``, with the seconds training took and the
    seconds of recordings it learnt from (every voice together)."""
    from adapters.speech.grammar import load_phrases
    from adapters.speech.training import train
    from tests.adapters import speech_corpus as corpus_module
    from tests.adapters.speech_eval import english_decoder, english_model

    base, phrases = english_model(), load_phrases(LOCALE)
    decoders, training, speech = {}, 0.0, 0.0
    for voice in dict.fromkeys(clip.voice for clip in clips):
        said = corpus_module.training_clips(voice, phrases, folder / "corpus")
        start = time.perf_counter()
        model = train(base, said, folder / voice.label.replace("/", "_")).model
        training += time.perf_counter() - start
        speech += sum(len(clip.audio) for clip in said) / 2 / 16_000
        decoders[voice] = english_decoder(model=model)
    return decoders, training, speech


def decode_trained(clips: list, decoders: dict) -> list[Heard]:
    """Each clip decoded by the decoder trained to its voice."""
    heard = []
    for clip in clips:
        start = time.perf_counter()
        result = decoders[clip.voice].decode(clip.audio)
        heard.append(Heard(clip.expected, clip.noise.label, result.command,
                           time.perf_counter() - start))
    return heard


def decode_all(clips: list) -> tuple[list[Heard], list[Heard]]:
    """(ours, baseline) for every clip, alternating clip by clip."""
    import speech_recognition as sr

    from adapters.speech.grammar import normalise
    from tests.adapters.speech_eval import english_decoder

    decoder = english_decoder()
    grammar = decoder.grammar
    assert grammar is not None
    recogniser = sr.Recognizer()
    ours: list[Heard] = []
    base: list[Heard] = []
    for clip in clips:
        start = time.perf_counter()
        result = decoder.decode(clip.audio)
        ours.append(Heard(clip.expected, clip.noise.label, result.command,
                          time.perf_counter() - start))
        start = time.perf_counter()
        try:
            text = recogniser.recognize_sphinx(sr.AudioData(clip.audio, 16_000, 2))
        except sr.UnknownValueError:
            text = ""
        seconds = time.perf_counter() - start
        words = normalise(text)
        base.append(Heard(clip.expected, clip.noise.label, grammar.command_for(" ".join(words)),
                          seconds, phrase_inside(words, grammar.commands)))
    return ours, base


def accuracy(heard: list[Heard], noise: str | None = None) -> float:
    """Share of command utterances heard as the right command."""
    said = [h for h in heard if h.expected is not None and noise in (None, h.noise)]
    return 100.0 * sum(h.command == h.expected for h in said) / max(1, len(said))


def rejection(heard: list[Heard], noise: str | None = None) -> float:
    """Share of out-of-grammar utterances that gave no command."""
    talk = [h for h in heard if h.expected is None and noise in (None, h.noise)]
    return 100.0 * sum(h.command is None for h in talk) / max(1, len(talk))


def run(quick: bool = False) -> list[Figure]:
    reason = missing()
    if reason is not None:
        return [blocked(NAME, "decoding time, accuracy, rejection", reason)]
    clips = corpus(quick)
    commands = sum(1 for c in clips if c.expected is not None)
    print(f"[voice] {len(clips)} clips ({commands} commands, {len(clips) - commands} other "
          "talk), ours and recognize_sphinx", file=sys.stderr)
    ours, base = decode_all(clips)
    ms, base_ms = [h.seconds * 1000 for h in ours], [h.seconds * 1000 for h in base]
    note = f"{len(clips)} held-out clips"
    out = [Figure(NAME, f"decoding time after the utterance, p{p}", percentile(ms, p), "ms",
                  percentile(base_ms, p), "recognize_sphinx, no grammar", note=note,
                  details={"ours": summary(ms), "baseline": summary(base_ms)})
           for p in (50, 99)]
    out.append(Figure(NAME, "commands understood (right command)", accuracy(ours), "%",
                      accuracy(base), "recognize_sphinx + exact phrase",
                      note=f"{commands} command utterances"))
    out.append(Figure(NAME, "out-of-grammar talk rejected", rejection(ours), "%",
                      rejection(base), "recognize_sphinx + exact phrase",
                      note=f"{len(clips) - commands} utterances of other talk"))
    lenient = [Heard(h.expected, h.noise, h.lenient, h.seconds) for h in base]
    out.append(Figure(NAME, "commands understood, baseline with a phrase anywhere counting",
                      accuracy(ours), "%", accuracy(lenient), "recognize_sphinx + phrase inside"))
    out.append(Figure(NAME, "out-of-grammar talk rejected, baseline with a phrase anywhere "
                      "counting", rejection(ours), "%", rejection(lenient),
                      "recognize_sphinx + phrase inside"))
    wrong = [h for h in ours if h.expected is not None and h.command not in (None, h.expected)]
    base_wrong = [h for h in base
                  if h.expected is not None and h.command not in (None, h.expected)]
    out.append(Figure(NAME, "commands heard as another command", 100.0 * len(wrong)
                      / max(1, commands), "%", 100.0 * len(base_wrong) / max(1, commands),
                      "recognize_sphinx + exact phrase", note="the costly mistake"))
    out += trained_figures(clips, ours)
    from benchmarks.voice_languages import figures as language_figures
    out += language_figures(quick)
    by_noise: dict[str, int] = defaultdict(int)
    for h in ours:
        by_noise[h.noise] += 1
    for noise in by_noise:
        out.append(Figure(NAME, f"commands understood, {noise}", accuracy(ours, noise), "%",
                          accuracy(base, noise), "recognize_sphinx + exact phrase"))
        out.append(Figure(NAME, f"out-of-grammar talk rejected, {noise}",
                          rejection(ours, noise), "%", rejection(base, noise),
                          "recognize_sphinx + exact phrase"))
    return out


def trained_figures(clips: list, bundled: list[Heard]) -> list[Figure]:
    """Each voice trained (``speech_training``) beside the bundled model on the same clips."""
    with tempfile.TemporaryDirectory(prefix="citizencode-voices-") as folder:
        decoders, training, speech = trained_decoders(clips, Path(folder))
        trained = decode_trained(clips, decoders)
    ms = [h.seconds * 1000 for h in trained]
    base_ms = [h.seconds * 1000 for h in bundled]
    voices = len(decoders)
    return [
        Figure(NAME, "commands understood, voice trained", accuracy(trained), "%",
               accuracy(bundled), "bundled model (ours, untrained)",
               note=f"{voices} voices, each trained on its training clips"),
        Figure(NAME, "out-of-grammar talk rejected, voice trained", rejection(trained), "%",
               rejection(bundled), "bundled model (ours, untrained)"),
        Figure(NAME, "decoding time after the utterance, voice trained, p50",
               percentile(ms, 50), "ms", percentile(base_ms, 50),
               "bundled model (ours, untrained)",
               details={"trained": summary(ms), "bundled": summary(base_ms)}),
        Figure(NAME, "training time per voice", training / max(1, voices), "s",
               speech / max(1, voices), "the recordings it learns from",
               note="what the learner waits for, beside what they said"),
    ]

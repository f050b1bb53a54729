"""``python -m app.train_voice --learner Sam``: train voice commands to one learner's voice.

    python -m app.train_voice --learner Sam                 # the learner says each phrase twice
    python -m app.train_voice --learner Sam --from-recordings folder/   # or from WAV files

A teacher sits with the learner: the terminal shows each command phrase, the learner says
it into the microphone, and after the last one the model is adapted to that voice
(``adapters.speech.training``) and saved beside the progress file
(``app.storage.paths.learner_voice_dir``). The game uses it from the learner's next start.
Recordings, instead of the microphone, are WAV files named after the phrase
(``move forward.wav``, ``move forward 2.wav``), for a learner recorded elsewhere.

Nothing leaves the device, and a failed training leaves an earlier trained voice as it was.
"""
from __future__ import annotations

import argparse
import queue
import re
import sys
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

from accessibility.presenters.voice_training_presenter import ROUNDS  # as the app asks
from accessibility.translator import Translator
from adapters.events import AdapterStatus, StatusKind
from adapters.speech.adapter import SpeechAdapter, language_name
from adapters.speech.capture import AudioSource, to_16k
from adapters.speech.grammar import every_phrase
from adapters.speech.models import find_model, install_folder
from adapters.speech.training import TrainingClip, TrainingError, can_train, train
from app.storage.paths import data_dir, database_path, learner_voice_dir
from app.storage.store import ProgressStore

TRIES = 3  # a phrase not heard this many times in a row is skipped
Say = Callable[[str], None]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.train_voice",
                                     description="Train voice commands to a learner's voice.")
    parser.add_argument("--learner", required=True, help="the learner's name, as in the game")
    parser.add_argument("--locale", default=None, help="language (default: the learner's)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the progress folder, if not the default")
    parser.add_argument("--from-recordings", type=Path, default=None, metavar="FOLDER",
                        help="WAV files named after the phrases, instead of the microphone")
    return parser


def _read_wav(path: Path) -> bytes | None:
    """16 kHz mono int16 audio of a mono WAV file; None if it is not one."""
    try:
        with wave.open(str(path)) as wav:
            if wav.getnchannels() != 1:
                return None
            return to_16k(wav.readframes(wav.getnframes()), wav.getframerate(),
                          wav.getsampwidth())
    except (OSError, EOFError, wave.Error):
        return None


def from_recordings(folder: Path, phrases: list[str], t: Callable[..., str],
                    say: Say) -> Iterator[TrainingClip]:
    """Clips from ``<phrase>.wav`` and ``<phrase> <n>.wav`` files; others are ignored, and
    one that is not a mono WAV file is skipped with a word to the teacher."""
    known = {phrase.lower(): phrase for phrase in phrases}
    for path in sorted(folder.glob("*.wav")):
        stem = re.sub(r"[\s_-]+\d+$", "", path.stem).replace("_", " ").strip().lower()
        if stem not in known:
            continue
        audio = _read_wav(path)
        if audio is None:
            say(t("voice.training.bad_recording", file=path.name))
            continue
        yield TrainingClip(known[stem], audio)


class MicrophoneUnavailable(RuntimeError):
    """The speech adapter could not listen; ``status`` says why, in the teacher's words."""

    def __init__(self, status: AdapterStatus) -> None:
        super().__init__(status.detail or status.message_key)
        self.status = status


def from_microphone(phrases: list[str], locale: str, t: Callable[..., str], say: Say,
                    source: AudioSource | None = None, wait: float = 8.0
                    ) -> Iterator[TrainingClip]:
    """Prompts each phrase ``ROUNDS`` times and takes the next utterance the speech adapter
    hears for it (the game's own capture: ``SpeechAdapter.record_to``)."""
    heard: queue.Queue[bytes] = queue.Queue()
    statuses: queue.Queue[AdapterStatus] = queue.Queue()
    adapter = SpeechAdapter(locale, mode="continuous", source=source)
    adapter.record_to(heard.put)
    adapter.start(lambda event: None, statuses.put)
    try:
        while (status := statuses.get(timeout=30)).kind is not StatusKind.CONNECTED:
            if status.kind in (StatusKind.ERROR, StatusKind.LOST):
                raise MicrophoneUnavailable(status)
        total = len(phrases) * ROUNDS
        for count, phrase in enumerate(phrases * ROUNDS, start=1):
            for _ in range(TRIES):
                while not heard.empty():  # talk before the prompt is not this phrase
                    heard.get_nowait()
                say(t("voice.training.say", phrase=phrase, count=count, total=total))
                try:
                    yield TrainingClip(phrase, heard.get(timeout=wait))
                    break
                except queue.Empty:
                    say(t("voice.training.not_heard"))
            else:
                say(t("voice.training.skipped", phrase=phrase))
    finally:
        adapter.stop()


def main(argv: list[str] | None = None, say: Say = print) -> int:
    args = _parser().parse_args(argv)
    folder = data_dir(args.data_dir)
    store = ProgressStore(database_path(folder))
    learners = store.learners()
    learner = next((l for l in learners if l.name.casefold() == args.learner.casefold()), None)
    t = Translator(args.locale or (learner.locale if learner else "en")).t
    if learner is None:
        say(t("voice.training.no_learner", name=args.learner,
              names=", ".join(l.name for l in learners) or "-"))
        return 2
    locale = args.locale or learner.locale
    base = find_model(locale)
    if base is None:
        say(t("voice.status.no_model", language=language_name(locale),
              folder=str(install_folder(locale))))
        return 2
    if not can_train(base):  # before the learner says 36 phrases for nothing
        say(t("voice.training.unsupported", language=language_name(locale)))
        return 2
    phrases = every_phrase(locale)
    if args.from_recordings is not None:
        clips = list(from_recordings(args.from_recordings, phrases, t, say))
    else:
        try:
            clips = list(from_microphone(phrases, locale, t, say))
        except MicrophoneUnavailable as error:  # no microphone, no PyAudio ...
            say(t(error.status.message_key, **error.status.params))
            say(t("voice.training.from_recordings_instead"))
            return 2
    say(t("voice.training.learning", count=len(clips)))
    target = learner_voice_dir(folder, learner.id) / locale
    try:
        report = train(base, clips, target)
    except TrainingError as error:
        say(t(error.key, **error.params))
        return 1
    say(t("voice.training.done", name=learner.name, clips=report.used,
          seconds=f"{report.frames / 100:.0f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

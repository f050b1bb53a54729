"""Voice training in the real app, from the teacher's settings: the learner says each phrase
(push-to-talk, real espeak-ng audio), the recogniser is trained, and the game listens again
with the trained voice. And from the command line, from recordings."""
from __future__ import annotations

import time
import wave
from pathlib import Path

import pytest

from accessibility.message import Message
from accessibility.presenters.voice_training_presenter import (DONE, LEARNING,
                                                              VoiceTrainingPresenter)
from accessibility.profiles import edited, preset
from accessibility.translator import Translator
from adapters.events import InputEvent, StatusKind
from adapters.speech.grammar import load_phrases
from adapters.speech.training import trained_model
from app import train_voice
from app.controller import SETTINGS, VOICE_TRAINING
from tests.support.driver import (RunningApp, prepare_learner, scripted_microphone,
                                  status_after_choosing_voice)
from app.options import Options
from app.storage.paths import learner_voice_dir
from app.storage.store import ProgressStore
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_eval import english_model
from tests.adapters.speech_sources import TalkSource

VOICE = corpus.HELD_OUT_VOICES[2]  # en-us+f2, fast and high


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    cache = corpus.corpus_dir(tmp_path_factory.getbasetemp() / "speech-corpus")
    said: dict[str, list[bytes]] = {}
    for clip in corpus.training_clips(VOICE, load_phrases("en"), cache):
        said.setdefault(clip.phrase, []).append(clip.audio)
    return said


@pytest.mark.slow  # records every phrase and trains: about 40 s
def test_a_teacher_trains_a_voice_learner_from_the_settings(tmp_path: Path, recordings) -> None:
    prepare_learner(tmp_path, edited(preset("voice"), push_to_talk=True,
                                     auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True))
    try:
        controller, hub = running.controller, running.app.services.hub
        controller.choose_learner(controller.store.learners()[0].id)
        running.frames(3)
        controller.open_settings()
        running.frames(3)
        assert controller.model.find("settings:train_voice") is not None
        # this machine has no microphone: training says so first and stays put
        controller.activate("settings:train_voice")
        running.frames(3)
        assert controller.screen == SETTINGS
        no_microphone = Translator("en").t("voice.status.no_microphone")
        assert "\n".join(running.app.status_bar.lines()).count(no_microphone) == 1  # shown once
        assert running.app.root_view.ids.caption.text == no_microphone  # and said

        source = scripted_microphone(running, "en")  # the learner's voice
        controller.activate("settings:train_voice")
        running.frames(3)
        assert controller.screen == VOICE_TRAINING
        presenter = controller.presenter
        assert isinstance(presenter, VoiceTrainingPresenter)
        screen = running.app.screens[VOICE_TRAINING]
        assert screen.ids.phrase.text == "“the next one”"
        assert screen.ids.progress.text == "Phrase 1 of 36"

        presenter.skip()  # the teacher skips a phrase the learner cannot say today
        running.frames(2)
        assert screen.ids.phrase.text == "“previous one”"
        takes = {phrase: list(clips) for phrase, clips in recordings.items()}
        while presenter.phrase is not None and presenter.state == "listening":
            phrase, position = presenter.phrase, presenter.index
            hub.post(InputEvent("kb", "space", True, time.monotonic()))  # the talk switch
            running.frames(2)
            source.say(takes[phrase].pop(0))
            assert source.said.wait(5)
            time.sleep(0.05)
            hub.post(InputEvent("kb", "space", False, time.monotonic()))
            assert running.wait_for(lambda: presenter.index > position, 10.0), phrase
        assert presenter.state == LEARNING
        controller.go_back()  # Escape while it learns: it finishes first (a few seconds)
        assert controller.screen == VOICE_TRAINING
        assert running.wait_for(lambda: presenter.state == DONE, 90.0), presenter.state
        running.frames(3)
        assert screen.ids.message.text.startswith("Done: voice commands now know Sam's voice "
                                                  "(35 phrases")
        assert screen.ids.phrase.text == ""
        folder = controller.voice_dir()
        assert trained_model(folder / "en", english_model()) is not None
        # the game listens on, now with the trained voice, the microphone still open
        assert controller.voice._source is source
        assert running.wait_for(lambda: controller.voice.model.trained, 5.0)
        controller.activate("training:leave")
        running.frames(3)
        assert controller.screen == SETTINGS  # the settings as they were, still unsaved
        t = Translator("en").t
        again = controller.model.find("settings:train_voice")
        assert again is not None and again.label_key == "voice.training.again"
        # the settings' language is previewed: that language's voice was never trained
        controller.activate("locale:fr")
        running.frames(3)
        assert controller.model.find("settings:forget_voice") is None
        controller.activate("locale:en")
        running.frames(3)
        assert controller.model.find("settings:forget_voice") is not None
        # a teacher who heard another child talk through the training goes back
        controller.activate("settings:forget_voice")
        running.frames(3)
        assert not (folder / "en").exists()
        assert running.wait_for(lambda: not controller.voice.model.trained, 5.0)
        assert running.app.root_view.ids.caption.text == t("voice.training.forgotten",
                                                           name="Sam")  # said aloud
        assert controller.model.find("settings:forget_voice") is None
        assert controller.model.find("settings:train_voice").label_key == "voice.training.open"
    finally:
        running.close()


def test_without_a_model_for_the_language_training_says_what_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("adapters.speech.models.DICTS", tmp_path / "none")  # no French words
    prepare_learner(tmp_path, edited(preset("voice"), auditory_scanning=False))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True,
                                           locale="fr"))
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)
        assert running.wait_for(lambda: controller.voice.status.kind is StatusKind.ERROR)
        controller.open_settings()
        running.frames(3)
        controller.activate("settings:train_voice")
        running.frames(3)
        assert controller.screen == SETTINGS
        status = "\n".join(running.app.status_bar.lines())
        missing = "Les commandes vocales en français ont besoin d'un modèle"
        assert status.count(missing) == 1, status  # shown once: the notice is the status
        assert running.app.root_view.ids.caption.text.startswith(missing)  # and said
    finally:
        running.close()


def test_the_suggestion_to_train_stays_readable_when_the_microphone_reports(tmp_path: Path
                                                                          ) -> None:
    status = status_after_choosing_voice(tmp_path)
    assert "Voice commands understand Zoë much better after voice training" in status, \
        status
    assert Translator("en").t("voice.status.no_microphone") in status


def test_a_voice_the_disk_will_not_let_go_is_not_called_forgotten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_learner(tmp_path, edited(preset("voice"), auditory_scanning=False))
    # no speech adapter: its own "no microphone" words would race the ones checked here
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False))
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)

        def refuse(folder: Path) -> None:
            raise PermissionError(13, "Permission denied", str(folder))

        monkeypatch.setattr("adapters.speech.training.forget", refuse)
        controller.voice_training.forget()
        running.frames(3)
        caption = running.app.root_view.ids.caption.text
        assert caption.startswith("The trained voice could not be removed ([Errno 13]"), caption
    finally:
        running.close()


def test_leaving_training_keeps_nothing(tmp_path: Path) -> None:
    presenter = VoiceTrainingPresenter(["move forward", "turn left"], "Sam",
                                       on_say=lambda _message: None,
                                       on_finish=lambda r: pytest.fail("nothing to train"),
                                       on_leave=lambda: None)
    presenter.start()
    presenter.heard(b"\0" * 3200)
    assert presenter.index == 1 and presenter.phrase == "turn left"
    presenter.model().find("training:leave").activate()
    assert presenter.state == "listening"  # leaving never trains


def _wav_folder(folder: Path, recordings) -> Path:
    folder.mkdir()
    for phrase, clips in recordings.items():
        for n, audio in enumerate(clips, start=1):
            corpus.write_wav(folder / (f"{phrase}.wav" if n == 1 else f"{phrase} {n}.wav"),
                             audio)
    return folder


def test_the_command_line_trains_from_recordings_and_says_what_is_wrong(
        tmp_path: Path, recordings, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    store = ProgressStore(data / "progress.sqlite3")
    sam = store.add_learner("Sam", "fox", "en", {})
    store.close()
    said: list[str] = []
    t = Translator("en").t
    assert train_voice.main(["--learner", "Alex", "--data-dir", str(data)], said.append) == 2
    assert said[-1] == t("voice.training.no_learner", name="Alex", names="Sam")
    # no microphone on this machine: the speech adapter's own words, then the way round
    assert train_voice.main(["--learner", "sam", "--data-dir", str(data)], said.append) == 2
    assert said[-2:] == [t("voice.status.no_microphone"),
                         t("voice.training.from_recordings_instead")]
    assert not learner_voice_dir(data, sam.id).exists()

    # a German model of another kind (continuous, say): refused before any recording
    german = tmp_path / "models" / "de" / "model"
    german.mkdir(parents=True)
    for source in english_model().acoustic.iterdir():
        (german / source.name).symlink_to(source)
    (german / "feat.params").unlink()
    (german / "feat.params").write_text("-feat s2_4x\n")
    (german.parent / "de.dict").symlink_to(english_model().dictionary)
    monkeypatch.setenv("CITIZENCODE_SPEECH_MODELS", str(tmp_path / "models"))
    assert train_voice.main(["--learner", "sam", "--data-dir", str(data), "--locale", "de"],
                            said.append) == 2
    assert said[-1] == Translator("de").t("voice.training.unsupported", language="Deutsch")

    wavs = _wav_folder(tmp_path / "wavs", recordings)
    (wavs / "turn left 3.wav").write_text("not audio")  # a file saved wrongly
    with wave.open(str(wavs / "turn right 3.wav"), "wb") as stereo:
        stereo.setnchannels(2)
        stereo.setsampwidth(2)
        stereo.setframerate(16_000)
        stereo.writeframes(bytes(6400))
    code = train_voice.main(["--learner", "sam", "--data-dir", str(data),
                             "--from-recordings", str(wavs)], said.append)
    assert code == 0, said
    assert t("voice.training.bad_recording", file="turn left 3.wav") in said
    assert t("voice.training.bad_recording", file="turn right 3.wav") in said
    assert said[-2] == t("voice.training.learning", count=36)
    assert said[-1].startswith("Done: voice commands are trained to Sam's voice (36 phrases")
    assert trained_model(learner_voice_dir(data, sam.id) / "en", english_model()) is not None


def test_what_the_narrator_says_is_what_the_screen_shows() -> None:
    said: list[Message] = []
    finished: list[list] = []
    presenter = VoiceTrainingPresenter(["move forward"], "Sam", on_say=said.append,
                                       on_finish=finished.append, on_leave=lambda: None)
    presenter.start()
    assert said[-1] == Message("voice.training.say", {"phrase": "move forward", "count": 1,
                                                      "total": 2})
    presenter.heard(b"\0" * 3200)
    presenter.skip()
    assert presenter.state == LEARNING and len(finished[0]) == 1
    assert said[-1] == presenter.model().params["message"] == Message(
        "voice.training.learning", {"count": 1})
    presenter.failed("voice.training.too_few", {"used": 1, "total": 1, "needed": 6})
    shown = presenter.model().params
    assert said[-1] == shown["message"] == Message("voice.training.too_few",
                                                   {"used": 1, "total": 1, "needed": 6})
    assert shown["phrase"] is None and shown["progress"] is None


def test_the_command_line_records_what_the_game_would_hear(recordings) -> None:
    """The terminal trainer listens through the game's speech adapter: each prompt, then the
    next utterance (continuous listening, real audio through a scripted microphone)."""
    source = TalkSource()
    t = Translator("en").t
    said: list[str] = []
    takes = {phrase: list(clips) for phrase, clips in recordings.items()}

    def say(text: str) -> None:
        said.append(text)
        for phrase in ("move forward", "turn left"):
            if f"“{phrase}”" in text and "(4 of 4)" not in text:  # the last one: silence
                source.say(takes[phrase].pop(0))

    clips = list(train_voice.from_microphone(["move forward", "turn left"], "en", t, say,
                                             source=source, wait=4.0))
    assert [clip.phrase for clip in clips] == ["move forward", "turn left", "move forward"]
    assert all(len(clip.audio) > 16_000 for clip in clips)  # whole phrases, 16 kHz int16
    assert said.count(t("voice.training.not_heard")) == 3
    assert said[-1] == t("voice.training.skipped", phrase="turn left")

"""The speech adapter end to end: real audio through capture threads to InputEvents, and the
statuses a teacher sees when there is no microphone or no model for the language."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from adapters.events import AdapterStatus, InputEvent, StatusKind
from adapters.speech.adapter import SpeechAdapter, language_name
from adapters.speech.own_voice import OwnVoice
from adapters.speech.models import MODELS_ENV, bundled_model, find_model
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_sources import ScriptedSource, TalkSource

VOICE = corpus.Voice("en-us", 150, 50)


class Recorder:
    """Collects what the adapter sends, as the hub would, and waits for it."""

    def __init__(self) -> None:
        self.events: list[InputEvent] = []
        self.statuses: list[AdapterStatus] = []
        self._changed = threading.Condition()

    def on_event(self, event: InputEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def on_status(self, status: AdapterStatus) -> None:
        with self._changed:
            self.statuses.append(status)
            self._changed.notify_all()

    def wait(self, predicate, timeout: float = 15.0) -> None:
        with self._changed:
            assert self._changed.wait_for(predicate, timeout), (self.statuses, self.events)

    def wait_status(self, key: str, timeout: float = 15.0) -> AdapterStatus:
        self.wait(lambda: any(s.message_key == "voice.status." + key for s in self.statuses),
                  timeout)
        return next(s for s in self.statuses if s.message_key == "voice.status." + key)

    def commands(self) -> list[tuple[str, bool]]:
        return [(e.control, e.pressed) for e in self.events]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.corpus_dir(tmp_path_factory.getbasetemp() / "speech-corpus")


def clip(text: str, cache: Path, voice: corpus.Voice = VOICE, lead: float = 0.1) -> bytes:
    speech = corpus.synthesise(text, voice, cache)
    return corpus.mix(speech, corpus.CLEAN, np.random.default_rng(2), lead=lead, tail=0.1)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def _stop(adapter: SpeechAdapter) -> None:
    adapter.stop()
    assert adapter.status.kind is StatusKind.STOPPED


def test_no_microphone_gives_a_clear_error_and_start_does_not_block(recorder) -> None:
    import speech_recognition as sr

    try:
        sr.Microphone()
        pytest.skip("this machine has a microphone")
    except (OSError, AttributeError):
        pass
    adapter = SpeechAdapter("en")
    started = time.monotonic()
    adapter.start(recorder.on_event, recorder.on_status)
    assert time.monotonic() - started < 0.2
    assert recorder.statuses[0].kind is StatusKind.STARTING
    error = recorder.wait_status("no_microphone")
    assert error.kind is StatusKind.ERROR and error.adapter == "speech"
    assert adapter.status == error
    _stop(adapter)


def test_no_model_for_the_language_says_where_to_put_one(recorder, tmp_path: Path,
                                                         monkeypatch) -> None:
    monkeypatch.setattr("adapters.speech.models.DICTS", tmp_path / "none")  # no French words
    adapter = SpeechAdapter("fr", source=TalkSource(), model_dirs=[tmp_path])
    adapter.start(recorder.on_event, recorder.on_status)
    error = recorder.wait_status("no_model")
    assert error.kind is StatusKind.ERROR
    assert error.params == {"language": "français", "folder": str(tmp_path / "fr")}
    _stop(adapter)


def test_models_are_found_in_the_env_folder_before_the_user_folder(tmp_path: Path,
                                                                  monkeypatch) -> None:
    bundled = bundled_model("en")
    assert bundled is not None
    folder = tmp_path / "nl" / "cmusphinx-nl-5.2"
    (folder / "acoustic").mkdir(parents=True)
    (folder / "acoustic" / "mdef").symlink_to(bundled.acoustic / "mdef")
    (folder / "nl.dict").write_text("stop S T AA P\n")
    monkeypatch.setenv(MODELS_ENV, os.pathsep.join([str(tmp_path / "missing"), str(tmp_path)]))
    model = find_model("nl")
    assert model is not None and not model.bundled
    assert (model.acoustic, model.dictionary) == (folder / "acoustic", folder / "nl.dict")
    assert find_model("it").cross_language  # the bundled model, with the Italian words
    assert find_model("en").bundled


def test_a_model_folder_with_a_foreign_dictionary_reports_no_phrases(recorder,
                                                                   tmp_path: Path) -> None:
    bundled = bundled_model("en")
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "model").symlink_to(bundled.acoustic)
    (tmp_path / "de" / "de.dict").write_text("banane B AH N AA N AH\n")
    adapter = SpeechAdapter("de", source=TalkSource(), model_dirs=[tmp_path])
    adapter.start(recorder.on_event, recorder.on_status)
    error = recorder.wait_status("no_phrases")
    assert error.params["language"] == "Deutsch"
    _stop(adapter)


def test_continuous_listening_turns_commands_into_press_release_pairs(recorder,
                                                                     cache: Path) -> None:
    source = ScriptedSource([clip("move forward", cache),
                             clip("we are going to the park after school", cache),
                             clip("begin again", cache)])
    adapter = SpeechAdapter("en", source=source)
    before = time.monotonic()
    adapter.start(recorder.on_event, recorder.on_status)
    recorder.wait(lambda: len(recorder.events) >= 4)
    assert source.played.wait(10)
    time.sleep(0.5)  # the talk in between must not have become a command
    assert recorder.commands() == [("move_forward", True), ("move_forward", False),
                                   ("reset", True), ("reset", False)]
    assert all(e.id.startswith("speech:") for e in recorder.events)
    first, second = recorder.events[0].t, recorder.events[2].t
    assert before < first < second <= time.monotonic()
    assert recorder.events[0].t == recorder.events[1].t
    keys = [s.message_key for s in recorder.statuses]
    assert keys[:2] == ["voice.status.starting", "voice.status.listening"]
    assert "voice.status.not_understood" not in keys  # classroom talk stays silent
    _stop(adapter)


def test_push_to_talk_decodes_what_was_said_while_the_switch_was_held(recorder,
                                                                     cache: Path) -> None:
    source = TalkSource()
    adapter = SpeechAdapter("en", mode="push_to_talk", source=source)
    adapter.start(recorder.on_event, recorder.on_status)
    recorder.wait_status("push_to_talk")
    source.say(clip("pick up the star", cache))  # not held: ignored
    assert source.said.wait(5)
    time.sleep(0.3)
    assert recorder.events == []
    adapter.push_to_talk(True)
    time.sleep(0.1)
    source.say(clip("pick up the star", cache))
    assert source.said.wait(5)
    time.sleep(0.1)
    released = time.monotonic()
    adapter.push_to_talk(False)
    recorder.wait(lambda: len(recorder.events) == 2)
    assert recorder.commands() == [("collect", True), ("collect", False)]
    assert abs(recorder.events[0].t - released) < 0.05
    adapter.push_to_talk(True)
    time.sleep(0.1)
    source.say(clip("I don't know how to do this", cache))
    assert source.said.wait(5)
    adapter.push_to_talk(False)
    assert recorder.wait_status("not_understood").kind is StatusKind.CONNECTED
    assert len(recorder.events) == 2
    adapter.push_to_talk(True)  # a long hold before speaking: 4.5 s of quiet, then the words
    time.sleep(0.1)
    source.say(clip("move forward", cache, lead=4.5))
    assert source.said.wait(5)
    time.sleep(0.1)
    adapter.push_to_talk(False)
    recorder.wait(lambda: len(recorder.events) == 4)
    assert recorder.commands()[2:] == [("move_forward", True), ("move_forward", False)]
    _stop(adapter)


def test_set_locale_rebuilds_at_run_time_and_survives_a_missing_model(recorder, cache: Path,
                                                                      tmp_path: Path,
                                                                      monkeypatch) -> None:
    monkeypatch.setattr("adapters.speech.models.DICTS", tmp_path / "none")  # no Italian words
    source = TalkSource()
    adapter = SpeechAdapter("en", mode="push_to_talk", source=source, model_dirs=[tmp_path])
    adapter.start(recorder.on_event, recorder.on_status)
    recorder.wait_status("push_to_talk")
    adapter.set_locale("it")
    assert recorder.wait_status("no_model").params["language"] == "italiano"
    assert adapter.locale == "it"
    recorder.statuses.clear()
    adapter.set_locale("en")
    recorder.wait_status("push_to_talk")
    adapter.push_to_talk(True)
    time.sleep(0.1)
    source.say(clip("move forward", cache))
    assert source.said.wait(5)
    adapter.push_to_talk(False)
    recorder.wait(lambda: len(recorder.events) == 2)
    assert recorder.commands() == [("move_forward", True), ("move_forward", False)]
    _stop(adapter)


def test_an_unplugged_microphone_is_reported_as_lost(recorder, cache: Path) -> None:
    adapter = SpeechAdapter("en", source=ScriptedSource([clip("remove it", cache)],
                                                        then_end=True))
    adapter.start(recorder.on_event, recorder.on_status)
    lost = recorder.wait_status("microphone_lost")
    assert lost.kind is StatusKind.LOST
    assert recorder.commands() == [("delete", True), ("delete", False)]
    _stop(adapter)


def test_stop_is_prompt_and_repeatable(recorder) -> None:
    source = TalkSource()
    adapter = SpeechAdapter("en", source=source)
    adapter.start(recorder.on_event, recorder.on_status)
    recorder.wait_status("listening")
    started = time.monotonic()
    adapter.stop()
    assert time.monotonic() - started < 2.0
    assert source.closed.is_set()
    assert not any(t.name.startswith("speech-") for t in threading.enumerate())
    adapter.stop()
    assert adapter.status.message_key == "voice.status.stopped"


def test_language_names_come_from_the_voice_files() -> None:
    assert language_name("nl") == "Nederlands"
    assert language_name("xx") == "xx"


def test_unknown_mode_is_a_developer_error() -> None:
    with pytest.raises(ValueError):
        SpeechAdapter("en", mode="always")


def test_continuous_listening_drops_what_it_heard_while_the_app_was_speaking(recorder,
                                                                            cache: Path) -> None:
    """The narrator reads "Move forward" aloud; through the loudspeaker that is a command
    phrase. While the app speaks (and its echo lasts) continuous listening decodes nothing."""
    source = TalkSource()
    own_voice = OwnVoice(tail=0.2)
    adapter = SpeechAdapter("en", source=source, own_voice=own_voice)
    adapter.start(recorder.on_event, recorder.on_status)
    recorder.wait_status("listening")
    time.sleep(1.0)  # the energy detector settles on the room
    own_voice.started(1, time.monotonic())
    source.say(clip("move forward", cache))
    assert source.said.wait(5)
    deadline = time.monotonic() + 15
    while adapter.own_voice_dropped == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert adapter.own_voice_dropped == 1 and recorder.events == []
    own_voice.finished(1, time.monotonic())
    time.sleep(2.5)  # the app has been quiet for longer than the echo and the capture's lead
    source.say(clip("move forward", cache))
    recorder.wait(lambda: len(recorder.events) == 2)
    assert recorder.commands() == [("move_forward", True), ("move_forward", False)]
    assert adapter.own_voice_dropped == 1
    _stop(adapter)

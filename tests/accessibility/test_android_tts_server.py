"""The Android speech server against a fake jnius and a fake TextToSpeech engine."""
from __future__ import annotations

import sys
import threading

import pytest

from accessibility.android_tts_server import STATUS_NO_ANDROID_VOICE, AndroidTtsServer
from accessibility.narrator import Narrator
from accessibility.speech_output import Utterance, VoiceSettings
from accessibility.audio_sink import SpeechUnavailable
from accessibility.translator import Translator
from tests.accessibility.fake_jnius import FakeAndroid

FRENCH = VoiceSettings("fr", 150, 50, 0.8)


def server_on(device: FakeAndroid) -> AndroidTtsServer:
    return AndroidTtsServer(device.jnius(), init_timeout=5.0, poll=0.002)


def speak_in_thread(server: AndroidTtsServer, utterance: Utterance, cancel: threading.Event,
                    started: threading.Event) -> tuple[threading.Thread, list[bool]]:
    result: list[bool] = []
    thread = threading.Thread(
        target=lambda: result.append(server.speak(utterance, started.set, cancel)))
    thread.start()
    return thread, result


def test_speaks_with_the_voice_of_the_language_and_reports_done() -> None:
    device = FakeAndroid()
    server = server_on(device)
    assert server.probe() is None
    onsets: list[str] = []
    assert server.speak(Utterance(1, "Bonjour", FRENCH), lambda: onsets.append("on"),
                        threading.Event()) is True
    said = device.said[0]
    assert (said.text, said.language, said.completed) == ("Bonjour", "fr", True)
    assert said.mode == device.engines[0].QUEUE_ADD
    assert said.params == {"volume": pytest.approx(0.8)}
    assert said.rate == pytest.approx(150 / 175) and said.pitch == pytest.approx(1.0)
    assert onsets == ["on"]  # too short to be seen speaking: its onset is still reported


def test_waits_for_the_engine_to_report_the_end() -> None:
    device = FakeAndroid(hold=True)
    server = server_on(device)
    started = threading.Event()
    thread, result = speak_in_thread(server, Utterance(1, "Hallo", VoiceSettings("nl")),
                                     threading.Event(), started)
    assert started.wait(5)  # isSpeaking seen: onset reported while it still plays
    thread.join(0.05)
    assert thread.is_alive() and result == []
    device.release()
    thread.join(5)
    assert result == [True] and device.said[0].completed


def test_a_cancel_stops_the_engine_at_once() -> None:
    device = FakeAndroid(hold=True)
    server = server_on(device)
    cancel, started = threading.Event(), threading.Event()
    thread, result = speak_in_thread(server, Utterance(1, "Turn left", VoiceSettings("en")),
                                     cancel, started)
    assert started.wait(5)
    cancel.set()
    thread.join(5)
    assert result == [False] and device.stops == 1
    assert device.wait_for(lambda: device.said[0].stopped and not device.engines[0].speaking)
    # the engine is usable again afterwards
    device.hold = False
    assert server.speak(Utterance(2, "Turn right", VoiceSettings("en")), lambda: None,
                        threading.Event()) is True


def test_the_narrator_queues_and_interrupts_through_it() -> None:
    device = FakeAndroid(hold=True)
    narrator = Narrator(Translator("en"), server_on(device))
    try:
        narrator.say("narration.events.moved")
        narrator.say("narration.events.turned_left")
        assert device.wait_for(lambda: len(device.said) == 1)
        device.release()
        assert device.wait_for(lambda: len(device.said) == 2 and device.said[0].completed)
        narrator.silence()  # the second one is cut off
        assert device.wait_for(lambda: device.said[1].stopped)
        assert [s.text for s in device.said] == ["One step forward.", "Turned left."]
    finally:
        narrator.close()


def test_a_language_without_voice_data_says_what_to_install() -> None:
    device = FakeAndroid(languages=("en",))
    server = server_on(device)
    assert server.probe() is None
    with pytest.raises(SpeechUnavailable) as error:
        server.speak(Utterance(1, "Hallo", VoiceSettings("de")), lambda: None,
                     threading.Event())
    assert error.value.status_key == STATUS_NO_ANDROID_VOICE
    assert device.said == []


def test_an_engine_that_does_not_start_means_captions_only() -> None:
    assert server_on(FakeAndroid(init_status=-1)).probe() == STATUS_NO_ANDROID_VOICE


def test_without_pyjnius_the_probe_says_so() -> None:
    assert AndroidTtsServer().probe() == STATUS_NO_ANDROID_VOICE  # no jnius on this machine


def test_jnius_is_imported_before_the_narrator_starts_its_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On Android, importing jnius makes threads started afterwards detach from the Java VM
    when they end; the narrator's thread starts once the server is made."""
    device = FakeAndroid()
    monkeypatch.setitem(sys.modules, "jnius", device.jnius())
    server = AndroidTtsServer(init_timeout=5.0, poll=0.002)
    monkeypatch.delitem(sys.modules, "jnius")  # what the probe thread would import later
    assert server.probe() is None and len(device.engines) == 1

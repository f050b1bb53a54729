"""Real espeak-ng speech in all six languages, and the sinks around it.

The WAV files come out of the same code path the narrator speaks with
(``EspeakServer.speak``: espeak-ng's stream copied into a sink); only the last step, the
loudspeaker, is replaced by ``FileSink`` because this machine has no sound card.
"""
from __future__ import annotations

import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from accessibility.narrator import Channel, Narrator, SpeechEventKind, default_voices
from accessibility.speech_output import STATUS_NO_ENGINE, EspeakServer, Utterance, VoiceSettings
from accessibility.audio_sink import (STATUS_NO_AUDIO, AplaySink, FileSink, SpeechUnavailable,
                                     describe_wav, write_silence)
from accessibility.translator import LOCALES, Translator

# one sentence per locale with eight words; espeak-ng speaks ~2.5 words a second at 150 wpm
SENTENCES = {
    "fr": "Bravo, tu as trouvé toutes les étoiles aujourd'hui.",
    "nl": "Goed gedaan, je hebt vandaag alle sterren gevonden.",
    "en": "Well done, you found all the stars today.",
    "de": "Gut gemacht, du hast heute alle Sterne gefunden.",
    "it": "Bravo, hai trovato tutte le stelle oggi pomeriggio.",
    "es": "Muy bien, encontraste todas las estrellas hoy mismo.",
}


def numpy_rms(path: Path) -> float:
    with wave.open(str(path)) as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    return float(np.sqrt((samples.astype(np.float64) ** 2).mean()) / 32768)


@pytest.mark.parametrize("locale", LOCALES)
def test_real_espeak_speech_in_every_locale(locale: str, tmp_path: Path) -> None:
    player = FileSink(tmp_path / "out")
    server = EspeakServer(player)
    voice = default_voices()[(locale, Channel.MAIN)]
    onsets: list[int] = []
    completed = server.speak(Utterance(1, SENTENCES[locale], voice),
                             lambda: onsets.append(1), threading.Event())
    assert completed and onsets == [1]
    [path] = player.files
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    info = describe_wav(path)
    words = len(SENTENCES[locale].split())
    # plausible for 8 words at ~150 wpm: not a blip, not a runaway
    assert 0.25 * words <= info.duration <= 1.2 * words, info
    assert info.speech_seconds >= 0.15 * words, info
    assert info.rms > 0.02 and abs(info.rms - numpy_rms(path)) < 1e-6


def test_voice_language_and_rate_change_the_audio(tmp_path: Path) -> None:
    synth = EspeakServer(FileSink(tmp_path / 'unused'))
    slow = describe_wav(synth.synthesise("un deux trois quatre cinq", VoiceSettings("fr", 110),
                                         tmp_path / "slow.wav"))
    fast = describe_wav(synth.synthesise("un deux trois quatre cinq", VoiceSettings("fr", 260),
                                         tmp_path / "fast.wav"))
    assert slow.duration > 1.5 * fast.duration
    a = synth.synthesise("trois", VoiceSettings("fr"), tmp_path / "a.wav").read_bytes()
    b = synth.synthesise("trois", VoiceSettings("en"), tmp_path / "b.wav").read_bytes()
    assert a != b


def test_silence_is_recognised_as_silence(tmp_path: Path) -> None:
    info = describe_wav(write_silence(tmp_path / "s.wav", 0.5))
    assert info.speech_seconds == 0 and info.rms == 0 and abs(info.duration - 0.5) < 0.01


def test_narrator_speaks_through_espeak_into_files_in_six_languages(tmp_path: Path) -> None:
    translator = Translator("en")
    player = FileSink(tmp_path)
    narrator = Narrator(translator, EspeakServer(player))
    events = []
    narrator.on_speech_event(events.append)
    for locale in LOCALES:
        narrator.set_locale(locale)
        narrator.say("narration.events.level_complete", {"count": 3})
    assert narrator.wait_idle(30)
    narrator.pump()
    narrator.close()
    translator.set_locale("en")
    assert narrator.status.speech, narrator.status
    assert len(player.files) == 6
    for path in player.files:
        info = describe_wav(path)
        assert info.speech_seconds > 0.8 and info.rms > 0.02, (path, info)
    started = [e for e in events if e.kind is SpeechEventKind.STARTED]
    assert len(started) == 6


def test_a_cancel_kills_the_player_at_once(tmp_path: Path) -> None:
    # a stand-in "player" that would play for 30 s: sh -c 'sleep 30' player -
    sink = AplaySink(command=("sh", "-c", "sleep 30", "player"), poll=0.002)
    server = EspeakServer(sink)
    cancel = threading.Event()
    started = threading.Event()
    result: list[bool] = []
    utterance = Utterance(1, "Bonjour.", VoiceSettings("fr"))
    worker = threading.Thread(target=lambda: result.append(
        server.speak(utterance, started.set, cancel)))
    worker.start()
    assert started.wait(5)
    cancel.set()
    worker.join(10)
    assert result == [False] and not worker.is_alive()


def test_a_failing_player_or_engine_is_reported(tmp_path: Path) -> None:
    assert AplaySink(command=("false",)).probe() == STATUS_NO_AUDIO
    assert AplaySink(command=("no-such-player-here",)).probe() == STATUS_NO_AUDIO
    server = EspeakServer(AplaySink(command=("false",)))
    with pytest.raises(SpeechUnavailable) as caught:
        server.speak(Utterance(1, "Hallo.", VoiceSettings("de")), lambda: None,
                     threading.Event())
    assert caught.value.status_key == STATUS_NO_AUDIO
    assert EspeakServer(FileSink(tmp_path), program="no-such-tts").probe() == STATUS_NO_ENGINE
    assert EspeakServer(FileSink(tmp_path), program="false").probe() == STATUS_NO_ENGINE


def test_aplay_probe_matches_the_machine() -> None:
    """On a machine without a sound card the probe says so instead of failing later."""
    cards = Path("/proc/asound/cards")
    has_card = cards.exists() and "no soundcards" not in cards.read_text()
    reason = AplaySink().probe()
    if not has_card:
        assert reason == STATUS_NO_AUDIO
    else:
        assert reason in (None, STATUS_NO_AUDIO)


def test_default_narrator_on_this_machine_degrades_to_captions() -> None:
    cards = Path("/proc/asound/cards")
    if cards.exists() and "no soundcards" not in cards.read_text():
        pytest.skip("this machine has a sound card")
    narrator = Narrator(Translator("en"), EspeakServer())
    captions = []
    narrator.on_caption(captions.append)
    narrator.say("narration.praise.well_done")
    assert narrator.wait_idle(15)
    narrator.pump()
    narrator.close()
    assert narrator.status.message_key == STATUS_NO_AUDIO
    assert [c.text for c in captions] == ["Well done!"]


def test_latency_probe_measures_onset_and_interruption(tmp_path: Path) -> None:
    """The benchmark recipe on a realtime file sink: no thresholds, only consistency."""
    from accessibility.narrator import Priority
    from tests.support.narration_probes import LatencyProbe

    narrator = Narrator(Translator("en"), EspeakServer(FileSink(tmp_path, realtime=True)))
    probe = LatencyProbe(narrator)
    assert narrator.wait_idle(15)
    long_id = probe.say("narration.status.no_audio")  # several seconds of speech
    assert probe.collect(lambda p: long_id in p.started_at)
    urgent = probe.say("narration.praise.great", priority=Priority.NOW)
    assert probe.collect(lambda p: urgent in p.finished)
    narrator.silence()  # drop the resumed long text
    cue_a = probe.cue("narration.events.moved")
    assert probe.collect(lambda p: cue_a in p.started_at)
    cue_b = probe.cue("narration.events.turned_left")
    assert probe.collect(lambda p: cue_b in p.finished)
    narrator.silence()
    narrator.wait_idle(15)
    narrator.pump()
    narrator.close()
    for uid in (long_id, urgent, cue_a, cue_b):
        assert probe.onset(uid) is not None and probe.onset(uid) >= 0
    # the urgent text was heard before the long one could have ended: it was cut
    long_audio = describe_wav(tmp_path / "utterance-0001.wav").duration
    assert probe.started_at[urgent] - probe.started_at[long_id] < long_audio
    assert probe.finished[cue_a].completed is False and probe.finished[cue_b].completed

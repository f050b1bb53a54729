"""A French voice learner, end to end in the real app: no French speech model exists, so the
English one hears French through French words written in its phones (adapters/speech/
pronounce.py). The learner trains it from the settings (push-to-talk, real espeak-ng French
audio), then plays the first level with French commands alone."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from accessibility.profiles import edited, preset
from adapters.events import InputEvent
from adapters.speech.grammar import load_phrases
from app.controller import COMPLETE, SETTINGS, VOICE_TRAINING, WORKSPACE
from app.options import Options
from tests.adapters import speech_corpus as corpus
from tests.adapters.speech_languages import VOICES
from tests.support.driver import (RunningApp, prepare_learner, scripted_microphone,
                                  status_after_choosing_voice)

VOICE = VOICES["fr"]["held_out"][1]  # fr-fr+klatt: never used to choose anything


@pytest.mark.slow  # says 36 training takes (one phrase a command, twice) and trains
@pytest.mark.timeout(480)  # on a busy machine, more than the default 180 s
def test_a_french_voice_learner_trains_and_plays_a_level_by_voice(tmp_path: Path) -> None:
    cache = corpus.corpus_dir(tmp_path / "speech-corpus")
    takes: dict[str, list[bytes]] = {}
    for clip in corpus.training_clips(VOICE, load_phrases("fr"), cache):
        takes.setdefault(clip.phrase, []).append(clip.audio)
    rng = np.random.default_rng(3)

    def spoken(phrase: str) -> bytes:  # the test voice itself, not a training rendition
        return corpus.mix(corpus.synthesise(phrase, VOICE, cache), corpus.CLEAN, rng)

    prepare_learner(tmp_path, edited(preset("voice"), push_to_talk=True,
                                     auditory_scanning=False), name="Léa")
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=True,
                                           locale="fr"))
    try:
        controller, hub = running.controller, running.app.services.hub
        controller.choose_learner(controller.store.learners()[0].id)
        source = scripted_microphone(running, "fr")  # the learner's voice

        def talk(audio: bytes) -> None:
            hub.post(InputEvent("kb", "space", True, time.monotonic()))  # the talk switch
            running.frames(2)
            source.say(audio)
            assert source.said.wait(5)
            time.sleep(0.05)
            hub.post(InputEvent("kb", "space", False, time.monotonic()))

        controller.open_settings()
        running.frames(3)
        controller.activate("settings:train_voice")
        running.frames(3)
        assert controller.screen == VOICE_TRAINING
        presenter = controller.presenter
        while presenter.phrase is not None and presenter.state == "listening":
            position = presenter.index
            talk(takes[presenter.phrase].pop(0))
            assert running.wait_for(lambda: presenter.index > position, 10.0)
        assert running.wait_for(lambda: presenter.state == "done", 120.0), presenter.state
        assert running.wait_for(lambda: controller.voice.model.trained, 5.0)
        assert controller.voice.model.locale == "fr"
        controller.activate("training:leave")
        running.frames(3)
        assert controller.screen == SETTINGS
        controller.go_back()
        running.frames(3)

        # the first level, by voice alone: "lance le programme" opens it from the map,
        # "avancer" three times (the block's name on the palette, one long word), then
        # "lance le programme" runs it
        voice, heard = controller.voice, []
        sink = voice._on_event  # what the adapter tells the app, seen on the way

        def seen(event: InputEvent) -> None:
            if event.pressed:
                heard.append(event.control)
            sink(event)

        voice._on_event = seen
        talk(spoken("lance le programme"))
        assert running.wait_for(lambda: controller.screen == WORKSPACE, 15.0), voice.last_result
        level_id = controller.session.level.id  # the map's next level
        for count in range(1, 4):
            talk(spoken("avancer"))
            assert running.wait_for(lambda: heard.count("move_forward") == count, 10.0), \
                voice.last_result
        talk(spoken("lance le programme"))
        assert running.wait_for(lambda: controller.screen == COMPLETE, 30.0), voice.last_result
        progress = controller.store.progress(controller.learner.id).get(level_id)
        assert progress is not None and progress.solved
    finally:
        running.close()


def test_in_french_the_settings_say_training_is_needed_not_only_suggested(tmp_path: Path
                                                                         ) -> None:
    status = status_after_choosing_voice(tmp_path, "fr")
    assert ("Les commandes vocales en français utilisent le modèle de parole anglais "
            "avec les mots en français : elles ne comprennent bien Zoë qu'après un "
            "entraînement de la voix") in status, status

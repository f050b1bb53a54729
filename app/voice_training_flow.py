"""Voice training as the app runs it: from a voice learner's settings to the training screen,
the adaptation off the app's thread, and back to the settings (or forgetting the voice).

The screen's texts and steps are the presenter's (``VoiceTrainingPresenter``); the training
itself is ``adapters.speech.training``. This flow only joins them to the running app: the
speech adapter that records, the learner's folder, and which screen is shown. It runs on the
app's thread; the training's result comes back through the clock.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from accessibility.clock import Clock
from accessibility.message import Message
from accessibility.presenters.settings_presenter import SettingsPresenter
from accessibility.presenters.voice_training_presenter import (
    LEARNING,
    Recording,
    VoiceTrainingPresenter,
)
from accessibility.translator import Translator
from adapters.events import StatusKind
from adapters.speech.grammar import every_phrase
from adapters.speech.models import SpeechModel, find_model
from app.devices import Devices
from app.navigation import Navigator
from app.storage.models import Learner

if TYPE_CHECKING:
    from types import ModuleType

    from adapters.speech.training import TrainingError, TrainingReport

log = logging.getLogger(__name__)

VOICE_TRAINING = "voice_training"  # the screen's name


def _training() -> ModuleType | None:
    """``adapters.speech.training``, or None without numpy or pocketsphinx (the ``voice``
    extra): then training is simply not offered, and the app plays on."""
    try:
        from adapters.speech import training
    except ImportError as error:
        log.info("voice training unavailable: %r", error)
        return None
    return training


class VoiceTrainingFlow:
    """Opens, runs and leaves voice training for the current learner.

    It gets the few services it needs, never the controller: the devices (the microphone,
    notices), the screen stack, the language, and who the learner is."""

    def __init__(self, *, devices: Devices, navigator: Navigator, translator: Translator,
                 clock: Clock, voice_input: bool, learner: Callable[[], Learner | None],
                 voice_dir: Callable[[], Path | None], on_leave: Callable[[], None]) -> None:
        self.devices = devices
        self.navigator = navigator
        self.translator = translator
        self.clock = clock
        self.voice_input = voice_input
        self._learner = learner
        self._voice_dir = voice_dir
        self._on_leave = on_leave  # where to go when no settings are under the training

    def open(self) -> None:
        """The learner says each command phrase twice; then the recogniser adapts to them."""
        voice, locale, learner = self.devices.voice, self.translator.locale, self._learner()
        if voice is not None and voice.status.kind is StatusKind.ERROR:
            # no model, no microphone ...: the adapter's own message says what to do
            self.devices.notice(Message(voice.status.message_key, voice.status.params))
            return
        if learner is None or voice is None or voice.status.kind is not StatusKind.CONNECTED:
            self.devices.notice(Message("voice.training.needs_microphone"))
            return
        if self._trainable_base() is None:
            from adapters.speech.adapter import language_name

            self.devices.notice(Message("voice.training.unsupported",
                                        {"language": language_name(locale)}))
            return
        presenter = VoiceTrainingPresenter(
            every_phrase(locale), learner.name, on_say=self.devices.say,
            on_finish=self._train, on_leave=self.leave)
        voice.record_to(lambda audio: self.clock.call_later(0, lambda: self._heard(presenter,
                                                                                audio)))
        if isinstance(self.navigator.presenter, SettingsPresenter):
            self.navigator.push(VOICE_TRAINING, presenter)  # back to them, as they were
        else:
            self.navigator.show(VOICE_TRAINING, presenter)
        presenter.start()

    def leave(self) -> None:
        """Back to the settings it was opened from (not while the voice is being learnt)."""
        training = self.navigator.presenter
        if isinstance(training, VoiceTrainingPresenter) and training.state == LEARNING:
            return  # a few seconds more: then it is saved and the teacher can leave
        if self.devices.voice is not None:
            self.devices.voice.record_to(None)
        if self.navigator.pop() is None:
            self._on_leave()

    def suggest(self) -> None:
        """Tell the teacher who just chose the Voice way of playing that training exists:
        untrained, the standard model misses a third of the commands of some voices and takes
        one remark in seven for a command; after a minute of training, about one in ten of
        either (``tests/adapters/speech_tuning.py``, on voices it was never tuned on)."""
        learner, base = self._learner(), self._trainable_base()
        if learner is None or not self.voice_input or base is None or self.trained_here():
            return
        if base.needs_training:  # French, Dutch or Italian words in English phones
            from adapters.speech.adapter import language_name
            self.devices.notice(Message("voice.training.needed", {
                "name": learner.name, "language": language_name(self.translator.locale)}))
            return
        self.devices.notice(Message("voice.training.suggested", {"name": learner.name}))

    def trained_here(self) -> bool:
        """The learner has a usable trained voice for the current language."""
        folder, base, training = self._folder(), find_model(self.translator.locale), _training()
        return folder is not None and base is not None and training is not None and \
            training.trained_model(folder, base) is not None

    def forget(self) -> None:
        """Back to the standard model: after a training another child talked through, say."""
        folder, learner, voice = self._folder(), self._learner(), self.devices.voice
        training = _training()
        if folder is None or training is None:
            return
        try:
            training.forget(folder)
        except OSError as error:
            log.error("cannot forget the trained voice in %s: %r", folder, error)
            self.devices.notice(Message("voice.training.cannot_forget", {"detail": str(error)}))
            return
        if voice is not None:
            voice.reload_model()  # and with the standard model again
        self.devices.notice(Message("voice.training.forgotten",
                                    {"name": learner.name if learner else ""}))
        if isinstance(self.navigator.presenter, SettingsPresenter):
            self.navigator.presenter.refresh("settings:train_voice")

    # -- inside ----------------------------------------------------------------------------

    def _trainable_base(self) -> SpeechModel | None:
        """The current language's model, if training can adapt it (the bundled English one,
        with its own words or another language's)."""
        base, training = find_model(self.translator.locale), _training()
        return base if base is not None and training and training.can_train(base) else None

    def _folder(self) -> Path | None:
        """This learner's trained voice for the current language (it may not exist)."""
        voice_dir = self._voice_dir()
        return voice_dir / self.translator.locale if voice_dir is not None else None

    def _heard(self, presenter: VoiceTrainingPresenter, audio: bytes) -> None:
        if self.navigator.presenter is presenter:  # not a phrase that arrived after the teacher left
            presenter.heard(audio)

    def _train(self, recordings: list[Recording]) -> None:
        """Adapts off the app's thread (several seconds); the screen says when it is done."""
        presenter, locale = self.navigator.presenter, self.translator.locale
        if not isinstance(presenter, VoiceTrainingPresenter):
            return
        if self.devices.voice is not None:
            self.devices.voice.record_to(None)
        base, folder, training = find_model(locale), self._folder(), _training()
        if training is None:  # the screen only opens with training there
            return
        if folder is None or base is None:  # gone since the screen opened
            self._trained(presenter, training.TrainingError(f"no speech model for {locale}"))
            return

        def work() -> None:
            try:
                outcome: TrainingReport | TrainingError = training.train(
                    base, [training.TrainingClip(r.phrase, r.audio) for r in recordings], folder)
            except training.TrainingError as error:
                outcome = error
            except OSError as error:  # the data folder is full or read-only
                outcome = training.TrainingError(str(error))
            self.clock.call_later(0, lambda: self._trained(presenter, outcome))

        threading.Thread(target=work, name="voice-training", daemon=True).start()

    def _trained(self, presenter: VoiceTrainingPresenter,
                 outcome: TrainingReport | TrainingError) -> None:
        if isinstance(outcome, Exception):  # a TrainingError (imported lazily: numpy)
            log.error("voice training failed: %s", outcome)
            presenter.failed(outcome.key, outcome.params)
            return
        presenter.finished(outcome.used, outcome.frames / 100)
        if self.devices.voice is not None:
            self.devices.voice.reload_model()  # listen with the trained voice from now on

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
from pathlib import Path
from typing import TYPE_CHECKING

from accessibility.presenters.settings_presenter import SettingsPresenter
from accessibility.presenters.voice_training_presenter import (LEARNING, Recording,
                                                              VoiceTrainingPresenter)
from adapters.events import StatusKind
from adapters.speech.grammar import every_phrase
from adapters.speech.models import SpeechModel, find_model

if TYPE_CHECKING:
    from types import ModuleType

    from adapters.speech.training import TrainingError, TrainingReport
    from app.controller import AppController

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
    """Opens, runs and leaves voice training for the controller's current learner."""

    def __init__(self, controller: AppController) -> None:
        self.app = controller
        self._settings: SettingsPresenter | None = None  # the settings under the training

    def open(self) -> None:
        """The learner says each command phrase twice; then the recogniser adapts to them."""
        app = self.app
        voice, locale = app.voice, app.translator.locale
        if voice is not None and voice.status.kind is StatusKind.ERROR:
            # no model, no microphone ...: the adapter's own message says what to do
            app.notice(voice.status.message_key, dict(voice.status.params))
            return
        if app.learner is None or voice is None or voice.status.kind is not StatusKind.CONNECTED:
            app.notice("voice.training.needs_microphone", {})
            return
        if self._trainable_base() is None:
            from adapters.speech.adapter import language_name

            app.notice("voice.training.unsupported", {"language": language_name(locale)})
            return
        self._settings = app.presenter if isinstance(app.presenter, SettingsPresenter) else None
        presenter = VoiceTrainingPresenter(
            every_phrase(locale), app.learner.name, on_say=app.narrator.say,
            on_finish=self._train, on_leave=self.leave)
        voice.record_to(lambda audio: app.clock.call_later(0, lambda: self._heard(presenter,
                                                                               audio)))
        app.show(VOICE_TRAINING, presenter)
        presenter.start()

    def leave(self) -> None:
        """Back to the settings it was opened from (not while the voice is being learnt)."""
        app = self.app
        training = app.presenter
        if isinstance(training, VoiceTrainingPresenter) and training.state == LEARNING:
            return  # a few seconds more: then it is saved and the teacher can leave
        if app.voice is not None:
            app.voice.record_to(None)
        settings, self._settings = self._settings, None
        app.back_to_settings(settings)

    def suggest(self) -> None:
        """Tell the teacher who just chose the Voice way of playing that training exists:
        untrained, the standard model misses a third of the commands of some voices and takes
        one remark in seven for a command; after a minute of training, about one in ten of
        either (``tests/adapters/speech_tuning.py``, on voices it was never tuned on)."""
        app = self.app
        if app.learner is None or not app.services.options.voice_input \
                or self._trainable_base() is None or self.trained_here():
            return
        app.notice("voice.training.suggested", {"name": app.learner.name})

    def trained_here(self) -> bool:
        """The learner has a usable trained voice for the current language."""
        folder, base, training = self._folder(), find_model(self.app.translator.locale), _training()
        return folder is not None and base is not None and training is not None and \
            training.trained_model(folder, base) is not None

    def forget(self) -> None:
        """Back to the standard model: after a training another child talked through, say."""
        app = self.app
        folder, training = self._folder(), _training()
        if folder is None or training is None:
            return
        try:
            training.forget(folder)
        except OSError as error:
            log.error("cannot forget the trained voice in %s: %r", folder, error)
            app.notice("voice.training.cannot_forget", {"detail": str(error)})
            return
        if app.voice is not None:
            app.voice.reload_model()  # and with the standard model again
        app.notice("voice.training.forgotten", {"name": app.learner.name if app.learner else ""})
        if isinstance(app.presenter, SettingsPresenter):
            app.presenter.refresh("settings:train_voice")

    # -- inside ----------------------------------------------------------------------------

    def _trainable_base(self) -> SpeechModel | None:
        """The current language's model, if training can adapt it (the bundled English)."""
        base, training = find_model(self.app.translator.locale), _training()
        return base if base is not None and training and training.can_train(base) else None

    def _folder(self) -> Path | None:
        """This learner's trained voice for the current language (it may not exist)."""
        voice_dir = self.app.voice_dir()
        return voice_dir / self.app.translator.locale if voice_dir is not None else None

    def _heard(self, presenter: VoiceTrainingPresenter, audio: bytes) -> None:
        if self.app.presenter is presenter:  # not a phrase that arrived after the teacher left
            presenter.heard(audio)

    def _train(self, recordings: list[Recording]) -> None:
        """Adapts off the app's thread (several seconds); the screen says when it is done."""
        app = self.app
        presenter, locale = app.presenter, app.translator.locale
        if not isinstance(presenter, VoiceTrainingPresenter):
            return
        if app.voice is not None:
            app.voice.record_to(None)
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
            app.clock.call_later(0, lambda: self._trained(presenter, outcome))

        threading.Thread(target=work, name="voice-training", daemon=True).start()

    def _trained(self, presenter: VoiceTrainingPresenter,
                 outcome: TrainingReport | TrainingError) -> None:
        if isinstance(outcome, Exception):  # a TrainingError (imported lazily: numpy)
            log.error("voice training failed: %s", outcome)
            presenter.failed(outcome.key, outcome.params)
            return
        presenter.finished(outcome.used, outcome.frames / 100)
        if self.app.voice is not None:
            self.app.voice.reload_model()  # listen with the trained voice from now on

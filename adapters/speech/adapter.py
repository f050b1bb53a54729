"""The voice-command adapter: microphone -> command phrases -> ``speech:<command>`` events.

Runs off the UI thread: ``start`` returns at once; a worker thread loads the model and
grammar, opens the microphone and decodes, while a capture thread keeps reading audio.
Problems a person can fix (no microphone, no model for the language, a broken model) end
in an ERROR status whose ``message_key`` (namespace ``voice``) says what to do; nothing is
raised into the app, and every other input keeps working.

Modes: ``continuous`` (SpeechRecognition's energy detector cuts phrases; rejected talk is
silent, because most of what a classroom microphone hears is not meant for the game) and
``push_to_talk`` (audio between ``push_to_talk(True)`` and ``push_to_talk(False)``; a
rejection says "not understood", because the child meant a command). In continuous mode
what was heard while the app itself was speaking is dropped (``OwnVoice``).
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from adapters.events import (SPEECH_SOURCE, AdapterStatus, EventSink, InputEvent, StatusKind,
                             StatusSink)
from adapters.speech.own_voice import OwnVoice
from adapters.speech.capture import (AudioSource, EndOfStream, PushToTalk, Utterance,
                                     listen_continuously)
from adapters.speech.decoder import (CommandDecoder, DecodeResult, DecoderSettings,
                                     ModelError, NoPhrasesError)
from adapters.speech.grammar import I18N_DIR, CommandGrammar, load_phrases
from adapters.speech.models import SpeechModel, find_model, install_folder
from adapters.speech.training import trained_model

log = logging.getLogger(__name__)

MODES = ("continuous", "push_to_talk")
STATUS = "voice.status."
_LOST = object()  # capture thread -> worker: the microphone went away


def language_name(locale: str) -> str:
    """The language's own name for itself, for status messages (``voice.language.<locale>``)."""
    try:
        data = yaml.safe_load((I18N_DIR / f"voice.{locale}.yml").read_text(encoding="utf-8"))
        return str(data["language"][locale])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return locale


def default_source() -> AudioSource:
    """The default microphone at its own rate (``to_16k`` converts); raises
    OSError/AttributeError when there is none or PyAudio is missing."""
    import speech_recognition as sr

    return sr.Microphone()


class SpeechAdapter:
    """Voice commands as an input adapter (follows ``adapters.events.Adapter``)."""

    name = SPEECH_SOURCE

    def __init__(self, locale: str = "en", *, mode: str = "continuous",
                 source: AudioSource | None = None,
                 model_dirs: Sequence[Path | str] | None = None,
                 settings: DecoderSettings | None = None,
                 own_voice: OwnVoice | None = None,
                 voice_dir: Path | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode
        self._locale = locale
        self._source = source
        self._model_dirs = list(model_dirs or ())
        self.voice_dir = voice_dir  # the learner's trained voices, one folder per locale
        self._settings = settings or DecoderSettings()
        self._on_event: EventSink | None = None
        self._on_status: StatusSink | None = None
        self._status = AdapterStatus(self.name, StatusKind.STOPPED, STATUS + "stopped")
        self._status_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()  # a new locale or stop while waiting for a model
        self._pending_locale: str | None = None
        self._utterances: queue.Queue[Utterance | object] = queue.Queue(maxsize=32)
        self._ptt = PushToTalk()
        self._worker: threading.Thread | None = None
        self._capture: threading.Thread | None = None
        self.last_result: DecodeResult | None = None  # for the monitor and for tests
        self.own_voice = own_voice or OwnVoice()  # when the app's narrator was speaking
        self.own_voice_dropped = 0  # utterances not decoded: the app was speaking
        self._recorder: Callable[[bytes], None] | None = None
        self.model: SpeechModel | None = None  # the model in use, once loaded

    # -- Adapter protocol --------------------------------------------------------------------

    @property
    def status(self) -> AdapterStatus:
        with self._status_lock:
            return self._status

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        """Begin in the background; never blocks and never raises into the app."""
        if self._worker is not None and self._worker.is_alive():
            return
        self._on_event, self._on_status = on_event, on_status
        self._stop.clear()
        self._set_status(StatusKind.STARTING, "starting")
        self._worker = threading.Thread(target=self._run, name="speech-decoder", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._ptt.set(False)
        for thread in (self._capture, self._worker):
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout=3.0)
                if thread.is_alive():
                    log.warning("speech thread %s did not stop in time", thread.name)
        self._capture = self._worker = None
        self._set_status(StatusKind.STOPPED, "stopped")

    # -- controls ----------------------------------------------------------------------------

    @property
    def locale(self) -> str:
        return self._pending_locale or self._locale

    def set_locale(self, locale: str) -> None:
        """Switch language at run time; the grammar (and model if needed) is rebuilt on the
        worker thread before the next utterance."""
        self._pending_locale = locale
        self._wake.set()

    def push_to_talk(self, pressed: bool, switch: str = "") -> None:
        """A talk switch went down (record) or up (once all are up, decode what was said)."""
        self._ptt.set(pressed, switch)

    def reload_model(self) -> None:
        """The learner's trained voice was made or forgotten: load the model again before
        the next utterance (the microphone stays open)."""
        self.set_locale(self.locale)

    def record_to(self, sink: Callable[[bytes], None] | None) -> None:
        """Hand every utterance to ``sink`` (on the decoding thread) instead of decoding it,
        until called with None: voice training records the learner's phrases this way."""
        self._recorder = sink

    @property
    def talking(self) -> bool:
        """Whether the talk switch is held now (push-to-talk)."""
        return self._ptt.held

    # -- worker ------------------------------------------------------------------------------

    def _set_status(self, kind: StatusKind, key: str, detail: str = "",
                    **params: str) -> None:
        status = AdapterStatus(self.name, kind, STATUS + key, dict(params), detail)
        with self._status_lock:
            self._status = status
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:  # a sink must not kill the thread
                log.exception("status sink failed")

    def _load(self, locale: str, current: CommandDecoder | None) -> CommandDecoder | None:
        """A decoder for ``locale`` (reusing ``current`` when the model is the same), or None
        after reporting what the teacher must do."""
        folder = str(install_folder(locale, self._model_dirs))
        language = language_name(locale)
        model: SpeechModel | None = find_model(locale, self._model_dirs)
        if model is None:
            self._set_status(StatusKind.ERROR, "no_model", f"no speech model for {locale}",
                             language=language, folder=folder)
            return None
        if self.voice_dir is not None:  # trained to this learner's voice: use it
            model = trained_model(self.voice_dir / locale, model) or model
        try:
            phrases = load_phrases(locale)
        except OSError as exc:
            self._set_status(StatusKind.ERROR, "no_model", f"no phrases for {locale}: {exc}",
                             language=language, folder=folder)
            return None
        try:
            if current is not None and current.model == model:
                decoder = current
            else:
                decoder = CommandDecoder(model, None, self._settings)
            decoder.set_grammar(CommandGrammar.build(locale, phrases, decoder.knows))
        except NoPhrasesError as exc:
            self._set_status(StatusKind.ERROR, "no_phrases", str(exc), language=language,
                             folder=str(model.acoustic.parent))
            return None
        except ModelError as exc:
            self._set_status(StatusKind.ERROR, "bad_model", str(exc),
                             folder=str(model.acoustic.parent))
            return None
        self.model = model
        log.info("speech: %s model %s%s, %d phrases", locale, model.acoustic,
                 " (trained to this learner)" if model.trained else "",
                 len(decoder.grammar.commands) if decoder.grammar else 0)
        return decoder

    def _listening(self) -> None:
        key = "listening" if self.mode == "continuous" else "push_to_talk"
        self._set_status(StatusKind.CONNECTED, key)

    def _run(self) -> None:
        try:
            self._serve()
        except Exception as exc:  # the last guard: report, never crash the app
            log.exception("speech adapter failed")
            self._set_status(StatusKind.ERROR, "bad_model", repr(exc),
                             folder=str(install_folder(self._locale, self._model_dirs)))

    def _serve(self) -> None:
        decoder: CommandDecoder | None = None
        locale = self._locale
        while not self._stop.is_set():  # wait for a language we have a model for
            self._wake.clear()
            if self._pending_locale is not None:
                locale, self._pending_locale = self._pending_locale, None
                self._locale = locale
            decoder = self._load(locale, decoder)
            if decoder is not None:
                break
            self._wake.wait()
        if decoder is None:
            return
        source = self._open_source()
        if source is None:
            return
        try:
            self._capture = threading.Thread(target=self._capture_loop, args=(source,),
                                             name="speech-capture", daemon=True)
            self._capture.start()
            self._listening()
            while not self._stop.is_set():
                if self._pending_locale is not None:
                    decoder = self._switch_locale(decoder)
                try:
                    item = self._utterances.get(timeout=0.2)
                except queue.Empty:
                    continue
                if item is _LOST:
                    self._set_status(StatusKind.LOST, "microphone_lost",
                                     "audio stream ended")
                    return
                if decoder is not None and isinstance(item, Utterance):
                    self._handle(decoder, item)
        finally:
            self._stop.set()
            if self._capture is not None:
                self._capture.join(timeout=3.0)
            try:
                source.__exit__(None, None, None)
            except Exception:
                log.exception("closing the audio source failed")

    def _switch_locale(self, decoder: CommandDecoder | None) -> CommandDecoder | None:
        locale, self._pending_locale = self._pending_locale, None
        if locale is None:
            return decoder
        self._locale = locale
        new = self._load(locale, decoder)
        if new is not None:
            self._listening()
        return new  # None: utterances are dropped until a language with a model is chosen

    def _open_source(self) -> AudioSource | None:
        try:
            source = self._source if self._source is not None else default_source()
            entered = source.__enter__()
            source = entered if entered is not None else source
        except (OSError, AttributeError, AssertionError, ValueError) as exc:
            self._set_status(StatusKind.ERROR, "no_microphone", repr(exc))
            return None
        if getattr(source, "stream", None) is None:  # Microphone swallows open errors
            self._set_status(StatusKind.ERROR, "no_microphone", "microphone did not open")
            return None
        return source

    def _capture_loop(self, source: AudioSource) -> None:
        try:
            if self.mode == "continuous":
                listen_continuously(source, self._stop, self._enqueue,
                                    self._settings.max_seconds)
            else:
                self._ptt.run(source, self._stop, self._enqueue)
        except (EndOfStream, OSError) as exc:
            if not self._stop.is_set():
                log.warning("speech capture ended: %s", exc)
                self._enqueue(_LOST)
        except Exception:
            log.exception("speech capture failed")
            self._enqueue(_LOST)

    def _enqueue(self, item: Utterance | object) -> None:
        try:
            self._utterances.put_nowait(item)
        except queue.Full:  # decoding fell behind: old talk is worth less than new
            log.warning("speech: dropping an utterance, decoder is behind")

    def _handle(self, decoder: CommandDecoder, utterance: Utterance) -> None:
        if not utterance.pushed and self.own_voice.heard_in(utterance.t_start,
                                                            utterance.t_end):
            self.own_voice_dropped += 1  # the loudspeaker, not the child
            log.debug("speech: dropped %.1f s heard while the app spoke",
                      utterance.t_end - utterance.t_start)
            return
        recorder = self._recorder
        if recorder is not None:
            try:
                recorder(utterance.audio)
            except Exception:  # a sink must not kill the thread
                log.exception("recording sink failed")
            return
        result = decoder.decode(utterance.audio)
        self.last_result = result
        log.debug("speech: %r -> %s (%s, margin %.2f, last word %.2f, %.0f ms)", result.text,
                  result.command, result.reason, result.margin, result.last_word,
                  result.seconds * 1000)
        if result.command is None:
            if utterance.pushed:
                self._set_status(StatusKind.CONNECTED, "not_understood", result.reason)
            return
        if self.status.message_key == STATUS + "not_understood":
            self._listening()
        if self._on_event is None:
            return
        for pressed in (True, False):
            try:
                self._on_event(InputEvent(self.name, result.command, pressed, utterance.t_end))
            except Exception:
                log.exception("event sink failed")


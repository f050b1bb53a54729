"""Speech on Android: the tablet's own TextToSpeech engine, called through pyjnius.

A ``SpeechServer`` like the others: ``speak`` blocks the narrator's thread until the engine
says the utterance is done, and a cancel stops it at once (``TextToSpeech.stop``).

Why ``OnUtteranceCompletedListener`` and not ``UtteranceProgressListener``: pyjnius can only
implement Java *interfaces* in Python, and ``UtteranceProgressListener`` is an abstract
class. Android wraps the old interface in a progress listener whose ``onDone``, ``onError``
and ``onStop`` all call ``onUtteranceCompleted``, so the end is reported in every case; the
onset (``onStart``, not in the old interface) is seen by polling ``isSpeaking``.

All Java goes through the ``jnius`` module given to the server (the real one by default), so
tests hand it a fake one: there is no Android here.
"""
from __future__ import annotations

import itertools
import logging
import threading
from typing import Any

from accessibility.speech_output import Started, Utterance, VoiceSettings
from accessibility.audio_sink import SpeechUnavailable

log = logging.getLogger(__name__)

STATUS_NO_ANDROID_VOICE = "narration.status.no_android_voice"
TTS_CLASS = "android.speech.tts.TextToSpeech"
ACTIVITY_CLASS = "org.kivy.android.PythonActivity"
NORMAL_RATE = 175  # espeak-ng's default words per minute, which Android's rate 1.0 matches
NORMAL_PITCH = 50  # our middle pitch (0-99), Android's pitch 1.0


def _listener_types(jnius: Any) -> tuple[type, type]:
    """The two Java interfaces implemented in Python (built per ``jnius`` module)."""

    class InitListener(jnius.PythonJavaClass):
        __javainterfaces__ = ["android/speech/tts/TextToSpeech$OnInitListener"]

        def __init__(self, callback: Any) -> None:
            super().__init__()
            self.callback = callback

        @jnius.java_method("(I)V")
        def onInit(self, status: int) -> None:
            self.callback(status)

    class CompletedListener(jnius.PythonJavaClass):
        __javainterfaces__ = ["android/speech/tts/TextToSpeech$OnUtteranceCompletedListener"]

        def __init__(self, callback: Any) -> None:
            super().__init__()
            self.callback = callback

        @jnius.java_method("(Ljava/lang/String;)V")
        def onUtteranceCompleted(self, utterance_id: str) -> None:
            self.callback(utterance_id)

    return InitListener, CompletedListener


def _import_jnius() -> Any:
    try:
        import jnius  # pyjnius: present in the Android build only
    except ImportError as error:
        log.warning("no pyjnius: %r", error)
        return None
    return jnius


class AndroidTtsServer:
    """A ``SpeechServer`` over ``android.speech.tts.TextToSpeech``."""

    def __init__(self, jnius: Any | None = None, *, init_timeout: float = 10.0,
                 poll: float = 0.02) -> None:
        # Imported here, before the narrator starts its thread: on Android, importing jnius
        # makes every thread started afterwards detach from the Java VM when it ends (a thread
        # that ends attached makes Android abort the app).
        self._jnius = _import_jnius() if jnius is None else jnius
        self._init_timeout = init_timeout
        self._poll = poll
        self._tts: Any = None
        self._listeners: tuple[Any, Any] | None = None  # kept alive: Java holds them
        self._ready = threading.Event()
        self._init_status: int | None = None
        self._locale: str | None = None
        self._done: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    # -- SpeechServer ----------------------------------------------------------------------

    def probe(self) -> str | None:
        try:
            self._connect()
        except SpeechUnavailable as error:
            log.warning("Android speech unavailable: %s", error)
            return error.status_key
        return None

    def speak(self, utterance: Utterance, started: Started, cancel: threading.Event) -> bool:
        if cancel.is_set():
            return False
        tts = self._connect()
        self._use_voice(utterance.voice)
        uid = f"citizencode-{utterance.id}-{next(self._ids)}"
        done = threading.Event()
        with self._lock:
            self._done[uid] = done
        try:
            params = self._java("android.os.Bundle")()
            volume_key = self._java(f"{TTS_CLASS}$Engine").KEY_PARAM_VOLUME
            params.putFloat(volume_key, max(0.0, min(1.0, utterance.voice.volume)))
            tts_class = self._java(TTS_CLASS)
            if tts.speak(utterance.text, tts_class.QUEUE_ADD, params, uid) != tts_class.SUCCESS:
                raise SpeechUnavailable(STATUS_NO_ANDROID_VOICE, "TextToSpeech.speak failed")
            return self._wait(tts, done, started, cancel)
        finally:
            with self._lock:
                self._done.pop(uid, None)

    def shutdown(self) -> None:
        """Release the engine (the app is closing)."""
        if self._tts is not None:
            self._tts.shutdown()
            self._tts = None

    # -- inside ----------------------------------------------------------------------------

    def _wait(self, tts: Any, done: threading.Event, started: Started,
              cancel: threading.Event) -> bool:
        """Until the engine reports the end; ``started`` when it is first heard speaking."""
        heard = False
        while not done.is_set():
            if not heard and tts.isSpeaking():
                heard = True
                started()
            if cancel.wait(self._poll):
                tts.stop()
                return False
        if not heard:
            started()  # shorter than one poll: its onset was its end
        return not cancel.is_set()

    def _java(self, name: str) -> Any:
        return self._load().autoclass(name)

    def _load(self) -> Any:
        if self._jnius is None:
            raise SpeechUnavailable(STATUS_NO_ANDROID_VOICE, "no pyjnius in this build")
        return self._jnius

    def _connect(self) -> Any:
        """The engine, started once; its start-up is reported by ``onInit`` on another
        thread (Android's main looper), so it is awaited here."""
        if self._tts is not None:
            return self._tts
        jnius = self._load()
        init_type, completed_type = _listener_types(jnius)
        tts_class = jnius.autoclass(TTS_CLASS)
        on_init, on_completed = init_type(self._initialised), completed_type(self._completed)
        self._listeners = (on_init, on_completed)
        activity = jnius.autoclass(ACTIVITY_CLASS).mActivity
        tts = tts_class(activity, on_init)
        if not self._ready.wait(self._init_timeout) or self._init_status != tts_class.SUCCESS:
            raise SpeechUnavailable(STATUS_NO_ANDROID_VOICE,
                                    f"TextToSpeech did not start: {self._init_status}")
        tts.setOnUtteranceCompletedListener(on_completed)
        self._tts = tts
        return tts

    def _initialised(self, status: int) -> None:
        self._init_status = status
        self._ready.set()

    def _completed(self, utterance_id: str) -> None:
        with self._lock:
            done = self._done.get(utterance_id)
        if done is not None:  # an utterance cancelled before is no longer waited for
            done.set()

    def _use_voice(self, voice: VoiceSettings) -> None:
        """Language, rate and pitch; a language the tablet has no voice for is an error the
        teacher can fix (install its voice data) rather than words read in another accent."""
        tts = self._tts
        if voice.voice != self._locale:
            language, _, country = voice.voice.partition("-")
            locale_class = self._java("java.util.Locale")
            locale = locale_class(language, country.upper()) if country else \
                locale_class(language)
            result = tts.setLanguage(locale)
            tts_class = self._java(TTS_CLASS)
            if result in (tts_class.LANG_MISSING_DATA, tts_class.LANG_NOT_SUPPORTED):
                raise SpeechUnavailable(STATUS_NO_ANDROID_VOICE,
                                        f"no voice for {voice.voice}: {result}")
            self._locale = voice.voice
        tts.setSpeechRate(voice.rate / NORMAL_RATE)
        tts.setPitch(max(1, voice.pitch) / NORMAL_PITCH)

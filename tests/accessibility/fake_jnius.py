"""A fake ``jnius`` module with a fake Android TextToSpeech (there is no Android here).

It behaves as the real engine does where the server depends on it: ``onInit`` arrives
later on another thread, ``speak`` only queues (QUEUE_ADD) and returns, a player thread
speaks one utterance at a time and reports its end through ``onUtteranceCompleted`` (also
after ``stop``, as Android's wrapper of the old listener does), ``isSpeaking`` is true while
it plays. With ``hold`` an utterance lasts until the test calls ``release()``.
"""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Any, Callable


class JavaException(Exception):
    pass


class PythonJavaClass:
    __javainterfaces__: list[str] = []

    def __init__(self) -> None:
        pass


def java_method(signature: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def mark(method: Callable[..., Any]) -> Callable[..., Any]:
        method.signature = signature  # type: ignore[attr-defined]
        return method
    return mark


@dataclass
class Said:
    """One ``speak`` call as the engine received it."""

    text: str
    mode: int
    params: dict[str, float]
    utterance_id: str
    language: str
    rate: float
    pitch: float
    completed: bool = False
    stopped: bool = False


class Locale:
    def __init__(self, language: str, country: str = "") -> None:
        self.tag = f"{language}-{country}" if country else language


class Bundle:
    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def putFloat(self, key: str, value: float) -> None:
        self.values[key] = value


class Engine:
    KEY_PARAM_VOLUME = "volume"


class PythonActivity:
    mActivity = object()


@dataclass
class FakeAndroid:
    """What the fake device has: its voices, whether its engine starts, what it said."""

    languages: tuple[str, ...] = ("fr", "nl", "en", "de", "it", "es")
    init_status: int = 0
    hold: bool = False
    said: list[Said] = field(default_factory=list)
    stops: int = 0
    engines: list[FakeTextToSpeech] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._release = threading.Semaphore(0)
        self.changed = threading.Condition()

    def release(self) -> None:
        self._release.release()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout)

    def jnius(self) -> Any:
        """A stand-in for the ``jnius`` module, bound to this device."""
        device = self

        class Module:
            PythonJavaClass = PythonJavaClass
            java_method = staticmethod(java_method)
            JavaException = JavaException

            @staticmethod
            def autoclass(name: str) -> Any:
                classes = {
                    "android.speech.tts.TextToSpeech": device.tts_class(),
                    "android.speech.tts.TextToSpeech$Engine": Engine,
                    "org.kivy.android.PythonActivity": PythonActivity,
                    "android.os.Bundle": Bundle,
                    "java.util.Locale": Locale,
                }
                if name not in classes:
                    raise JavaException(f"Class not found {name!r}")
                return classes[name]

        return Module

    def tts_class(self) -> type:
        device = self

        class Bound(FakeTextToSpeech):
            def __init__(self, context: Any, listener: Any) -> None:
                super().__init__(device, context, listener)

        return Bound


class FakeTextToSpeech:
    SUCCESS, ERROR = 0, -1
    QUEUE_FLUSH, QUEUE_ADD = 0, 1
    LANG_MISSING_DATA, LANG_NOT_SUPPORTED, LANG_AVAILABLE = -1, -2, 0

    def __init__(self, device: FakeAndroid, context: Any, listener: Any) -> None:
        assert context is PythonActivity.mActivity
        self.device = device
        self.language = ""
        self.rate = self.pitch = 1.0
        self.speaking = False
        self.completed_listener: Any = None
        self._queue: queue.SimpleQueue[Said | None] = queue.SimpleQueue()
        self._pending: list[Said] = []  # queued or playing
        device.engines.append(self)
        threading.Thread(target=listener.onInit, args=(device.init_status,), daemon=True).start()
        threading.Thread(target=self._play, daemon=True).start()

    def setOnUtteranceCompletedListener(self, listener: Any) -> int:
        self.completed_listener = listener
        return self.SUCCESS

    def setLanguage(self, locale: Locale) -> int:
        if locale.tag.split("-")[0] not in self.device.languages:
            return self.LANG_MISSING_DATA
        self.language = locale.tag
        return self.LANG_AVAILABLE

    def setSpeechRate(self, rate: float) -> int:
        self.rate = rate
        return self.SUCCESS

    def setPitch(self, pitch: float) -> int:
        self.pitch = pitch
        return self.SUCCESS

    def speak(self, text: str, mode: int, params: Bundle, utterance_id: str) -> int:
        said = Said(text, mode, dict(params.values), utterance_id, self.language, self.rate,
                    self.pitch)
        with self.device.changed:
            self.device.said.append(said)
            self.device.changed.notify_all()
        with self.device.changed:
            self._pending.append(said)
        self._queue.put(said)
        return self.SUCCESS

    def isSpeaking(self) -> bool:
        return self.speaking

    def stop(self) -> int:
        """Cut what plays and drop what is queued, as Android does."""
        with self.device.changed:
            self.device.stops += 1
            for said in self._pending:
                said.stopped = True
        return self.SUCCESS

    def shutdown(self) -> None:
        self._queue.put(None)

    def _play(self) -> None:
        while (said := self._queue.get()) is not None:
            if not said.stopped:
                self.speaking = True
                if self.device.hold:
                    while not said.stopped and not self.device._release.acquire(timeout=0.002):
                        pass
                self.speaking = False
            with self.device.changed:
                self._pending.remove(said)
                said.completed = not said.stopped
                self.device.changed.notify_all()
            self.completed_listener.onUtteranceCompleted(said.utterance_id)

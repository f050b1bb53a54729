"""The narrator: a speech queue with priorities on its own thread, and captions for the screen.

``say``/``cue`` take i18n keys and params (translated at once, in the current locale) and
return immediately; a worker thread owns the ``SpeechServer``. Priorities follow NVDA:
NOW cuts what is being said (a cut instruction is said again afterwards, a cut cue is
dropped), NEXT goes before everything NORMAL, NORMAL is first come first served. A cue
(the short label of a highlighted target) replaces a cue not yet spoken and cuts a cue
being spoken. Captions, speech events and status changes are queued by the worker and
delivered by ``pump()`` on the app's thread, in order, like the input hub's queue; ``wake``
(e.g. a Kivy trigger) is called from the worker whenever there is something to pump.
With no engine or no audio device the narrator still publishes every caption and event,
and its status says why there is no sound.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
from dataclasses import dataclass, field, replace
from enum import Enum, IntEnum
from typing import Callable, Mapping, Protocol

from accessibility.signal import Signal
from accessibility.speech_output import SpeechServer, Utterance, VoiceSettings, now
from accessibility.audio_sink import SpeechUnavailable
from accessibility.translator import LOCALES, Translator

log = logging.getLogger(__name__)

STATUS_STARTING = "narration.status.starting"
STATUS_SPEAKING = "narration.status.speaking"


class Priority(IntEnum):
    """Lower value speaks first."""

    NOW = 0
    NEXT = 1
    NORMAL = 2


class Channel(Enum):
    """The cue voice says short scan labels; the main voice instructions and results."""

    CUE = "cue"
    MAIN = "main"


# Children hear slower speech better; the cue voice is a little quicker and higher so a
# label is told apart from an instruction.
DEFAULT_MAIN_RATE = {"fr": 150, "nl": 145, "en": 150, "de": 145, "it": 150, "es": 150}


def default_voices() -> dict[tuple[str, Channel], VoiceSettings]:
    """Voice per (locale, channel); espeak-ng has a voice named after each locale."""
    table: dict[tuple[str, Channel], VoiceSettings] = {}
    for locale in LOCALES:
        rate = DEFAULT_MAIN_RATE[locale]
        table[(locale, Channel.MAIN)] = VoiceSettings(locale, rate, 50)
        table[(locale, Channel.CUE)] = VoiceSettings(locale, int(rate * 1.2), 62)
    return table


@dataclass(frozen=True)
class Caption:
    """Text the screen shows while (or instead of) it is spoken."""

    utterance_id: int
    text: str
    channel: Channel
    priority: Priority
    shown: bool = True  # False: said for the teacher (a device's status), not the child's bar


class SpeechEventKind(Enum):
    STARTED = "started"  # first audio exists (onset); in captions-only mode, at once
    FINISHED = "finished"


@dataclass(frozen=True)
class SpeechEvent:
    """One utterance started or finished; ``t`` is ``time.monotonic()`` in the worker."""

    kind: SpeechEventKind
    utterance_id: int
    channel: Channel
    t: float
    completed: bool = True  # FINISHED: False when cut, replaced or silenced


@dataclass(frozen=True)
class NarratorStatus:
    """Whether children hear speech; ``message_key`` (namespace ``narration``) says why not."""

    speech: bool
    message_key: str


Done = Callable[[bool], None]
"""Per-utterance callback: ``done(completed)``, delivered by ``pump()``."""


class CueSpeaker(Protocol):
    """What a scanner needs to speak labels and wait for them (auditory scanning)."""

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Done | None = None) -> int: ...


@dataclass(order=True)
class _Item:
    priority: int
    seq: int
    id: int = field(compare=False)
    text: str = field(compare=False)
    channel: Channel = field(compare=False)
    voice: VoiceSettings = field(compare=False)
    on_done: Done | None = field(compare=False, default=None)
    shown: bool = field(compare=False, default=True)
    cancel: threading.Event = field(compare=False, default_factory=threading.Event)
    resume: bool = field(compare=False, default=False)
    dropped: bool = field(compare=False, default=False)


_Event = Caption | SpeechEvent | NarratorStatus | tuple[Done, bool]


class Narrator:
    """Speaks and captions what the app says; never blocks the caller."""

    def __init__(
        self,
        translator: Translator,
        server: SpeechServer | None,
        *,
        voices: Mapping[tuple[str, Channel], VoiceSettings] | None = None,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self._translator = translator
        self._server = server
        self._voices = dict(voices or default_voices())
        self._wake = wake
        self.captioned: Signal[[Caption]] = Signal()
        self.speech_event: Signal[[SpeechEvent]] = Signal()
        self.status_changed: Signal[[NarratorStatus]] = Signal()
        self._events: queue.SimpleQueue[_Event] = queue.SimpleQueue()
        self._cond = threading.Condition()
        self._heap: list[_Item] = []
        self._current: _Item | None = None
        self._ids = itertools.count(1)
        self._seq = itertools.count()
        self._closed = False
        self._silent = server is None
        self._status = NarratorStatus(False, STATUS_STARTING)
        self._thread = threading.Thread(target=self._run, name="narrator", daemon=True)
        self._thread.start()

    # --- what the app calls -----------------------------------------------------------------

    def say(self, key: str, params: Mapping[str, object] | None = None, *,
            priority: Priority = Priority.NORMAL, on_done: Done | None = None,
            shown: bool = True) -> int:
        """Queue ``key`` (an i18n key) for the main voice; returns the utterance id.
        ``shown=False``: its caption is marked not for the child's caption bar (what a
        device's status says belongs in the teacher's corner)."""
        return self._enqueue(key, params, Channel.MAIN, priority, on_done, shown)

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Done | None = None) -> int:
        """Speak a scan label with the cue voice: replaces an unspoken cue, cuts a spoken one."""
        return self._enqueue(key, params, Channel.CUE, Priority.NEXT, on_done)

    def silence(self) -> None:
        """Stop speaking and forget everything queued (e.g. the learner pressed stop)."""
        with self._cond:
            for item in self._heap:
                self._drop(item)
            self._heap.clear()
            if self._current is not None:
                self._current.resume = False
                self._current.dropped = True
                self._current.cancel.set()

    def set_locale(self, locale: str) -> None:
        """Switch language at run time: later text is translated and voiced in ``locale``."""
        self._translator.set_locale(locale)

    def set_voice(self, locale: str, channel: Channel, voice: VoiceSettings) -> None:
        """Change one voice (e.g. the rate an educator chose in the access profile)."""
        self._voices[(locale, channel)] = voice

    def voice(self, locale: str, channel: Channel) -> VoiceSettings:
        return self._voices.get((locale, channel)) or VoiceSettings(locale)

    @property
    def status(self) -> NarratorStatus:
        return self._status

    def on_caption(self, listener: Callable[[Caption], None]) -> None:
        self.captioned.connect(listener)

    def on_speech_event(self, listener: Callable[[SpeechEvent], None]) -> None:
        self.speech_event.connect(listener)

    def on_status(self, listener: Callable[[NarratorStatus], None]) -> None:
        self.status_changed.connect(listener)

    def pump(self) -> int:
        """Deliver queued captions, events, callbacks and status, in order; call on the app thread."""
        delivered = 0
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return delivered
            delivered += 1
            try:
                self._deliver(event)
            except Exception:
                log.exception("narrator listener failed")

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until nothing is queued or being said (tests, benchmarks, shutdown)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._heap and self._current is None
                and self._status.message_key != STATUS_STARTING, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker thread (cuts what is being said)."""
        self.silence()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)

    # --- queue logic (caller's thread, under the lock) --------------------------------------

    def _enqueue(self, key: str, params: Mapping[str, object] | None, channel: Channel,
                 priority: Priority, on_done: Done | None, shown: bool = True) -> int:
        text = self._translator.t(key, **dict(params or {}))
        item = _Item(int(priority), next(self._seq), next(self._ids), text, channel,
                     self.voice(self._translator.locale, channel), on_done, shown)
        with self._cond:
            current = self._current
            if channel is Channel.CUE:
                stale = [i for i in self._heap if i.channel is Channel.CUE]
                for old in stale:
                    self._heap.remove(old)
                    self._drop(old)
                heapq.heapify(self._heap)
                if current is not None and current.channel is Channel.CUE:
                    current.dropped = True
                    current.cancel.set()
            if priority is Priority.NOW and current is not None and current.priority > Priority.NOW:
                current.resume = current.channel is Channel.MAIN and not current.dropped
                current.cancel.set()
            heapq.heappush(self._heap, item)
            self._cond.notify_all()
        return item.id

    def _drop(self, item: _Item) -> None:
        """An item that will never be said still finishes, so nobody waits for it forever."""
        item.dropped = True
        self._post(SpeechEvent(SpeechEventKind.FINISHED, item.id, item.channel, now(), False))
        if item.on_done is not None:
            self._post((item.on_done, False))

    # --- worker thread ----------------------------------------------------------------------

    def _run(self) -> None:
        self._probe()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._heap or self._closed)
                if self._closed:
                    return
                item = heapq.heappop(self._heap)
                self._current = item
            completed = self._speak(item)
            with self._cond:
                self._current = None
                if item.resume and not completed:
                    again = replace(item, cancel=threading.Event(), resume=False)
                    heapq.heappush(self._heap, again)
                else:
                    self._post(SpeechEvent(SpeechEventKind.FINISHED, item.id, item.channel,
                                           now(), completed))
                    if item.on_done is not None:
                        self._post((item.on_done, completed))
                self._cond.notify_all()

    def _probe(self) -> None:
        reason = None
        if self._server is None:
            reason = "narration.status.no_engine"
        else:
            try:
                reason = self._server.probe()
            except Exception as exc:  # a broken engine must not take the app down
                log.warning("speech probe failed: %r", exc)
                reason = "narration.status.no_engine"
        with self._cond:
            self._silent = reason is not None
            self._set_status(NarratorStatus(reason is None, reason or STATUS_SPEAKING))
            self._cond.notify_all()

    def _speak(self, item: _Item) -> bool:
        """Caption, then speech; in captions-only mode the utterance ends at once."""
        self._post(Caption(item.id, item.text, item.channel, Priority(item.priority),
                           item.shown))
        started = lambda: self._post(  # noqa: E731
            SpeechEvent(SpeechEventKind.STARTED, item.id, item.channel, now()))
        if self._silent or self._server is None:
            started()
            return not item.cancel.is_set()
        try:
            return self._server.speak(Utterance(item.id, item.text, item.voice), started,
                                      item.cancel)
        except SpeechUnavailable as exc:
            log.warning("speech lost, captions only: %s", exc)
            with self._cond:
                self._silent = True
                self._set_status(NarratorStatus(False, exc.status_key))
            return False
        except Exception:
            log.exception("speech server failed, captions only")
            with self._cond:
                self._silent = True
                self._set_status(NarratorStatus(False, "narration.status.no_engine"))
            return False

    def _set_status(self, status: NarratorStatus) -> None:
        self._status = status
        self._post(status)

    def _post(self, event: _Event) -> None:
        self._events.put(event)
        if self._wake is not None:
            try:
                self._wake()
            except Exception:
                log.exception("narrator wake callback failed")

    def _deliver(self, event: _Event) -> None:
        if isinstance(event, Caption):
            self.captioned.emit(event)
        elif isinstance(event, SpeechEvent):
            self.speech_event.emit(event)
        elif isinstance(event, NarratorStatus):
            self.status_changed.emit(event)
        else:
            callback, completed = event
            callback(completed)

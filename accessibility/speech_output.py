"""Where spoken text becomes sound: the ``SpeechServer`` interface and its implementations.

The narrator's worker thread calls ``speak`` and waits for it; everything here may block
that thread but never the app's. ``EspeakServer`` runs the ``espeak-ng`` program, streams
its WAV output through Python (so the moment of the first audio bytes is known: onset) into
an ``AudioSink``: ``AplaySink`` plays it through ALSA, ``FileSink`` keeps it as a WAV file
(tests, benchmarks, machines without sound). A cancel kills both processes at once.
``RecordingServer`` makes no sound and records what would be said (Orca's dummy server).

Why not pyttsx3 here: pyttsx3 2.99's espeak driver starts libespeak-ng in asynchronous
retrieval mode and polls it; saving 60 files in a row on this machine left 25 of them empty,
missing or holding the previous utterance's audio or rate, and its playback is
``os.system("aplay ...")``, which cannot be interrupted. espeak-ng itself is the same voice.
"""
from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Protocol

from accessibility.audio_sink import AplaySink, AudioSink, FileSink, SpeechUnavailable

log = logging.getLogger(__name__)

STATUS_NO_ENGINE = "narration.status.no_engine"


@dataclass(frozen=True)
class VoiceSettings:
    """How one voice sounds: an espeak-ng voice name (``fr``), words per minute, pitch 0-99."""

    voice: str
    rate: int = 150
    pitch: int = 50
    volume: float = 1.0


@dataclass(frozen=True)
class Utterance:
    """Text already translated, ready to speak with one voice."""

    id: int
    text: str
    voice: VoiceSettings


Started = Callable[[], None]
"""Called by a server the moment the first audio of an utterance exists (onset)."""


class SpeechServer(Protocol):
    def probe(self) -> str | None:
        """``None`` if speech can be heard, else the i18n key saying why not."""
        ...

    def speak(self, utterance: Utterance, started: Started, cancel: threading.Event) -> bool:
        """Speak on the calling thread until done (True) or ``cancel`` is set (False).

        Raises ``SpeechUnavailable`` when the engine or the audio device failed.
        """
        ...


# --- sinks: where the audio stream goes ----------------------------------------------------


class EspeakServer:
    """``espeak-ng --stdout`` streamed into a sink (``AplaySink`` unless told otherwise)."""

    def __init__(self, sink: AudioSink | None = None, program: str = "espeak-ng",
                 chunk: int = 2048) -> None:
        self.sink = sink or AplaySink()
        self._program = program
        self._chunk = chunk

    def command(self, voice: VoiceSettings) -> list[str]:
        amplitude = max(0, min(200, round(voice.volume * 100)))
        return [self._program, "-v", voice.voice, "-s", str(voice.rate), "-p", str(voice.pitch),
                "-a", str(amplitude), "--stdin", "--stdout"]

    def synthesise(self, text: str, voice: VoiceSettings, path: Path) -> Path:
        """Write ``text`` spoken with ``voice`` to a WAV file (what ``speak`` would play)."""
        sink = FileSink(Path(tempfile.mkdtemp(prefix="citizencode-synth-")))
        if not self.speak_into(sink, Utterance(0, text, voice), lambda: None, threading.Event()):
            raise SpeechUnavailable(STATUS_NO_ENGINE, "synthesis was cancelled")
        shutil.move(str(sink.files[0]), path)
        shutil.rmtree(sink.directory, ignore_errors=True)
        return path

    def probe(self) -> str | None:
        if shutil.which(self._program) is None:
            log.warning("no speech engine: %s is not installed", self._program)
            return STATUS_NO_ENGINE
        try:
            with tempfile.TemporaryDirectory(prefix="citizencode-probe-") as tmp:
                self.synthesise("a", VoiceSettings("en"), Path(tmp) / "probe.wav")
        except (SpeechUnavailable, ValueError, OSError) as exc:
            log.warning("speech engine does not work: %r", exc)
            return STATUS_NO_ENGINE
        return self.sink.probe()

    def speak(self, utterance: Utterance, started: Started, cancel: threading.Event) -> bool:
        return self.speak_into(self.sink, utterance, started, cancel)

    def speak_into(self, sink: AudioSink, utterance: Utterance, started: Started,
                   cancel: threading.Event) -> bool:
        """Stream one utterance from espeak-ng into ``sink``; a cancel kills both at once."""
        try:
            proc = subprocess.Popen(self.command(utterance.voice), stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            raise SpeechUnavailable(STATUS_NO_ENGINE, f"cannot start espeak-ng: {exc!r}") from exc
        finished = threading.Event()
        watcher = threading.Thread(target=_cut_on_cancel, args=(cancel, finished, proc, sink),
                                   name="speech-cancel", daemon=True)
        watcher.start()
        try:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(utterance.text.encode("utf-8"))
            proc.stdin.close()
            opened = _pump(proc.stdout, sink, started, self._chunk)
            proc.wait()
            if cancel.is_set():
                return False
            if proc.returncode != 0 or not opened:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise SpeechUnavailable(STATUS_NO_ENGINE, f"espeak-ng failed: {err[-300:]}")
            return sink.drain(cancel)
        except (BrokenPipeError, ValueError):
            if cancel.is_set():
                return False
            raise
        finally:
            finished.set()
            watcher.join()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for pipe in (proc.stdout, proc.stderr):
                if pipe is not None:
                    pipe.close()


def _pump(stdout: IO[bytes], sink: AudioSink, started: Started, chunk: int) -> bool:
    """Copy the WAV stream to the sink; ``started`` fires with the first bytes (onset)."""
    opened = False
    while data := stdout.read1(chunk):  # type: ignore[attr-defined]
        if not opened:
            sink.open()
            started()
            opened = True
        sink.write(data)
    return opened


def _cut_on_cancel(cancel: threading.Event, finished: threading.Event,
                   proc: subprocess.Popen[bytes], sink: AudioSink) -> None:
    while not finished.is_set():
        if cancel.wait(0.005):
            if proc.poll() is None:
                proc.kill()
            sink.abort()
            return


@dataclass
class Spoken:
    """What the recording server was asked to say, and how it ended."""

    utterance: Utterance
    completed: bool | None = None  # None while speaking


class RecordingServer:
    """Makes no sound; records every utterance (Orca's dummy speech server).

    With ``hold`` each utterance lasts until the test calls ``release()`` or the narrator
    cancels it, so priority and interruption logic can be tested step by step.
    """

    def __init__(self, hold: bool = False, status: str | None = None) -> None:
        self.hold = hold
        self.status = status
        self.spoken: list[Spoken] = []
        self._release = threading.Semaphore(0)
        self._changed = threading.Condition()

    def probe(self) -> str | None:
        return self.status

    def speak(self, utterance: Utterance, started: Started, cancel: threading.Event) -> bool:
        record = Spoken(utterance)
        with self._changed:
            self.spoken.append(record)
            self._changed.notify_all()
        started()
        completed = True
        if self.hold:
            while not cancel.is_set():
                if self._release.acquire(timeout=0.002):
                    break
            completed = not cancel.is_set()
        with self._changed:
            record.completed = completed
            self._changed.notify_all()
        return completed

    def release(self) -> None:
        """Let the utterance being held (or the next one) finish normally."""
        self._release.release()

    def texts(self) -> list[str]:
        return [s.utterance.text for s in self.spoken]

    def wait_for(self, predicate: Callable[[list[Spoken]], bool], timeout: float = 5.0) -> bool:
        """Block until ``predicate(spoken)`` holds (a test helper; the timeout only guards)."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self.spoken), timeout)


def now() -> float:
    """The timestamps speech events carry: ``time.monotonic`` (onset/latency figures)."""
    return time.monotonic()

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
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Protocol

log = logging.getLogger(__name__)

STATUS_NO_ENGINE = "narration.status.no_engine"
STATUS_NO_AUDIO = "narration.status.no_audio"
SAMPLE_RATE = 22050  # espeak-ng's output rate


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


class SpeechUnavailable(RuntimeError):
    """Speech stopped working; ``status_key`` is the i18n key telling the teacher why."""

    def __init__(self, status_key: str, detail: str) -> None:
        super().__init__(detail)
        self.status_key = status_key


# --- sinks: where the audio stream goes ----------------------------------------------------


class AudioSink(Protocol):
    def probe(self) -> str | None:
        """``None`` if this sink can make sound here, else an i18n status key."""
        ...

    def open(self) -> None:
        """The first audio bytes are here: start playing."""
        ...

    def write(self, data: bytes) -> None:
        """More of the WAV stream (the first call starts with the RIFF header)."""
        ...

    def drain(self, cancel: threading.Event) -> bool:
        """Wait until everything written was heard; False if ``cancel`` cut it."""
        ...

    def abort(self) -> None:
        """Stop at once; safe from another thread."""
        ...


def write_silence(path: Path, seconds: float = 0.01) -> Path:
    """A short silent WAV, used to try the audio device once."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(b"\0\0" * int(SAMPLE_RATE * seconds))
    return path


class AplaySink:
    """Plays the stream through ALSA's ``aplay`` reading standard input."""

    def __init__(self, command: tuple[str, ...] = ("aplay", "-q"), poll: float = 0.005) -> None:
        self._command = command
        self._poll = poll
        self._proc: subprocess.Popen[bytes] | None = None

    def probe(self) -> str | None:
        """Play 10 ms of silence: the one sure test that the default device opens."""
        if shutil.which(self._command[0]) is None:
            return STATUS_NO_AUDIO
        with tempfile.TemporaryDirectory(prefix="citizencode-probe-") as tmp:
            silence = write_silence(Path(tmp) / "silence.wav")
            try:
                result = subprocess.run([*self._command, str(silence)], capture_output=True,
                                        timeout=5)
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.warning("audio probe failed: %r", exc)
                return STATUS_NO_AUDIO
        if result.returncode != 0:
            log.warning("no audio device: %s", result.stderr.decode(errors="replace")[-300:])
            return STATUS_NO_AUDIO
        return None

    def open(self) -> None:
        try:
            self._proc = subprocess.Popen([*self._command, "-"], stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as exc:
            raise SpeechUnavailable(STATUS_NO_AUDIO, f"cannot start player: {exc!r}") from exc

    def write(self, data: bytes) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
        except (BrokenPipeError, ValueError) as exc:
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        """The player went away under us: usually no device; killed by a cancel is fine."""
        proc = self._proc
        assert proc is not None
        proc.wait()
        if proc.returncode in (-9, 0):
            raise BrokenPipeError(str(exc))  # our own kill: the caller sees the cancel
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SpeechUnavailable(STATUS_NO_AUDIO, f"player failed: {err[-300:]}") from exc

    def drain(self, cancel: threading.Event) -> bool:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.close()
        except BrokenPipeError as exc:
            self._failed(exc)
        while proc.poll() is None:
            if cancel.wait(self._poll):
                self.abort()
                return False
        if proc.returncode != 0 and not cancel.is_set():
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise SpeechUnavailable(STATUS_NO_AUDIO, f"player failed: {err[-300:]}")
        return not cancel.is_set()

    def abort(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()


def wav_payload(stream: bytes) -> tuple[int, bytes]:
    """Sample rate and PCM data of a streamed WAV (its header's sizes are placeholders)."""
    if stream[:4] != b"RIFF" or b"data" not in stream[:200]:
        raise ValueError("not a WAV stream")
    rate = int.from_bytes(stream[24:28], "little")
    data_at = stream.index(b"data", 12) + 8
    pcm = stream[data_at:]
    return rate, pcm[: len(pcm) // 2 * 2]


class FileSink:
    """Keeps each utterance as ``directory/utterance-NNNN.wav`` instead of playing it.

    With ``realtime`` it then waits as long as the audio lasts (a cancel cuts the wait), so
    queueing and interruption behave as with a loudspeaker: benchmarks measure onset and
    interruption latency with it on machines without sound.
    """

    def __init__(self, directory: Path, realtime: bool = False) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.realtime = realtime
        self.files: list[Path] = []
        self._buffer = bytearray()

    def probe(self) -> str | None:
        return None

    def open(self) -> None:
        self._buffer = bytearray()

    def write(self, data: bytes) -> None:
        self._buffer += data

    def drain(self, cancel: threading.Event) -> bool:
        path = self._save()
        if not self.realtime:
            return not cancel.is_set()
        return not cancel.wait(describe_wav(path).duration)

    def abort(self) -> None:
        pass  # the realtime wait is cut by the cancel event itself

    def _save(self) -> Path:
        rate, pcm = wav_payload(bytes(self._buffer))
        path = self.directory / f"utterance-{len(self.files) + 1:04d}.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(pcm)
        self.files.append(path)
        return path


# --- servers ------------------------------------------------------------------------------


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


# --- measuring audio ----------------------------------------------------------------------


@dataclass(frozen=True)
class WavInfo:
    """Facts about a WAV file: length, loudness, and how much of it is not near-silence."""

    duration: float
    rate: int
    rms: float  # of the whole file, 0..1 of full scale
    speech_seconds: float  # 20 ms frames louder than 2 % of full scale
    frames: int = field(default=0)


def describe_wav(path: Path) -> WavInfo:
    """Read a 16-bit mono WAV and measure it (no numpy needed in the app)."""
    import array
    import math

    with wave.open(str(path)) as wav:
        rate, n = wav.getframerate(), wav.getnframes()
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit samples")
        samples = array.array("h", wav.readframes(n))
    if not samples:
        return WavInfo(0.0, rate, 0.0, 0.0, 0)
    total = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    frame = max(1, rate // 50)
    loud = 0
    for start in range(0, len(samples) - frame + 1, frame):
        chunk = samples[start : start + frame]
        if math.sqrt(sum(s * s for s in chunk) / frame) > 0.02 * 32768:
            loud += 1
    return WavInfo(n / rate, rate, total, loud * frame / rate, n)


def now() -> float:
    """The timestamps speech events carry: ``time.monotonic`` (onset/latency figures)."""
    return time.monotonic()

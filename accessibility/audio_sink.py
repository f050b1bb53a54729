"""Where the narrator's and the earcons' audio goes: the ``AudioSink`` interface, ``AplaySink``
(ALSA's ``aplay``), ``FileSink`` (a WAV file: tests, benchmarks, machines without sound), and
``describe_wav`` to measure what was written."""
from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

STATUS_NO_AUDIO = "narration.status.no_audio"
SAMPLE_RATE = 22050  # espeak-ng's output rate


class SpeechUnavailable(RuntimeError):
    """Speech stopped working; ``status_key`` is the i18n key telling the teacher why."""

    def __init__(self, status_key: str, detail: str) -> None:
        super().__init__(detail)
        self.status_key = status_key


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

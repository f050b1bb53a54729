"""Narration latency: ``say()`` to the first synthesised audio, and an interrupting cue to
the old utterance stopping — beside a plain ``espeak-ng`` process in the same run.

Ours is the app's path: ``Narrator`` (queue, worker thread) -> ``EspeakServer`` (espeak-ng
streamed through Python) -> ``FileSink(realtime=True)``, which "plays" each utterance for as
long as its audio lasts (no sound card here), so a cut happens mid-utterance as it would
through a loudspeaker. Times are the narrator's own speech events (``LatencyProbe``).
Baselines: ``Popen`` of ``espeak-ng --stdout`` with the same voice and text until its first
stdout bytes (onset), and ``kill()`` of that process until it is reaped (stopping).
Ours and the baseline alternate sample by sample, so machine noise hits both alike.
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accessibility.narrator import Channel, Narrator, Priority
from accessibility.speech_output import EspeakServer
from accessibility.audio_sink import FileSink
from accessibility.translator import Translator
from benchmarks.report import Figure, blocked, percentile, summary
from tests.support.narration_probes import LatencyProbe

NAME = "narration"
LOCALE = "en"
SAYINGS = ("narration.praise.great", "narration.events.reached_goal",
           "levels.teens_07.instruction")
CUES = ("narration.events.moved", "narration.events.turned_left")
LONG_CUE = "narration.status.no_audio"  # several seconds: still playing when cut


def espeak_onset(server: EspeakServer, narrator: Narrator, text: str,
                 channel: Channel = Channel.MAIN) -> tuple[float, float]:
    """Seconds from ``Popen`` to the first stdout bytes, and from ``kill`` to reaped."""
    command = server.command(narrator.voice(LOCALE, channel))
    start = time.monotonic()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(text.encode("utf-8"))
    proc.stdin.close()
    proc.stdout.read1(2048)  # type: ignore[attr-defined]
    onset = time.monotonic() - start
    start = time.monotonic()
    proc.kill()
    proc.wait()
    stop = time.monotonic() - start
    proc.stdout.close()
    return onset, stop


def run(quick: bool = False) -> list[Figure]:
    import shutil
    if shutil.which("espeak-ng") is None:
        return [blocked(NAME, "say → first audio", "espeak-ng is not installed")]
    rounds = 6 if quick else 30
    print(f"[narration] {rounds} rounds of onset and interruption", file=sys.stderr)
    rng = random.Random(3)
    translator = Translator(LOCALE)
    with tempfile.TemporaryDirectory(prefix="citizencode-bench-narration-") as tmp:
        server = EspeakServer(FileSink(Path(tmp), realtime=True))
        narrator = Narrator(translator, server)
        probe = LatencyProbe(narrator)
        if not narrator.wait_idle(30):
            return [blocked(NAME, "say → first audio", "the narrator did not start")]
        onset: list[float] = []
        base_onset: list[float] = []
        cut: list[float] = []
        base_stop: list[float] = []
        urgent: list[float] = []
        try:
            for i in range(rounds):
                key = SAYINGS[i % len(SAYINGS)]
                text = translator.t(key)
                base_onset.append(espeak_onset(server, narrator, text)[0])
                uid = probe.say(key)
                if not probe.collect(lambda p: uid in p.started_at):
                    raise RuntimeError("no onset")
                onset.append(probe.onset(uid) or 0.0)
                narrator.silence()
                narrator.wait_idle(10)
                # a cue being spoken, cut by the next highlight's cue
                old = probe.cue(LONG_CUE)
                if not probe.collect(lambda p: old in p.started_at):
                    raise RuntimeError("no onset")
                time.sleep(rng.uniform(0.02, 0.2))
                base_stop.append(espeak_onset(server, narrator, translator.t(LONG_CUE),
                                              Channel.CUE)[1])
                new = probe.cue(CUES[i % len(CUES)])
                if not probe.collect(lambda p: old in p.finished and new in p.started_at):
                    raise RuntimeError("no cut")
                cut.append(probe.finished[old].t - probe.said_at[new])
                narrator.silence()
                narrator.wait_idle(10)
                # a long instruction cut by something urgent (it resumes afterwards)
                long_id = probe.say("narration.status.no_engine")
                if not probe.collect(lambda p: long_id in p.started_at):
                    raise RuntimeError("no onset")
                time.sleep(rng.uniform(0.02, 0.2))
                now_id = probe.say("narration.praise.great", priority=Priority.NOW)
                if not probe.collect(lambda p: now_id in p.started_at):
                    raise RuntimeError("no urgent onset")
                urgent.append(probe.onset(now_id) or 0.0)
                narrator.silence()
                narrator.wait_idle(10)
        finally:
            narrator.close()
    ms = lambda values: [v * 1000 for v in values]  # noqa: E731
    onset, base_onset, cut, base_stop, urgent = map(ms, (onset, base_onset, cut, base_stop,
                                                         urgent))
    out = []
    for p in (50, 99):
        value = percentile(onset, p)
        out.append(Figure(NAME, f"say() → first audio, p{p}", value, "ms",
                          percentile(base_onset, p), "espeak-ng Popen → first bytes",
                          "< 100 ms", value < 100, f"{len(onset)} utterances",
                          details={"ours": summary(onset), "baseline": summary(base_onset)}))
    for p in (50, 99):
        value = percentile(cut, p)
        out.append(Figure(NAME, f"interrupting cue → old cue stopped, p{p}", value, "ms",
                          percentile(base_stop, p), "espeak-ng kill → reaped",
                          "< 50 ms", value < 50, f"{len(cut)} cuts",
                          details={"ours": summary(cut), "baseline": summary(base_stop)}))
    for p in (50, 99):
        out.append(Figure(NAME, f"urgent say (NOW) over speech → its first audio, p{p}",
                          percentile(urgent, p), "ms", percentile(base_onset, p),
                          "espeak-ng Popen → first bytes", note="old utterance cut, resumed later",
                          details={"ours": summary(urgent)}))
    return out

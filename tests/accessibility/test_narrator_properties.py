"""Whatever the mix of says, cues, NOW and silence: every utterance ends exactly once."""
from __future__ import annotations

import threading
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessibility.clock import FakeClock
from accessibility.narrator import (
    Narrator,
    Priority,
    SpeechEvent,
    SpeechEventKind,
)
from accessibility.speech_output import RecordingServer
from accessibility.translator import Translator
from tests.support.narration_probes import TimedCues

KEYS = ["narration.events.moved", "narration.events.turned_left", "narration.praise.great"]
OPS = st.lists(st.sampled_from(["normal", "next", "now", "cue", "silence"]), min_size=1,
               max_size=25)

TRANSLATOR = Translator("en")


def _release_until(server: RecordingServer, stop: threading.Event) -> None:
    while not stop.wait(0.002):
        if server.spoken and server.spoken[-1].completed is None:
            server.release()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, st.booleans())
def test_every_utterance_finishes_once_and_normal_keeps_its_order(ops: list[str],
                                                                  slow: bool) -> None:
    # slow: each utterance lasts until a releaser thread lets it go, so cuts really happen
    server = RecordingServer(hold=slow)
    narrator = Narrator(TRANSLATOR, server)
    stop = threading.Event()
    releaser = threading.Thread(target=_release_until, args=(server, stop), daemon=True)
    if slow:
        releaser.start()
    events: list[SpeechEvent] = []
    done: Counter[int] = Counter()
    narrator.on_speech_event(events.append)
    ids: list[int] = []
    normal: list[int] = []
    for n, op in enumerate(ops):
        if slow:
            stop.wait(0.003)  # let speech and calls interleave, so cuts and resumes happen
        key = KEYS[n % len(KEYS)]
        if op == "silence":
            narrator.silence()
            continue
        holder: list[int] = []
        callback = lambda ok, h=holder: done.update(h)  # noqa: E731
        if op == "cue":
            uid = narrator.cue(key, on_done=callback)
        else:
            priority = {"normal": Priority.NORMAL, "next": Priority.NEXT, "now": Priority.NOW}[op]
            uid = narrator.say(key, priority=priority, on_done=callback)
            if op == "normal":
                normal.append(uid)
        holder.append(uid)
        ids.append(uid)
    assert narrator.wait_idle()
    stop.set()
    narrator.pump()
    narrator.close()
    finished = Counter(e.utterance_id for e in events if e.kind is SpeechEventKind.FINISHED)
    assert finished == Counter(ids)
    assert done == Counter(ids)
    completed = [e.utterance_id for e in events
                 if e.kind is SpeechEventKind.FINISHED and e.completed]
    spoken_normal = [u for u in completed if u in normal]
    assert spoken_normal == sorted(spoken_normal)


def test_timed_cues_let_a_scanner_wait_on_the_fake_clock() -> None:
    clock = FakeClock()
    cues = TimedCues(clock, TRANSLATOR, base=0.2, per_char=0.05)
    outcomes: list[tuple[str, bool]] = []
    cues.cue("narration.events.moved", on_done=lambda ok: outcomes.append(("a", ok)))
    length = cues.duration("One step forward.")
    clock.advance(length - 0.01)
    assert outcomes == []
    clock.advance(0.02)
    assert outcomes == [("a", True)]
    cues.cue("narration.events.turned_left", on_done=lambda ok: outcomes.append(("b", ok)))
    clock.advance(0.1)
    cues.cue("narration.praise.great", on_done=lambda ok: outcomes.append(("c", ok)))
    assert outcomes[-1] == ("b", False)
    clock.advance(5)
    assert outcomes[-1] == ("c", True)
    assert cues.spoken == ["One step forward.", "Turned left.", "Great!"]

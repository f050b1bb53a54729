"""The narrator's queue: priorities, interruption, cue replacement, captions, degraded mode.

Driven with the recording server holding each utterance until the test releases it, so the
order of events is fixed by the test, not by timing.
"""
from __future__ import annotations

import threading
from typing import Iterator

import pytest

from accessibility.narrator import (
    Caption,
    Narrator,
    Priority,
    SpeechEvent,
    SpeechEventKind,
)
from accessibility.speech_output import RecordingServer, Spoken, Utterance
from accessibility.audio_sink import STATUS_NO_AUDIO, SpeechUnavailable
from accessibility.translator import Translator


class Log:
    """Everything the narrator delivered through pump(), in order."""

    def __init__(self, narrator: Narrator) -> None:
        self.items: list[object] = []
        narrator.on_caption(self.items.append)
        narrator.on_speech_event(self.items.append)
        narrator.on_status(self.items.append)

    def captions(self) -> list[str]:
        return [i.text for i in self.items if isinstance(i, Caption)]

    def finished(self) -> list[tuple[int, bool]]:
        return [(i.utterance_id, i.completed) for i in self.items
                if isinstance(i, SpeechEvent) and i.kind is SpeechEventKind.FINISHED]


@pytest.fixture
def translator() -> Translator:
    return Translator("en")


@pytest.fixture
def held(translator: Translator) -> Iterator[tuple[Narrator, RecordingServer]]:
    server = RecordingServer(hold=True)
    narrator = Narrator(translator, server)
    yield narrator, server
    narrator.close()


def speaking(server: RecordingServer, text: str) -> bool:
    """Wait until ``text`` is the utterance being held."""
    return server.wait_for(lambda s: bool(s) and s[-1].utterance.text == text
                           and s[-1].completed is None)


def outcome(spoken: list[Spoken]) -> list[tuple[str, bool | None]]:
    return [(s.utterance.text, s.completed) for s in spoken]


def test_say_returns_while_speech_is_held_and_normal_is_fifo(held) -> None:
    narrator, server = held
    log = Log(narrator)
    first = narrator.say("narration.events.moved")
    assert speaking(server, "One step forward.")
    # the server is still holding the first utterance: these calls must not wait for it
    narrator.say("narration.events.turned_left")
    narrator.say("narration.events.turned_right")
    for _ in range(3):
        server.release()
    assert narrator.wait_idle()
    narrator.pump()
    assert server.texts() == ["One step forward.", "Turned left.", "Turned right."]
    assert log.captions() == server.texts()
    assert log.finished()[0] == (first, True)


def test_next_goes_before_normal_but_does_not_interrupt(held) -> None:
    narrator, server = held
    narrator.say("narration.events.moved")
    assert speaking(server, "One step forward.")
    narrator.say("narration.events.turned_left")
    narrator.say("narration.events.reached_goal", priority=Priority.NEXT)
    for _ in range(3):
        server.release()
    assert narrator.wait_idle()
    assert outcome(server.spoken) == [("One step forward.", True),
                                      ("You reached the goal!", True), ("Turned left.", True)]


def test_now_cuts_an_instruction_which_is_said_again_afterwards(held) -> None:
    narrator, server = held
    log = Log(narrator)
    done: list[bool] = []
    long_id = narrator.say("narration.events.program_empty", on_done=done.append)
    assert speaking(server, "Your program is empty. Add a block first.")
    urgent = narrator.say("narration.events.bumped_wall", priority=Priority.NOW)
    assert speaking(server, "Bump! A wall is in the way.")
    server.release()
    assert speaking(server, "Your program is empty. Add a block first.")
    server.release()
    assert narrator.wait_idle()
    narrator.pump()
    assert outcome(server.spoken) == [
        ("Your program is empty. Add a block first.", False),
        ("Bump! A wall is in the way.", True),
        ("Your program is empty. Add a block first.", True),
    ]
    # the interrupted instruction finishes once, when it was really said to the end
    assert log.finished() == [(urgent, True), (long_id, True)]
    assert done == [True]


def test_a_new_cue_cuts_the_cue_being_said_and_replaces_unsaid_ones(held) -> None:
    narrator, server = held
    log = Log(narrator)
    outcomes: dict[str, list[bool]] = {"a": [], "b": [], "c": []}
    a = narrator.cue("narration.events.moved", on_done=outcomes["a"].append)
    assert speaking(server, "One step forward.")
    narrator.say("narration.events.program_started")  # main voice, waits its turn
    # hold the worker between utterances so b is still queued when c arrives
    with narrator._cond:  # noqa: SLF001 - freeze the queue for a deterministic instant
        b = narrator.cue("narration.events.turned_left", on_done=outcomes["b"].append)
        c = narrator.cue("narration.events.turned_right", on_done=outcomes["c"].append)
    assert speaking(server, "Turned right.")
    server.release()
    assert speaking(server, "Your program is running.")
    server.release()
    assert narrator.wait_idle()
    narrator.pump()
    assert outcome(server.spoken) == [("One step forward.", False), ("Turned right.", True),
                                      ("Your program is running.", True)]
    assert outcomes == {"a": [False], "b": [False], "c": [True]}
    assert {(a, False), (b, False), (c, True)} <= set(log.finished())
    assert [s.utterance.voice.pitch for s in server.spoken[:2]] == [62, 62]
    assert server.spoken[2].utterance.voice.pitch == 50  # main voice


def test_a_cue_does_not_cut_the_main_voice(held) -> None:
    narrator, server = held
    narrator.say("narration.events.program_started")
    assert speaking(server, "Your program is running.")
    narrator.cue("narration.events.moved")
    server.release()
    assert speaking(server, "One step forward.")
    server.release()
    assert narrator.wait_idle()
    assert [c for _, c in outcome(server.spoken)] == [True, True]


def test_silence_forgets_everything_and_every_waiter_hears_back(held) -> None:
    narrator, server = held
    done: list[bool] = []
    narrator.say("narration.events.moved", on_done=done.append)
    assert speaking(server, "One step forward.")
    narrator.say("narration.events.turned_left", on_done=done.append)
    narrator.cue("narration.events.turned_right", on_done=done.append)
    narrator.silence()
    assert narrator.wait_idle()
    narrator.pump()
    assert sorted(done) == [False, False, False]
    assert server.texts() == ["One step forward."]


def test_events_arrive_in_order_on_the_pumping_thread(held) -> None:
    narrator, server = held
    seen: list[tuple[str, str]] = []
    threads: set[str] = set()

    def record(kind: str):
        def listener(value: object = None) -> None:
            threads.add(threading.current_thread().name)
            seen.append((kind, type(value).__name__ if value is not None else ""))
        return listener

    narrator.on_caption(record("caption"))
    narrator.on_speech_event(lambda e: record(e.kind.value)(e))
    narrator.say("narration.praise.great", on_done=lambda ok: record("done")(None))
    assert speaking(server, "Great!")
    server.release()
    assert narrator.wait_idle()
    narrator.pump()
    assert [k for k, _ in seen] == ["caption", "started", "finished", "done"]
    assert threads == {threading.current_thread().name}


def test_locale_changes_text_and_voice_at_run_time(held, translator: Translator) -> None:
    narrator, server = held
    narrator.set_locale("de")
    narrator.say("narration.events.level_complete", {"count": 3})
    assert speaking(server, "Level geschafft mit 3 Sternen!")
    narrator.set_locale("es")
    narrator.cue("narration.praise.great")
    server.release()
    server.release()
    assert narrator.wait_idle()
    voices = [(s.utterance.text, s.utterance.voice.voice) for s in server.spoken]
    assert voices == [("Level geschafft mit 3 Sternen!", "de"), ("¡Genial!", "es")]
    translator.set_locale("en")


@pytest.mark.parametrize("server", [None, RecordingServer(status=STATUS_NO_AUDIO)])
def test_without_sound_every_utterance_is_captioned_and_finishes(translator, server) -> None:
    narrator = Narrator(translator, server)
    log = Log(narrator)
    done: list[bool] = []
    for key in ("narration.events.moved", "narration.events.collected_star"):
        narrator.say(key, on_done=done.append)
    narrator.cue("narration.praise.great", on_done=done.append)
    assert narrator.wait_idle()
    narrator.pump()
    narrator.close()
    assert not narrator.status.speech
    expected = "narration.status.no_engine" if server is None else STATUS_NO_AUDIO
    assert narrator.status.message_key == expected
    assert set(log.captions()) == {"One step forward.", "You found a star!", "Great!"}
    assert done == [True, True, True]
    if server is not None:
        assert server.spoken == []


class BreaksAfterOne(RecordingServer):
    def speak(self, utterance: Utterance, started, cancel) -> bool:
        if self.spoken:
            raise SpeechUnavailable(STATUS_NO_AUDIO, "device unplugged")
        return super().speak(utterance, started, cancel)


def test_losing_the_device_falls_back_to_captions(translator) -> None:
    server = BreaksAfterOne()
    narrator = Narrator(translator, server)
    log = Log(narrator)
    for key in ("narration.events.moved", "narration.events.turned_left",
                "narration.events.turned_right"):
        narrator.say(key)
    assert narrator.wait_idle()
    narrator.pump()
    narrator.close()
    assert narrator.status.message_key == STATUS_NO_AUDIO and not narrator.status.speech
    assert log.captions() == ["One step forward.", "Turned left.", "Turned right."]
    assert server.texts() == ["One step forward."]


def test_wake_is_called_so_the_app_knows_to_pump(translator) -> None:
    woken = threading.Event()
    narrator = Narrator(translator, RecordingServer(), wake=woken.set)
    narrator.say("narration.praise.great")
    assert woken.wait(5)
    assert narrator.wait_idle()
    assert narrator.pump() >= 3
    narrator.close()


def test_close_stops_the_worker(translator) -> None:
    narrator = Narrator(translator, RecordingServer(hold=True))
    narrator.say("narration.praise.great")
    narrator.close()
    assert not narrator._thread.is_alive()  # noqa: SLF001

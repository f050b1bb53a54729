"""When the app spoke, and what the microphone heard meanwhile."""
from __future__ import annotations

from adapters.speech.own_voice import OwnVoice


def test_talk_overlapping_the_apps_speech_or_its_echo_was_heard_in_it() -> None:
    own = OwnVoice(lead=0.3, tail=0.6)
    own.started(1, 10.0)
    assert own.heard_in(9.0, 10.5)  # still speaking: any talk reaching into it
    assert own.heard_in(20.0, 21.0)
    assert not own.heard_in(8.0, 9.6)  # ended before the onset (and its 0.3 s lead)
    own.finished(1, 12.0)
    assert own.heard_in(12.4, 13.0)  # the echo after the last word
    assert not own.heard_in(12.7, 14.0)
    assert not own.heard_in(5.0, 9.6)


def test_utterances_are_tracked_by_id_and_old_ones_are_forgotten() -> None:
    own = OwnVoice(lead=0.0, tail=0.0, keep=60.0)
    own.started(1, 0.0)
    own.started(2, 0.5)  # a cue over an instruction
    own.finished(1, 1.0)
    assert own.heard_in(5.0, 6.0)  # 2 is still speaking
    own.finished(2, 2.0)
    assert not own.heard_in(5.0, 6.0) and own.heard_in(1.5, 1.6)
    own.started(3, 100.0)
    own.finished(3, 101.0)  # more than a minute later: the first two are dropped
    assert not own.heard_in(0.0, 2.0) and own.heard_in(100.5, 100.6)
    own.finished(4, 200.0)  # a finish without a start (the app started listening late)
    assert own.heard_in(199.9, 200.1)

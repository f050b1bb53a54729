"""The talk switches' state: recording lasts while any talk switch is down."""
from __future__ import annotations

from adapters.speech.capture import PushToTalk


def test_recording_lasts_while_any_talk_switch_is_down() -> None:
    ptt = PushToTalk()
    ptt.set(True, "kb:space")
    ptt.set(True, "serial(microbit):a")
    ptt.set(False, "kb:space")
    assert ptt.held  # the big button is still down
    ptt.set(False, "serial(microbit):a")
    assert not ptt.held
    ptt.set(False, "kb:return")  # a release with no press (held before the app started)
    assert not ptt.held
    ptt.set(True)
    ptt.set(False)  # one unnamed switch, as the adapter's callers without ids use it
    assert not ptt.held

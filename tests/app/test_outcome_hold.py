"""Issue 19: a run's outcome stays in the captions until the child acts or the teacher's
time passes, and the scan light waits until the outcome has been said (no window)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accessibility.actions import Command
from accessibility.caption_hold import CaptionHold
from accessibility.clock import FakeClock
from accessibility.message import Message
from accessibility.narrator import Caption, Channel, Priority
from accessibility.profiles import ProfileError, preset, profile_from_dict, profile_to_dict
from adapters.events import InputEvent
from tests.app.test_controller import make_app

OUTCOME = Message("levels.outcome.goal_not_reached")


def cue(text: str = "Run") -> Caption:
    return Caption(1, text, Channel.CUE, Priority.NEXT)


def test_a_held_message_keeps_scan_labels_out_of_the_captions_until_its_time() -> None:
    clock = FakeClock()
    hold = CaptionHold(clock)
    shown: list[Message | None] = []
    hold.changed.connect(shown.append)
    hold.hold(OUTCOME, 6.0)
    assert not hold.shows(cue())
    assert hold.shows(Caption(2, "The program stopped.", Channel.MAIN, Priority.NORMAL))
    clock.advance(5.9)
    assert not hold.shows(cue())
    clock.advance(0.2)
    assert hold.shows(cue()) and shown == [OUTCOME, None]


def test_the_teachers_time_is_a_validated_profile_value() -> None:
    assert preset("single_switch_autoscan").outcome_hold == 6.0
    data = profile_to_dict(preset("touch"))
    assert profile_from_dict({**data, "outcome_hold": 12}).outcome_hold == 12
    with pytest.raises(ProfileError):
        profile_from_dict({**data, "outcome_hold": 0.2})


@pytest.fixture
def scanning(tmp_path: Path):
    controller, clock, server = make_app(tmp_path)
    learner = controller.store.learners()[0]
    profile = replace(preset("single_switch_autoscan"), outcome_hold=6.0)
    controller.store.update_learner(replace(learner, profile=profile_to_dict(profile)))
    controller.activate(controller.model.children[0].id)  # the teacher starts the session
    controller.open_level("junior_02")
    yield controller, clock, server
    controller.services.close()


def frame(controller, clock, seconds: float = 0.05) -> None:
    controller.narrator.pump()
    clock.advance(seconds)


def run_until_the_outcome_is_being_said(controller, clock, server) -> None:
    """Run a one-block program; every step is said, the outcome is held mid-sentence."""
    controller.command(Command("add:move_forward"))
    server.hold = True
    controller.command(Command("run"))
    session = controller.session
    for _ in range(400):
        if session.outcome is not None:
            break
        if server.wait_for(lambda spoken: any(s.completed is None for s in spoken), 0.005):
            speaking = next(s for s in server.spoken if s.completed is None)
            server.release()
            server.wait_for(lambda _spoken: speaking.completed is not None)
        frame(controller, clock, 0.2)
    assert session.outcome is not None and not session.outcome.solved
    assert server.wait_for(lambda spoken: any(
        s.utterance.text.startswith("Nearly!") and s.completed is None for s in spoken))


def test_the_light_waits_for_the_outcome_and_the_caption_waits_for_the_child(scanning) -> None:
    controller, clock, server = scanning
    scanner = controller.access.scanner
    run_until_the_outcome_is_being_said(controller, clock, server)
    assert controller.caption_hold.message is not None
    assert controller.caption_hold.message.key.startswith("levels.outcome.")
    lit = scanner.highlighted
    for _ in range(40):  # two seconds of scan interval pass while the outcome is said
        frame(controller, clock)
    assert scanner.highlighted is lit and controller.access.waiting
    server.hold = False
    server.release()  # the outcome has been said
    server.wait_for(lambda spoken: all(s.completed is not None for s in spoken))
    for _ in range(3):
        frame(controller, clock)
    assert not controller.access.waiting
    for _ in range(60):  # the light moves on, the outcome stays in the captions
        frame(controller, clock)
    assert scanner.highlighted is not lit
    assert controller.caption_hold.message is not None
    controller.handle(InputEvent("kb", "space", True, clock.now()))  # the child acts
    assert controller.caption_hold.message is None


def test_a_press_while_the_outcome_is_said_only_wakes_the_light(scanning) -> None:
    controller, clock, server = scanning
    run_until_the_outcome_is_being_said(controller, clock, server)
    runs_before = len([s for s in server.spoken if "running" in s.utterance.text])
    for pressed in (True, False):
        clock.advance(0.15)
        controller.handle(InputEvent("kb", "space", pressed, clock.now()))
    server.hold = False
    server.release()
    for _ in range(5):
        frame(controller, clock)
    assert not controller.access.waiting and controller.caption_hold.message is None
    assert len([s for s in server.spoken if "running" in s.utterance.text]) == runs_before
    assert not controller.session.running

"""Issue 19: the press chooses what was lit when it happened, with a grace after each move;
a paused scanner prompts instead of showing nothing."""
from __future__ import annotations

from typing import Callable, Mapping

import pytest

from accessibility.actions import Action
from accessibility.clock import FakeClock
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scanner import PAUSED_KEY, START_KEY, Scanner, ScanSettings

# the issue's palette: "Move forward" lit for 1.5 s (interval 1, first-item delay 0.5)
SETTINGS = ScanSettings(interval=1.0, first_item_delay=0.5)


class Cues:
    """Records what the scanner asks to be said."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Callable[[bool], None] | None = None) -> int:
        self.said.append(key)
        return len(self.said)


class Rig:
    def __init__(self, settings: ScanSettings = SETTINGS, ids: tuple[str, ...] = (
            "move_forward", "turn_left", "run")) -> None:
        self.clock = FakeClock()
        self.chosen: list[str] = []
        self.pauses: list[bool] = []
        self.cues = Cues()
        self.root = Group("root", "access.group.program", [
            Target(i, "access.scan.back", lambda i=i: self.chosen.append(i)) for i in ids])
        self.scanner = Scanner(self.clock, self.root, settings, cues=self.cues)
        self.scanner.on_pause(self.pauses.append)

    @property
    def at(self) -> str | None:
        node: ScanNode | None = self.scanner.highlighted
        return node.id if node else None

    def press_processed_late(self, pressed: float, processed: float) -> None:
        """A SELECT pressed at ``pressed`` s that reaches the scanner at ``processed`` s."""
        self.clock.run_until(processed)
        self.scanner.handle(Action.SELECT, pressed)


@pytest.mark.parametrize("into_turn", [1.17, 1.32])
def test_the_issue_presses_choose_move_forward_although_processed_after_the_move(
        into_turn: float) -> None:
    rig = Rig()
    rig.scanner.start()
    assert rig.at == "move_forward"
    rig.press_processed_late(into_turn, 1.5 + 0.4)  # the frame came 0.4 s late
    assert rig.chosen == ["move_forward"]
    assert rig.scanner.stats.resolved_earlier == 1


def test_resolving_at_processing_time_chooses_the_next_stop_instead() -> None:
    rig = Rig(ScanSettings(interval=1.0, first_item_delay=0.5, resolve="processing"))
    rig.scanner.start()
    rig.press_processed_late(1.32, 1.9)
    assert rig.chosen == ["turn_left"]  # the old behaviour, what the child did not mean


@pytest.mark.parametrize("after_move,grace,expected", [
    (0.2, 0.25, "move_forward"),  # within the grace: the stop before
    (0.3, 0.25, "turn_left"),
    (0.2, 0.0, "turn_left"),  # no grace: exactly what was lit
    (0.0, 0.25, "move_forward"),  # at the very moment of the move
])
def test_grace_after_a_move_chooses_the_previous_stop(after_move: float, grace: float,
                                                      expected: str) -> None:
    rig = Rig(ScanSettings(interval=1.0, first_item_delay=0.5, grace=grace))
    rig.scanner.start()
    rig.press_processed_late(1.5 + after_move, 1.5 + after_move)
    assert rig.chosen == [expected]


def test_a_press_made_before_the_loops_ran_out_chooses_the_last_stop() -> None:
    rig = Rig(ScanSettings(interval=1.0, first_item_delay=0.5, loops=1))
    rig.scanner.start()
    rig.clock.run_until(3.5)  # move_forward 1.5 s, turn_left 1 s, run 1 s: paused at 3.5
    assert rig.scanner.paused
    rig.press_processed_late(3.45, 3.8)
    assert rig.chosen == ["run"]


def test_a_late_press_does_not_reach_back_past_a_choice() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.press_processed_late(0.6, 0.6)
    assert rig.chosen == ["move_forward"]
    rig.clock.run_until(2.0)  # after the choice: move_forward again, from 0.6 on
    rig.scanner.handle(Action.SELECT, 0.5)  # stamped before that choice: what is lit now
    assert rig.chosen == ["move_forward", "move_forward"]


def test_loops_run_out_the_prompt_is_shown_and_said_and_a_press_resumes_at_the_top() -> None:
    rig = Rig(ScanSettings(interval=1.0, first_item_delay=0.5, loops=1))
    rig.scanner.start()
    assert rig.scanner.prompt is None and rig.pauses == []
    rig.clock.run_until(10)
    assert rig.scanner.paused and rig.at is None
    assert rig.scanner.prompt == PAUSED_KEY
    assert rig.pauses == [True] and rig.cues.said[-1] == PAUSED_KEY
    rig.scanner.handle(Action.SELECT, 10.0)
    assert rig.at == "move_forward" and rig.chosen == []  # resumed, nothing chosen
    assert rig.pauses == [True, False] and rig.scanner.prompt is None


def test_nothing_to_scan_at_start_shows_the_start_prompt_never_nothing() -> None:
    rig = Rig(ids=())
    rig.scanner.start()
    assert rig.at is None and rig.scanner.paused
    assert rig.scanner.prompt == START_KEY
    assert rig.pauses == [True] and rig.cues.said == [START_KEY]


def test_the_first_model_with_something_to_scan_starts_the_scan() -> None:
    rig = Rig(ids=())
    rig.scanner.start()
    full = Rig()
    rig.scanner.set_model(full.root)
    assert rig.at == "move_forward" and not rig.scanner.paused
    assert rig.pauses == [True, False]


def test_a_model_change_while_paused_after_the_loops_keeps_waiting_for_a_press() -> None:
    rig = Rig(ScanSettings(interval=1.0, first_item_delay=0.5, loops=1))
    rig.scanner.start()
    rig.clock.run_until(10)
    rig.scanner.set_model(Rig().root)
    assert rig.scanner.paused and rig.scanner.prompt == PAUSED_KEY


def test_first_start_in_auto_scan_lights_the_first_stop() -> None:
    rig = Rig()
    rig.scanner.start()
    assert rig.at == "move_forward" and not rig.scanner.paused and rig.pauses == []


def test_a_late_press_chooses_its_stop_in_a_rebuilt_model() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.clock.run_until(1.6)  # turn_left lit from 1.5
    rebuilt = Rig(ids=("move_forward", "turn_left", "run"))
    rig.scanner.set_model(rebuilt.root)  # same ids, new targets: the highlight stays
    rig.scanner.handle(Action.SELECT, 1.4)  # pressed on move_forward, found again by its id
    assert rig.chosen == [] and rebuilt.chosen == ["move_forward"]

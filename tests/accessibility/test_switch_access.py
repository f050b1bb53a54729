"""SwitchAccess wiring: a profile's switches drive the scanner; commands bypass it."""
from __future__ import annotations

from accessibility.actions import Action, Command
from accessibility.clock import FakeClock
from accessibility.press_patterns import CHATTER, SwitchHand
from accessibility.profiles import edited, preset
from accessibility.scan_model import Group, Target
from accessibility.switch_access import SwitchAccess
from adapters.events import InputEvent


def model(chosen: list[str]) -> Group:
    return Group("root", "access.group.workspace", [
        Group("g", "access.group.palette",
              [Target(t, "access.scan.back", lambda t=t: chosen.append(t)) for t in "xyz"])])


def test_two_switches_step_and_choose_through_the_filter() -> None:
    clock, chosen = FakeClock(), []
    access = SwitchAccess(clock, preset("two_switch_step"), model(chosen))
    move = SwitchHand(clock, access.feed, "serial(microbit)", "a", CHATTER, seed=1)
    pick = SwitchHand(clock, access.feed, "serial(microbit)", "b", CHATTER, seed=2)
    for hand in (pick, move, pick):  # enter g, move to y, choose y
        hand.press()
        clock.advance(0.6)
    assert chosen == ["y"]


def test_commands_reach_the_presenter_and_touch_profiles_do_not_scan() -> None:
    clock, chosen, commands, actions = FakeClock(), [], [], []
    access = SwitchAccess(clock, preset("voice"), model(chosen), on_command=commands.append,
                          on_action=actions.append)
    for pressed in (True, False):
        access.feed(InputEvent("speech", "run", pressed, clock.now()))
    clock.advance(1)
    assert commands == [Command("run")]
    access.apply_profile(edited(preset("touch"), bindings={"kb:tab": "next"}))
    assert access.scanner is None
    for pressed in (True, False):
        access.feed(InputEvent("kb", "tab", pressed, clock.now()))
        clock.advance(0.2)
    assert actions == [Action.NEXT]


def test_a_new_profile_changes_speed_while_scanning() -> None:
    clock, chosen = FakeClock(), []
    access = SwitchAccess(clock, preset("single_switch_autoscan"), model(chosen))
    assert access.scanner is not None and access.scanner.settings.interval == 1.0
    access.apply_profile(edited(preset("single_switch_autoscan"), scan_interval=3))
    assert access.scanner.settings.interval == 3.0 and access.scanner.highlighted is not None


class Said:
    def __init__(self) -> None:
        self.keys: list[str] = []

    def cue(self, key, params=None, *, on_done=None) -> int:
        self.keys.append(key)
        return len(self.keys)


def test_the_pause_prompt_is_said_even_without_auditory_scanning() -> None:
    from accessibility.scanner import PAUSED_KEY

    clock, chosen, said = FakeClock(), [], Said()
    profile = edited(preset("single_switch_autoscan"), auditory_scanning=False, scan_loops=1)
    access = SwitchAccess(clock, profile, model(chosen), cues=said)
    assert said.keys == []  # no labels cued: this learner does not use auditory scanning
    clock.advance(30)
    assert access.scanner is not None and access.scanner.prompt == PAUSED_KEY
    assert said.keys == [PAUSED_KEY]


def test_a_press_delivered_late_chooses_what_was_lit_when_pressed() -> None:
    clock, chosen = FakeClock(), []
    profile = edited(preset("single_switch_autoscan"), auditory_scanning=False)
    access = SwitchAccess(clock, profile, model(chosen))
    assert access.scanner is not None
    access.feed(InputEvent("kb", "space", True, 0.0))  # enter g
    access.feed(InputEvent("kb", "space", False, 0.2))
    clock.run_until(1.0)
    assert access.scanner.highlighted.id == "x"
    # x lit 0.1-2.2: the first-item delay, after the post-acceptance delay from the release
    clock.run_until(2.3)
    assert access.scanner.highlighted.id == "y"
    access.feed(InputEvent("kb", "space", True, 1.9))  # pressed on x, processed on y
    access.feed(InputEvent("kb", "space", False, 2.1))
    clock.advance(1)
    assert chosen == ["x"]

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

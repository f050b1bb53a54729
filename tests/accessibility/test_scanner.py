"""The scanning engine on the fake clock: every mode, groups, loops, model changes, cues."""
from __future__ import annotations

from dataclasses import replace

import pytest

from accessibility.actions import Action, Command
from accessibility.clock import FakeClock
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scanner import BACK_ID, Scanner, ScanMode, ScanSettings
from accessibility.translator import Translator
from tests.support.narration_probes import TimedCues


class Rig:
    def __init__(self, settings: ScanSettings = ScanSettings(), root: Group | None = None,
                 clock: FakeClock | None = None, **kwargs: object) -> None:
        self.clock = clock or FakeClock()
        self.chosen: list[str] = []
        self.seen: list[tuple[float, str | None]] = []
        self.root = root or self.model()
        self.scanner = Scanner(self.clock, self.root, settings, **kwargs)  # type: ignore[arg-type]
        self.scanner.on_highlight(self._seen)

    def _seen(self, node: ScanNode | None) -> None:
        self.seen.append((round(self.clock.now(), 3), node.id if node else None))

    def target(self, tid: str, enabled: bool = True) -> Target:
        return Target(tid, "access.scan.back", lambda: self.chosen.append(tid), enabled=enabled)

    def model(self, skip: tuple[str, ...] = ()) -> Group:
        groups = {"a": ["a1", "a2", "a3"], "b": ["b1", "b2"], "c": ["c1"]}
        return Group("root", "access.group.program", [
            Group(g, "access.group.palette", [self.target(t) for t in ts if t not in skip])
            for g, ts in groups.items()])

    @property
    def at(self) -> str | None:
        node = self.scanner.highlighted
        return node.id if node else None

    def press(self, action: Action = Action.SELECT) -> None:
        self.scanner.handle(action)


def test_auto_scan_timing_first_item_delay_and_selection() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.clock.advance(5.5)
    assert rig.seen[:5] == [(0.0, "a"), (1.5, "b"), (2.5, "c"), (3.5, "a"), (5.0, "b")]
    rig.press()  # enter b
    assert rig.at == "b1"
    rig.clock.advance(1.5)
    assert rig.at == "b2"
    rig.press()
    assert rig.chosen == ["b2"] and rig.at == "a"  # restart at the top


def test_a_stop_lit_by_a_press_keeps_its_time_after_the_post_acceptance_delay() -> None:
    """The switch is locked for the filter's post-acceptance delay after a press: the stop
    the press lit keeps first_item_delay + interval after it, counted from the release too;
    stops the timer lights keep the plain interval."""
    rig = Rig(ScanSettings(post_acceptance=0.5))
    rig.scanner.start()
    assert rig.scanner.lit_until == 1.5  # no press yet: no lockout to wait out
    rig.clock.advance(5.5)
    rig.press()  # enter b at 5.5: locked until 6.0, then 0.5 + 1.0
    assert rig.at == "b1" and rig.scanner.lit_until == 7.5
    rig.clock.advance(2.5)
    assert rig.seen[-2:] == [(5.5, "b1"), (7.5, "b2")]  # b2 lit by the timer: 1 s
    assert rig.scanner.lit_until == 8.5
    rig.press()  # choose b2 at 8.0: "a" at the top, lit until 10.0 ...
    assert rig.chosen == ["b2"] and rig.scanner.lit_until == 10.0
    rig.clock.advance(0.3)
    rig.scanner.hold(Action.SELECT, False)  # ... but the switch is let go at 8.3
    assert rig.scanner.lit_until == 10.3
    rig.clock.advance(2.0)
    assert rig.seen[-2:] == [(8.0, "a"), (10.3, "b")]


def test_back_stop_and_group_exit_after_unanswered_loops() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.press()  # enter a
    assert [n.id for n in rig.scanner.items()] == ["a1", "a2", "a3", BACK_ID]
    rig.clock.advance(1.5 + 2 * 1.0 + 0.1)  # first delay + three moves
    assert rig.at == BACK_ID
    rig.press()
    assert rig.at == "a" and rig.scanner.group.id == "root"
    rig.press()
    # loops: 4 items, 3 loops -> exits by itself, back on the group it left
    rig.clock.advance(3 * (1.5 + 3 * 1.0) + 0.01)
    assert rig.scanner.group.id == "root" and rig.at == "a"
    assert rig.chosen == []


def test_pause_after_loops_and_the_resuming_press_chooses_nothing() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.clock.advance(100)
    assert rig.scanner.paused and rig.at is None and rig.scanner.stats.pauses == 1
    rig.press()
    assert rig.at == "a" and rig.chosen == []


def test_restart_in_the_same_group() -> None:
    rig = Rig(ScanSettings(restart="same_group"))
    rig.scanner.start()
    rig.press()
    rig.press()
    assert rig.chosen == ["a1"] and rig.scanner.group.id == "a" and rig.at == "a1"


def test_disabled_targets_and_empty_groups_are_skipped() -> None:
    rig = Rig()
    root = Group("root", "x", [Group("a", "x", [rig.target("a1", enabled=False)]),
                               Group("b", "x", [rig.target("b1"), rig.target("b2", False),
                                                rig.target("b3")])])
    rig.scanner.set_model(root)
    rig.scanner.start()
    assert rig.at == "b"
    rig.press()
    assert [n.id for n in rig.scanner.items()] == ["b1", "b3", BACK_ID]


def test_linear_scanning_flattens_the_groups() -> None:
    rig = Rig(ScanSettings(grouping="linear"))
    rig.scanner.start()
    assert [n.id for n in rig.scanner.items()] == ["a1", "a2", "a3", "b1", "b2", "c1"]
    rig.clock.advance(1.5 + 2.5)
    rig.press()
    assert rig.chosen == ["b1"]


def test_step_scan_next_previous_select() -> None:
    rig = Rig(ScanSettings(mode=ScanMode.STEP))
    rig.scanner.start()
    rig.clock.advance(30)
    assert rig.at == "a"  # no timer in step scan
    rig.press(Action.NEXT)
    rig.press(Action.SELECT)
    rig.press(Action.PREVIOUS)  # wraps to the back stop
    assert rig.at == BACK_ID
    rig.press(Action.PREVIOUS)
    rig.press(Action.SELECT)
    assert rig.chosen == ["b2"]


def test_dwell_selects_after_resting_but_never_right_after_a_restart() -> None:
    rig = Rig(ScanSettings(mode=ScanMode.STEP_DWELL, dwell=2.0))
    rig.scanner.start()
    assert rig.at is None
    rig.press(Action.NEXT)
    rig.clock.advance(1.0)
    rig.press(Action.NEXT)  # b, before the dwell
    rig.clock.advance(2.0)  # dwell on b: enter it
    assert rig.scanner.group.id == "b" and rig.at is None
    rig.press(Action.NEXT)
    rig.clock.advance(2.0)
    assert rig.chosen == ["b1"] and rig.at is None
    rig.clock.advance(20)
    assert rig.chosen == ["b1"]


def test_inverse_scan_hold_moves_release_chooses() -> None:
    rig = Rig(ScanSettings(mode=ScanMode.INVERSE, interval=1.0, first_item_delay=0.5))
    rig.scanner.start()
    rig.press(Action.SELECT)  # ignored in inverse mode: the hold signal drives it
    assert rig.at is None
    rig.scanner.hold(Action.SELECT, True)
    assert rig.at == "a"
    rig.clock.advance(1.6)
    assert rig.at == "b"
    rig.scanner.hold(Action.SELECT, False)
    assert rig.scanner.group.id == "b" and rig.at is None
    rig.scanner.hold(Action.SELECT, True)
    rig.clock.advance(1.6)
    rig.scanner.hold(Action.SELECT, False)
    assert rig.chosen == ["b2"]


def test_model_change_keeps_the_id_or_lands_on_a_neighbour() -> None:
    rig = Rig(ScanSettings(mode=ScanMode.STEP))
    rig.scanner.start()
    rig.press()
    rig.press(Action.NEXT)
    assert rig.at == "a2"
    rig.scanner.set_model(rig.model())
    assert rig.at == "a2"
    rig.scanner.set_model(rig.model(skip=("a2",)))
    assert rig.at == "a3"
    rig.scanner.set_model(rig.model(skip=("a2", "a3")))
    assert rig.at == "a1"
    rig.scanner.set_model(rig.model(skip=("a1", "a2", "a3")))
    assert rig.scanner.group.id == "root" and rig.at in {"b", "c"}


def test_focus_enters_a_group_opened_from_an_activation() -> None:
    rig = Rig(ScanSettings(mode=ScanMode.STEP))
    menu = Group("menu", "x", [rig.target("m1"), rig.target("m2")])

    def open_menu() -> None:
        root = rig.model()
        root.children.append(menu)
        rig.scanner.set_model(root, focus="menu")

    rig.root.children[2].children[0] = Target("c1", "x", open_menu)
    rig.scanner.start()
    rig.press(Action.NEXT)
    rig.press(Action.NEXT)
    rig.press()
    rig.press()
    assert rig.scanner.group.id == "menu" and rig.at == "m1"


def test_scan_speed_changes_while_scanning() -> None:
    rig = Rig(ScanSettings(first_item_delay=0))
    rig.scanner.start()
    rig.clock.advance(0.4)
    rig.scanner.set_interval(3.0)
    rig.clock.advance(2.0)
    assert rig.at == "a"
    rig.clock.advance(0.7)
    assert rig.at == "b"
    with pytest.raises(ValueError):
        rig.scanner.set_interval(0.2)


def test_commands_bypass_the_scan() -> None:
    got: list[Command] = []
    rig = Rig(on_command=got.append)
    rig.scanner.start()
    rig.scanner.handle(Command("run"))
    assert got == [Command("run")] and rig.at == "a"


def test_auditory_scanning_waits_for_a_long_cue() -> None:
    clock = FakeClock()
    cues = TimedCues(clock, Translator("en"), base=3.0)
    rig = Rig(ScanSettings(wait_for_cue=True, first_item_delay=0), clock=clock, cues=cues)
    rig.scanner.start()
    rig.clock.advance(2.0)
    assert rig.at == "a"  # interval over, cue still speaking
    rig.clock.advance(2.0)
    assert rig.at == "b"
    assert cues.spoken[:2] == ["Blocks", "Blocks"]
    no_wait = Rig(ScanSettings(first_item_delay=0), cues=TimedCues(FakeClock(), Translator("en")))
    no_wait.scanner.start()
    no_wait.clock.advance(1.0)
    assert no_wait.at == "b"


def test_settings_mode_change_restarts() -> None:
    rig = Rig()
    rig.scanner.start()
    rig.clock.advance(2)
    rig.scanner.set_settings(replace(rig.scanner.settings, mode=ScanMode.STEP))
    assert rig.at == "a"
    rig.clock.advance(10)
    assert rig.at == "a"

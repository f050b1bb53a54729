"""SwitchFilter on the fake clock: chatter, acceptance, post-acceptance, release, long hold."""
from __future__ import annotations

from accessibility.actions import Action, Command, Intent
from accessibility.clock import FakeClock
from accessibility.switch_filter import FilterTiming, SwitchFilter, parse_intent
from adapters.events import InputEvent


class Rig:
    def __init__(self, timing: FilterTiming, bindings: dict[str, Intent] | None = None) -> None:
        self.clock = FakeClock(100.0)
        self.intents: list[tuple[float, Intent]] = []
        self.holds: list[tuple[float, bool]] = []
        self.filter = SwitchFilter(
            self.clock, bindings or {"kb:space": Action.SELECT, "kb:return": Action.NEXT},
            timing,
            on_intent=lambda i, _t: self.intents.append((round(self.clock.now() - 100, 3), i)),
            on_hold=lambda _i, held: self.holds.append((round(self.clock.now() - 100, 3), held)),
        )

    def at(self, t: float, pressed: bool, control: str = "space", source: str = "kb") -> None:
        self.clock.run_until(100 + t)
        self.filter.feed(InputEvent(source, control, pressed, self.clock.now()))

    def settle(self) -> None:
        self.clock.advance(10)


T = FilterTiming(debounce=0.03, acceptance=0.1, post_acceptance=0.5)


def test_a_clean_press_selects_once_when_accepted() -> None:
    rig = Rig(T)
    rig.at(0, True)
    rig.at(0.3, False)
    rig.settle()
    assert rig.intents == [(0.1, Action.SELECT)]
    assert rig.holds == [(0.1, True), (0.33, False)]


def test_a_press_shorter_than_acceptance_is_ignored() -> None:
    rig = Rig(T)
    rig.at(0, True)
    rig.at(0.08, False)
    rig.settle()
    assert rig.intents == [] and rig.filter.stats.too_short == 1


def test_contact_chatter_is_merged_into_one_press() -> None:
    rig = Rig(T)
    for t, pressed in [(0, True), (0.004, False), (0.006, True), (0.011, False), (0.013, True),
                       (0.3, False), (0.305, True), (0.309, False)]:
        rig.at(t, pressed)
    rig.settle()
    assert [i for _, i in rig.intents] == [Action.SELECT]
    assert rig.filter.stats.presses == 1


def test_without_debounce_chatter_would_count_as_separate_presses() -> None:
    rig = Rig(FilterTiming(debounce=0, acceptance=0, post_acceptance=0))
    for t, pressed in [(0, True), (0.004, False), (0.006, True), (0.011, False)]:
        rig.at(t, pressed)
    rig.settle()
    assert len(rig.intents) == 2  # the check above can fail


def test_presses_inside_the_post_acceptance_delay_are_ignored() -> None:
    rig = Rig(T)
    rig.at(0, True)
    rig.at(0.2, False)
    rig.at(0.4, True, "return")  # other switch, still inside the delay (from release 0.23)
    rig.at(0.6, False, "return")
    rig.at(0.8, True)  # after 0.23 + 0.5
    rig.at(1.0, False)
    rig.settle()
    assert rig.intents == [(0.1, Action.SELECT), (0.9, Action.SELECT)]
    assert rig.filter.stats.locked_out == 1


def test_accept_on_release() -> None:
    rig = Rig(FilterTiming(debounce=0.03, acceptance=0.1, post_acceptance=0.5, accept_on="release"))
    rig.at(0, True)
    rig.at(0.5, False)
    rig.settle()
    assert rig.intents == [(0.53, Action.SELECT)]


def test_long_hold_gives_its_action_and_a_short_press_its_own() -> None:
    rig = Rig(FilterTiming(debounce=0.03, acceptance=0.1, post_acceptance=0.3, long_hold=1.5,
                           long_hold_action=Action.BACK))
    rig.at(0, True)
    rig.at(2.0, False)
    rig.at(3, True)
    rig.at(3.4, False)
    rig.settle()
    assert rig.intents == [(1.5, Action.BACK), (3.43, Action.SELECT)]


def test_keyboard_auto_repeat_is_ignored() -> None:
    rig = Rig(T)
    rig.at(0, True)
    for k in range(1, 30):
        rig.at(0.5 + k * 0.033, True)
    rig.at(2, False)
    rig.settle()
    assert [i for _, i in rig.intents] == [Action.SELECT]
    assert rig.filter.stats.repeats_ignored == 29


def test_unbound_controls_and_commands() -> None:
    rig = Rig(T, {"speech:run": Command("run"), "kb:space": Action.SELECT})
    rig.at(0, True, "x")
    rig.at(0.2, False, "x")
    rig.at(1, True, "run", "speech")
    rig.at(1.2, False, "run", "speech")
    rig.settle()
    assert [i for _, i in rig.intents] == [Command("run")]
    assert rig.filter.stats.unbound == 2


def test_parse_intent() -> None:
    assert parse_intent("back") is Action.BACK
    assert parse_intent("add:move_forward") == Command("add:move_forward")


class LateRig(Rig):
    """Events keep the time they happened but reach the filter in one late batch."""

    def __init__(self, timing: FilterTiming) -> None:
        super().__init__(timing)
        self.times: list[float] = []
        self.filter._on_intent = lambda i, t: (self.intents.append(
            (round(self.clock.now() - 100, 3), i)), self.times.append(round(t - 100, 3)))

    def batch(self, at: float, edges: list[tuple[float, bool]]) -> None:
        self.clock.run_until(100 + at)
        for t, pressed in edges:
            self.filter.feed(InputEvent("kb", "space", pressed, 100 + t))


def test_a_whole_press_delivered_late_still_counts_with_its_press_time() -> None:
    rig = LateRig(T)
    rig.batch(0.6, [(0.0, True), (0.25, False)])  # a loaded frame: both edges at once
    rig.settle()
    assert [i for _, i in rig.intents] == [Action.SELECT]
    assert rig.times == [0.0]  # the scanner is told when the switch went down


def test_acceptance_is_measured_from_the_press_not_from_processing() -> None:
    rig = LateRig(T)
    rig.batch(0.5, [(0.0, True), (0.08, False)])  # shorter than the acceptance time
    rig.settle()
    assert rig.intents == [] and rig.filter.stats.too_short == 1


def test_post_acceptance_runs_from_the_press_times_when_delivered_late() -> None:
    rig = LateRig(T)
    # accepted at 0.1, locked until 0.6: the second press at 0.4 is a double hit, the third
    # at 0.9 a new press — though all arrive together at 1.5
    rig.batch(1.5, [(0.0, True), (0.2, False), (0.4, True), (0.5, False), (0.9, True),
                    (1.1, False)])
    rig.settle()
    assert rig.times == [0.0, 0.9] and rig.filter.stats.locked_out == 1


def test_a_long_hold_delivered_late_is_still_a_long_hold() -> None:
    timing = FilterTiming(debounce=0.03, acceptance=0.1, post_acceptance=0.3, long_hold=1.0,
                          long_hold_action=Action.BACK)
    rig = LateRig(timing)
    rig.batch(2.0, [(0.0, True), (1.4, False)])
    rig.settle()
    assert [i for _, i in rig.intents] == [Action.BACK] and rig.times == [0.0]

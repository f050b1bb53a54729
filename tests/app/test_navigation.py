"""The screen stack: a screen pushed over another gives it back as it was, and a screen
no longer shown cannot change the model the learner scans."""
from __future__ import annotations

from accessibility.clock import FakeClock
from accessibility.presenters.base import ScreenPresenter
from accessibility.profiles import preset
from accessibility.scan_model import Group, Target
from accessibility.switch_access import SwitchAccess
from app.navigation import Navigator


class Screen(ScreenPresenter):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.chosen = 0

    def model(self) -> Group:
        return Group(self.name, "app.group.learners",
                     [Target(f"{self.name}:go", "app.map.next", self.choose)])

    def choose(self) -> None:
        self.chosen += 1


def navigator() -> Navigator:
    empty = Group("empty", "app.group.learners", [])
    return Navigator(SwitchAccess(FakeClock(), preset("touch"), empty), empty)


def test_a_pushed_screen_gives_back_the_one_below() -> None:
    nav = navigator()
    shown: list[str] = []
    nav.screen_changed.connect(shown.append)
    settings, training = Screen("settings"), Screen("training")
    nav.show("settings", settings)
    nav.push("training", training)
    assert nav.screen == "training" and nav.activate("training:go") and training.chosen == 1
    below = nav.pop()
    assert below is not None and below.presenter is settings
    assert nav.screen == "settings" and nav.model.id == "settings"
    assert nav.pop() is None  # nothing below the settings: the caller chooses
    assert shown == ["settings", "training", "settings"]


def test_show_clears_the_stack_and_a_hidden_screen_cannot_change_the_model() -> None:
    nav = navigator()
    first, second = Screen("first"), Screen("second")
    nav.show("first", first)
    nav.push("second", Screen("over"))
    nav.show("second", second)
    assert nav.pop() is None
    first.refresh()  # a screen left behind publishes (a timer, guided mode...)
    assert nav.model.id == "second"
    assert not nav.activate("first:go") and first.chosen == 0

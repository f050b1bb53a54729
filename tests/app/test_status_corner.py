"""A calm child's screen: devices and sound only in the teacher's corner (a plug with a dot,
a tap opens the list), a notice shown for a moment, a lost switch said once."""
from __future__ import annotations

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from accessibility.message import Message
from accessibility.profiles import preset
from accessibility.translator import Translator
from adapters.events import AdapterStatus, StatusKind
from tests.support.driver import RunningApp, prepare_learner
from app.options import Options
from app.ui import status_corner
from app.status_view import status_view
from app.ui.status_corner import StatusList

pytestmark = [pytest.mark.app]

SOUND_OFF = Message("app.status.speech_off")
NO_BOX = Message("app.status.no_switch_box")
KEYS = Message("adapters.keyboard.ready", {"keys": "space"})
EXPORTED = Message("app.settings.exported", {"file": "a.csv", "count": 2})


def test_a_notice_is_news_and_a_missing_box_needs_the_teacher() -> None:
    calm = status_view([SOUND_OFF, KEYS], [KEYS])
    assert calm.notices == () and not calm.attention  # sound off was chosen, keys work
    busy = status_view([EXPORTED, SOUND_OFF, NO_BOX, KEYS], [NO_BOX, KEYS])
    assert busy.notices == (EXPORTED,) and busy.attention


def tap(widget) -> None:
    x, y = widget.to_window(*widget.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()


def visible_texts(running: RunningApp) -> str:
    return "\n".join(str(getattr(w, "text", "")) for w in running.app.root_view.walk())


@pytest.fixture
def running(tmp_path, monkeypatch):
    monkeypatch.setattr(status_corner, "NOTICE_SECONDS", 0.4)
    prepare_learner(tmp_path, preset("single_switch_autoscan"))
    app = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False))
    try:
        yield app
    finally:
        app.close()


def test_the_child_sees_no_device_line_and_the_teacher_finds_them_in_the_corner(
        running) -> None:
    """A one-switch learner with no switch box: the line that said so at the top of every
    screen is now in the corner's list, with a dot on the plug."""
    t = Translator("en").t
    no_box = t("app.status.no_switch_box")
    running.controller.choose_learner(running.controller.store.learners()[0].id)
    running.settle()
    assert no_box in running.app.status_bar.lines()
    assert no_box not in visible_texts(running)  # the child's screen is calm
    assert running.app.status_corner.attention
    tap(running.app.status_corner)  # a switch learner: the tap still opens the list
    running.wait(0.3)  # the popup fades in (a Close during that fade is lost)
    popups = [w for w in Window.children if isinstance(w, StatusList)]
    assert len(popups) == 1
    texts = "\n".join(str(getattr(w, "text", "")) for w in popups[0].walk())
    assert no_box in texts and t("app.status.speech_off") in texts
    tap(popups[0].close_button)
    running.wait(0.5)  # the popup fades out
    assert not [w for w in Window.children if isinstance(w, StatusList)]


def test_a_notice_shows_for_a_moment_then_only_in_the_list(running) -> None:
    controller = running.controller
    controller.notice("app.settings.exported", {"file": "progress.csv", "count": 3})
    running.frames(2)
    notice = running.app.root_view.ids.notice
    exported = Translator("en").t("app.settings.exported", file="progress.csv", count=3)
    assert notice.text == exported
    assert running.wait_for(lambda: notice.text == "", 5.0)
    assert exported in running.app.status_bar.lines()  # the teacher can still read it


def test_a_lost_switch_is_said_once_not_written(running) -> None:
    controller = running.controller
    controller.choose_learner(controller.store.learners()[0].id)
    running.settle()
    lost = AdapterStatus("evdev", StatusKind.LOST, "adapters.evdev.lost", {"device": "Jelly"})
    said = []
    controller.narrator.on_caption(lambda caption: said.append(caption.text))
    for _ in range(2):
        controller.handle(lost)  # as the hub's drain hands it over, twice
        running.frames(3)
    text = Translator("en").t("adapters.evdev.lost", device="Jelly")
    assert said.count(text) == 1
    assert text not in visible_texts(running)  # not in the caption bar either
    assert text in running.app.status_bar.lines()
    assert running.app.status_corner.attention


def test_the_caption_bar_never_shows_a_device_status_yet_it_is_said_once(
        tmp_path, monkeypatch) -> None:
    """Issue 20: a one-switch learner with no switch box plays a level; the bar at the bottom
    is the child's (the item lit, the outcome, hints) and never shows the device line that
    the narrator says once and the teacher's corner lists."""
    from app.kivy_app import CitizenCodeApp

    said, shown = [], []
    listen = CitizenCodeApp._listen

    def recording(app) -> None:  # from the first frame, before any status can arrive
        listen(app)
        app.services.narrator.on_caption(lambda caption: said.append(caption.text))
        app.root_view.ids.caption.bind(text=lambda _label, text: shown.append(text))

    monkeypatch.setattr(CitizenCodeApp, "_listen", recording)
    prepare_learner(tmp_path, preset("single_switch_autoscan"))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False))
    try:
        controller = running.controller
        no_box = Translator("en").t("app.status.no_switch_box")
        assert running.wait_for(lambda: no_box in said, 10.0)
        controller.choose_learner(controller.store.learners()[0].id)
        running.settle()
        controller.open_level("junior_01")
        running.settle()
        running.wait(1.5)  # the light moves on: scan labels reach the bar
        assert controller.screen == "workspace"
        assert shown, "the caption bar showed nothing at all"
        assert not [text for text in shown if no_box in text]
        assert said.count(no_box) == 1
        assert no_box in running.app.status_bar.lines()
        assert running.app.status_corner.attention
    finally:
        running.close()

"""The teacher sets up class sync in the real window: taps the "Class sync" page open, types
the address, user name and password into the real text fields (Kivy's keyboard events, the
path SDL2's typed text takes), tests the connection, turns sending on, and a result reaches
a real Ralph LRS on 127.0.0.1. The password is masked, never shown back, and never in the
progress file."""
from __future__ import annotations

from pathlib import Path

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from accessibility.profiles import preset
from app.options import Options
from app.services import DATABASE_NAME
from app.storage import secrets
from app.sync import outbox
from app.sync.record import Played, queue_attempt
from tests.app.ralph_lrs import PASSWORD, USERNAME, Ralph
from tests.support.driver import RunningApp, prepare_learner

pytestmark = [pytest.mark.app]
pytest.importorskip("ralph")
ENTER = 13


def tap(running: RunningApp, target_id: str) -> None:
    """Scrolled into sight first, as the teacher's finger would, then tapped."""
    running.settle()
    widget = running.app.highlighter.widgets[target_id]
    running.app.screens[running.controller.screen].ids.body.parent.scroll_to(
        widget, animate=False)
    running.frames(3)
    running.touch(target_id)


def type_into(running: RunningApp, field, text: str) -> None:
    """A tap on the field (the keyboard opens), then the text as the keyboard sends it."""
    field.parent.parent.parent.scroll_to(field, animate=False)  # row, body, scroll view
    running.frames(3)
    x, y = field.to_window(*field.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()
    running.frames(3)
    assert field.focus
    Window.dispatch("on_textinput", text)
    running.frames(2)


def test_the_teacher_types_the_lrs_address_and_a_result_arrives(tmp_path: Path,
                                                                ralph: Ralph) -> None:
    data = tmp_path / "data"
    prepare_learner(data, preset("touch"), name="Zoë")
    running = RunningApp(data, Options(data_dir=data, locale="fr", speech=False,
                                       voice_input=False))
    try:
        controller = running.controller
        controller.open_settings()
        running.touch("section:player")
        running.touch("settings:sync")
        assert controller.screen == "sync"
        running.settle()
        fields = running.app.screens["sync"].fields
        assert fields["password"].password  # masked

        type_into(running, fields["endpoint"], "lrs.ecole.example")  # no https://
        Window.dispatch("on_key_down", ENTER, 0, None, [])  # Enter: on to the user name
        running.frames(3)
        assert fields["username"].focus
        Window.dispatch("on_textinput", USERNAME)
        Window.dispatch("on_key_down", ENTER, 0, None, [])
        running.frames(3)
        assert fields["password"].focus
        Window.dispatch("on_textinput", PASSWORD)
        running.frames(2)
        assert fields["password"].text == PASSWORD  # drawn as dots, held for the save

        tap(running, "sync:save")  # said what to do, nothing kept
        assert running.wait_for(lambda: "https://" in running.app.root_view.ids.notice.text,
                                30.0)  # a tap in a scroll view lands after its timeout
        assert not controller.store.run_write(outbox.load_config).endpoint
        type_into(running, fields["endpoint"], "")
        Window.dispatch("on_key_down", ord("a"), 0, "a", ["ctrl"])  # select all, retype
        Window.dispatch("on_textinput", ralph.endpoint)
        running.frames(2)
        assert fields["endpoint"].text == ralph.endpoint

        tap(running, "sync:check")
        assert running.wait_for(lambda: controller.presenter.checked == "reached", 30.0)
        assert controller.store.run_write(outbox.load_config).endpoint == ""  # tested only

        tap(running, "sync:toggle")
        assert running.wait_for(lambda: controller.presenter.sync.form.enabled, 30.0)
        config = controller.store.run_write(outbox.load_config)
        assert (config.ready, config.endpoint, config.username, config.password) == (
            True, ralph.endpoint, USERNAME, PASSWORD)
        assert fields["password"].text == ""  # saved: never shown back
        learner = controller.store.learners()[0]
        queue_attempt(controller.store, Played(learner.id, "junior_01", "Premier pas", "fr"),
                      number=1, solved=True, stars=3, blocks=3, seconds=5.0)
        tap(running, "sync:send_now")
        assert running.wait_for(lambda: len(ralph.statements()) == 2, 30.0)
        assert running.wait_for(lambda: "En attente d'envoi : 0" in "".join(
            w.text for w in running.app.screens["sync"].walk() if hasattr(w, "text")), 30.0)
    finally:
        running.close()
    progress = data / DATABASE_NAME
    found = b"".join(p.read_bytes() for p in data.glob(DATABASE_NAME + "*"))
    assert progress.exists() and PASSWORD.encode() not in found
    assert (data / secrets.FILE_NAME).read_text(encoding="utf-8") == PASSWORD

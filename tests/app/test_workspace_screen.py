"""Issue 19 on the real screen: every Back stop drawn and lit, menus and dialogs that close
(Cancel, a tap outside, Escape) and leave the world in sight, Run that becomes Stop."""
from __future__ import annotations

from pathlib import Path

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from accessibility.actions import Action, Command
from accessibility.presenters.workspace_presenter import (CANCEL_ID, MENU_ID, PARAM_ID,
                                                          PROGRAM_ID, RUN_ID, block_id)
from accessibility.scanner import BACK_ID
from app.controller import WORKSPACE
from app.ui.widgets import back_id
from tests.app.kivy_harness import RunningApp, fast, prepare_learner

pytestmark = [pytest.mark.app]


def open_level(running: RunningApp, level_id: str) -> None:
    controller = running.controller
    running.settle()
    if controller.learner is None:
        controller.activate(controller.model.children[0].id)  # the teacher starts the session
    controller.store.save_draft(controller.learner.id, level_id, [])  # from the start again
    controller.open_level(level_id)
    assert running.wait_for(lambda: controller.screen == WORKSPACE)
    running.settle()


@pytest.fixture
def scanning(tmp_path: Path):
    prepare_learner(tmp_path, fast("two_switch_step"))
    running = RunningApp(tmp_path)
    open_level(running, "junior_09")
    yield running
    running.close()


@pytest.fixture(scope="module")
def touch_app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("touch"))
    yield running
    running.close()


@pytest.fixture
def touching(touch_app: RunningApp):
    open_level(touch_app, "junior_09")  # a fresh level for each test, one window
    return touch_app


def on_screen(widget) -> bool:
    x, y = widget.to_window(widget.x, widget.y)
    return widget.width > 0 and widget.height > 0 and widget.opacity > 0 \
        and 0 <= x < Window.width and 0 <= y < Window.height


def test_every_groups_back_stop_is_a_button_lit_like_any_target(scanning) -> None:
    controller = scanning.controller
    scanner = controller.access.scanner
    for group in ("palette", PROGRAM_ID, "controls"):
        controller.access.set_model(controller.model, focus=group)
        for _ in range(30):
            if scanner.highlighted is not None and scanner.highlighted.id == BACK_ID:
                break
            scanner.handle(Action.NEXT)
        assert scanner.highlighted.id == BACK_ID and scanner.group.id == group
        scanning.frames(2)
        widget = scanning.app.highlighter.widgets[back_id(group)]
        assert widget.highlighted and on_screen(widget), group
        assert "Back" in widget.text
        lit = [w for w in scanning.app.highlighter.widgets.values() if w.highlighted]
        assert lit == [widget]  # one clear highlight


def test_a_hint_rings_its_squares_and_marks_its_block(touching) -> None:
    controller = touching.controller
    touching.touch("control:hint")
    screen = touching.app.screens[WORKSPACE]
    level = controller.session.level
    assert level.world.goal in screen.world_view.marks
    missing = controller.session.hint_marks().block
    assert missing == "repeat"  # the solution starts with a loop
    assert touching.app.highlighter.widgets["palette:repeat"].hinted
    assert not touching.app.highlighter.widgets["palette:move_forward"].hinted
    controller.command(Command("add:move_forward"))
    touching.frames(2)
    assert not screen.world_view.marks


def test_a_tap_on_a_control_arrives_after_another_level(touching) -> None:
    """The window is small (under 560 high: the controls four to a row). The hidden Python
    pane of a block track used to stay in the tree, disabled: Kivy lets a disabled widget
    swallow a touch, and its invisible "Use my Python" row lay over the lower controls once
    a second level had laid them out in two rows. A child's tap on Hint went nowhere."""
    open_level(touching, "junior_03")
    open_level(touching, "junior_09")
    touching.touch("control:hint")
    assert touching.app.screens[WORKSPACE].world_view.marks


def test_a_touch_learner_sees_no_back_stops(touching) -> None:
    assert not [key for key in touching.app.highlighter.widgets if key.startswith(BACK_ID)]


def open_dialog(running: RunningApp, which: str) -> None:
    controller = running.controller
    if which == PARAM_ID:
        running.touch("palette:repeat")
    else:
        running.touch("palette:move_forward")
        running.touch(block_id(controller.session.editor.blocks()[-1].uid))
    assert running.wait_for(lambda: controller.model.find_group(which) is not None, 5.0)
    running.frames(2)


@pytest.mark.parametrize("which,how", [(PARAM_ID, "cancel"), (MENU_ID, "cancel"),
                                       (PARAM_ID, "outside"), (MENU_ID, "escape")])
def test_menus_and_dialogs_close_and_leave_the_world_in_sight(touching, which, how) -> None:
    controller = touching.controller
    open_dialog(touching, which)
    before = [b.kind for b in controller.session.editor.blocks()]
    panel = touching.app.highlighter.widgets[which]
    world = touching.app.screens[WORKSPACE].world_view
    assert panel.to_window(panel.right, 0)[0] <= world.to_window(world.x, 0)[0]
    if how == "cancel":
        touching.touch(CANCEL_ID)
    elif how == "outside":
        x, y = world.to_window(*world.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()
        touching.frames(2)
    else:
        Window.dispatch("on_key_down", 27, 0, None, [])
        touching.frames(2)
    assert controller.model.find_group(which) is None
    assert not touching.app.screens[WORKSPACE].ids.overlay.children
    assert [b.kind for b in controller.session.editor.blocks()] == before


def test_run_becomes_stop_while_running(touching) -> None:
    controller = touching.controller
    controller.session.step_time = 60.0  # the run stays on its first step, however busy the machine
    for _ in range(3):
        controller.command(Command("add:move_forward"))
    touching.touch(RUN_ID)
    assert controller.session.running
    touching.frames(2)
    assert touching.app.highlighter.widgets[RUN_ID].text == "Stop"
    touching.touch(RUN_ID)
    assert not controller.session.running
    touching.frames(2)
    assert touching.app.highlighter.widgets[RUN_ID].text == "Run"

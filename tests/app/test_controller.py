"""The app without a window: screens, input through the learner's access, saved progress."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accessibility.actions import Command
from accessibility.clock import FakeClock
from accessibility.narrator import Narrator
from accessibility.profiles import edited, preset, profile_to_dict
from accessibility.speech_output import RecordingServer
from accessibility.translator import Translator
from adapters.events import AdapterStatus, InputEvent, StatusKind
from adapters.hub import InputHub
from accessibility.message import Message
from app.controller import COMPLETE, LEARNERS, MAP, SETTINGS, WORKSPACE, AppController
from app.devices import NOTICE_SECONDS
from app.options import Options
from app.services import Services
from app.storage.store import ProgressStore
from levels.packs import load_packs

PACKS = load_packs()


def make_app(tmp_path: Path, options: Options = Options(voice_input=False)):
    translator = Translator("en")
    server = RecordingServer()
    narrator = Narrator(translator, server)
    services = Services(options, translator, narrator, InputHub(),
                        ProgressStore(tmp_path / "progress.sqlite3"), PACKS, tmp_path)
    clock = FakeClock()
    controller = AppController(services, clock)
    controller.start()
    return controller, clock, server


@pytest.fixture
def app(tmp_path: Path):
    controller, clock, server = make_app(tmp_path)
    yield controller, clock, server
    controller.services.close()


def pump(controller: AppController, clock: FakeClock, seconds: float) -> None:
    """Let time pass as the app's frames would: narrator callbacks, then timers."""
    for _ in range(int(seconds / 0.05)):
        controller.narrator.wait_idle(2.0)
        controller.narrator.pump()
        clock.advance(0.05)
    controller.narrator.wait_idle(2.0)
    controller.narrator.pump()


def test_first_start_offers_a_player_and_leads_to_the_map(app) -> None:
    controller, clock, server = app
    assert controller.screen == LEARNERS
    [card] = controller.model.children
    assert controller.activate(card.id)
    assert controller.screen == MAP
    levels = controller.model.children[0]
    assert levels.children[0].id == "level:junior_first_01"  # the next level comes first


def test_touch_builds_runs_and_completes_a_level_and_saves_it(app) -> None:
    controller, clock, server = app
    controller.activate(controller.model.children[0].id)
    controller.activate("level:junior_01")
    assert controller.screen == WORKSPACE
    for _ in range(3):
        assert controller.activate("palette:move_forward")
    assert controller.activate("control:run")
    pump(controller, clock, 6.0)
    assert controller.screen == COMPLETE
    progress = controller.store.progress(controller.learner.id)["junior_01"]
    assert progress.solved and progress.stars == 3 and progress.attempts == 1
    assert "One step forward." in server.texts()
    controller.activate("complete:next")
    assert controller.screen == WORKSPACE and controller.session.level.id == "junior_02"


def test_the_unfinished_program_is_kept_for_next_time(app) -> None:
    controller, clock, server = app
    controller.activate(controller.model.children[0].id)
    controller.activate("level:junior_03")
    controller.command(Command("add:move_forward"))
    controller.command(Command("add:turn_left"))
    controller.show_map()
    controller.activate("level:junior_03")
    assert [b.kind for b in controller.session.editor.blocks()] == ["move_forward", "turn_left"]


def test_a_two_switch_learner_works_through_the_hub_events(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    controller.store.update_learner(replace(learner,
                                            profile=profile_to_dict(preset("two_switch_step"))))
    controller.activate(controller.model.children[0].id)  # the teacher starts the session
    t = 0.0

    # switch boxes are listened to: micro:bit/Arduino and USB interfaces/foot switches
    assert {"serial(auto)", "evdev(auto)"} <= set(controller.services.hub.statuses())
    presses = iter(["kb", "evdev(foot_switch)", "serial(microbit)", "evdev(switch_interface_keys)"])

    def press(control: str) -> None:
        """The space bar (Enter) or switch 1 (2) of each kind of box in turn."""
        nonlocal t
        source = next(presses, "kb")
        if source == "serial(microbit)":  # its jacks: P0 is switch 1, P1 switch 2
            control = {"space": "p0", "return": "p1"}[control]
        before = (controller.screen, scanner.highlighted)
        for pressed in (True, False):
            clock.advance(0.15)
            t = clock.now()
            controller.handle(InputEvent(source, control, pressed, t))
        clock.advance(0.4)
        assert (controller.screen, controller.access.scanner.highlighted) != before, source

    scanner = controller.access.scanner
    assert scanner is not None
    # step to the first level tile: NEXT until it is highlighted, then SELECT
    for _ in range(20):
        node = scanner.highlighted
        if node is not None and node.id == "level:junior_01":
            break
        if node is not None and node.id == "levels":
            press("return")
            continue
        press("space")
    press("return")
    assert controller.screen == WORKSPACE


def test_a_joystick_mode_box_chosen_at_start_steps_like_the_space_bar(tmp_path: Path) -> None:
    controller, clock, server = make_app(
        tmp_path, Options(voice_input=False, switch_device="Generic USB Joystick"))
    try:
        learner = controller.store.learners()[0]
        controller.store.update_learner(
            replace(learner, profile=profile_to_dict(preset("two_switch_step"))))
        controller.activate(controller.model.children[0].id)
        chosen = controller.services.hub.adapter("evdev(Generic USB Joystick)")
        assert chosen is not None and chosen.source == "evdev(switch_interface_joystick)"
        scanner = controller.access.scanner
        before = scanner.highlighted
        for pressed in (True, False):  # button 0 is switch 1 of a joystick-mode box
            clock.advance(0.15)
            controller.handle(InputEvent("evdev(switch_interface_joystick)", "btn_0",
                                         pressed, clock.now()))
        clock.advance(0.4)
        assert controller.access.scanner.highlighted != before
    finally:
        controller.services.close()


def test_status_changes_are_shown_and_said_without_cutting_in(app) -> None:
    controller, clock, server = app
    redrawn = []
    controller.listeners.status_line.connect(lambda: redrawn.append(controller.status_line()))
    controller.handle(AdapterStatus("serial(auto)", StatusKind.LOST,
                                    "adapters.serial.lost", {"device": "micro:bit"}))
    controller.narrator.wait_idle(2.0)
    assert redrawn and Message("adapters.serial.lost", {"device": "micro:bit"}) in redrawn[-1]
    assert any("switch box was unplugged" in text for text in server.texts())


def test_no_switch_box_found_is_said_and_shown_once_for_all_boxes(app) -> None:
    controller, clock, server = app
    for adapter, key in (("serial(auto)", "adapters.serial.searching"),
                         ("evdev(auto)", "adapters.evdev.searching")):
        controller.handle(AdapterStatus(adapter, StatusKind.LOST, key, {}))
    controller.narrator.wait_idle(2.0)
    said = [text for text in server.texts() if "No switch box found" in text]
    assert said == ["No switch box found. Plug in a USB switch interface, a foot switch, "
                    "a micro:bit or an Arduino; it will connect by itself."]
    assert controller.shown_statuses() == [Message("app.status.no_switch_box")]
    controller.handle(AdapterStatus("evdev(auto)", StatusKind.CONNECTED,
                                    "adapters.evdev.connected", {"device": "USB foot switch"}))
    # a switch is here: the micro:bit still looked for is not worth a word
    assert controller.shown_statuses() == [Message("adapters.evdev.connected",
                                                   {"device": "USB foot switch"})]
    controller.narrator.wait_idle(2.0)
    assert any("The switch USB foot switch is ready." in text for text in server.texts())


def test_settings_change_language_live_and_cancel_restores_it(app) -> None:
    controller, clock, server = app
    controller.activate(controller.model.children[0].id)
    controller.open_settings()
    assert controller.screen == SETTINGS
    controller.activate("locale:fr")
    assert controller.translator.locale == "fr"
    controller.activate("settings:cancel")
    assert controller.translator.locale == "en" and controller.screen == MAP
    controller.open_settings()
    controller.activate("locale:de")
    controller.activate("preset:two_switch_step")
    controller.activate("settings:save")
    assert controller.learner.locale == "de"
    assert controller.store.learner(controller.learner.id).profile["name"] == "two_switch_step"
    assert controller.access.scanner is not None


def test_guided_mode_offers_few_choices_and_builds_the_program(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    profile = edited(preset("touch"), guided_mode=True)
    controller.store.update_learner(replace(learner, profile=profile_to_dict(profile)))
    controller.activate(controller.model.children[0].id)
    controller.activate("level:junior_02")
    session = controller.session
    assert session.guided is not None
    guided = controller.model.children[0]
    assert guided.id == "guided" and len(guided.children) <= 4  # right one, distractors, again
    for _ in range(5):
        right = session.guided.state.step.block
        assert controller.activate(f"guided:block:{right}")
    assert [b.kind for b in session.editor.blocks()] == [
        "move_forward", "move_forward", "turn_right", "move_forward", "move_forward"]
    assert [g.id for g in controller.model.children] == ["palette", "control:run", "program",
                                                        "controls"]
    saved = controller.store.independence(learner.id, "junior_02")
    assert saved is not None and "start" in saved


def test_choosing_the_voice_way_of_playing_suggests_voice_training_once(tmp_path: Path) -> None:
    controller, clock, server = make_app(tmp_path, Options(voice_input=True))
    try:
        controller.activate(controller.model.children[0].id)
        name = controller.learner.name
        suggestion = Translator("en").t("voice.training.suggested", name=name)
        controller.open_settings()
        controller.activate("preset:voice")
        controller.activate("settings:save")
        controller.narrator.wait_idle(2.0)
        assert server.texts().count(suggestion) == 1
        assert Message("voice.training.suggested", {"name": name}) in controller.status_line()
        # saved again, still by voice: the teacher was told, and not told again
        controller.open_settings()
        controller.activate("settings:save")
        controller.narrator.wait_idle(2.0)
        assert server.texts().count(suggestion) == 1
        # in French the bundled model cannot be trained: nothing to suggest
        controller.open_settings()
        controller.activate("preset:touch")
        controller.activate("settings:save")
        controller.open_settings()
        controller.activate("locale:fr")
        controller.activate("preset:voice")
        controller.activate("settings:save")
        controller.narrator.wait_idle(2.0)
        assert Translator("fr").t("voice.training.suggested", name=name) not in server.texts()
        assert server.texts().count(suggestion) == 1
    finally:
        controller.services.close()


def test_a_notice_outlasts_a_status_change_then_leaves_the_status_line(app) -> None:
    controller, clock, server = app
    notice = Message("app.settings.exported", {"file": "progress.csv", "count": 3})
    controller.notice(notice.key, dict(notice.params))
    lost = AdapterStatus("serial(auto)", StatusKind.LOST, "adapters.serial.lost", {})
    controller.handle(lost)  # a moment later: the notice is still read first
    assert controller.status_line()[:2] == [notice, Message("adapters.serial.lost")]
    clock.advance(NOTICE_SECONDS - 1)
    assert notice in controller.status_line()
    clock.advance(1)
    assert controller.status_line() == [Message("adapters.serial.lost")]
    # a notice saying what a status already says is read once
    controller.notice("adapters.serial.lost", {})
    assert controller.status_line() == [Message("adapters.serial.lost")]


def test_the_apps_own_commands_have_labels_in_all_six_languages(app) -> None:
    """"help" and "back" work on every screen, after the screen's own command table."""
    controller, clock, server = app
    assert [entry.name for entry in controller.app_commands] == ["help", "back"]
    assert all(Translator("en").has_all(entry.label_key) for entry in controller.app_commands)
    controller.choose_learner(controller.store.learners()[0].id)
    assert controller.screen == MAP
    controller.command(Command("back"))  # the map has its own "back": the learner picker
    assert controller.screen == LEARNERS

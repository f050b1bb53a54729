"""The app without its window: which screen is shown, whose turn it is, where input goes.

The Kivy views listen to the controller and draw; they report touches as target ids. All
input — switches, keys, the whole-screen switch, voice — arrives as ``InputEvent``s from
the hub, drained once per frame, and goes through the learner's ``SwitchAccess``.
Everything here runs on the app's thread, on the injected clock, and is tested without
a window.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from accessibility.actions import Action, Command
from accessibility.clock import Clock, Timer
from accessibility.narrator import Priority, SpeechEvent, SpeechEventKind
from accessibility.prediction import palette_order_for
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.learner_picker_presenter import LearnerCard, LearnerPickerPresenter
from accessibility.presenters.level_complete_presenter import LevelCompletePresenter
from accessibility.presenters.level_map_presenter import LevelMapPresenter, TileState
from accessibility.presenters.settings_presenter import SettingsDraft, SettingsPresenter
from accessibility.profiles import (AccessProfile, ProfileError, preset, profile_from_dict,
                                    profile_to_dict)
from accessibility.scan_model import Group, ScanNode
from accessibility.switch_access import SwitchAccess
from accessibility.voice_help import phrases_here, say_labels
from adapters.events import SPEECH_SOURCE, AdapterStatus, InputEvent, StatusKind
from adapters.own_voice import OwnVoice
from adapters.speech_grammar import load_phrases
from app.services import Services
from app.storage.models import Learner
from app.storage.paths import learner_voice_dir
from app.voice_training_flow import VOICE_TRAINING, VoiceTrainingFlow
from app.creative_flow import CreativeFlow
from app.workspace_session import WorkspaceSession
from adapters.keyboard import KEYBOARD_SOURCE, SCREEN_SOURCE
from adapters.serial_adapter import UNKNOWN_FAMILY
from app.platforms import switch_adapters
from hardware.device_profiles import load_profiles, profile_ids, role_table
from levels.interpreter import Outcome
from levels.level import TRACKS

log = logging.getLogger(__name__)

AVATARS: tuple[str, ...] = ("fox", "owl", "cat", "frog", "bee", "whale", "lion", "panda")
LEARNERS, MAP, WORKSPACE, COMPLETE, SETTINGS = ("learners", "map", "workspace", "complete",
                                                "settings")
NOTICE_SECONDS = 30.0  # a notice stays in the status line this long, through status changes
SERIAL = "serial(auto)"  # whichever micro:bit or Arduino switch box is plugged in
EVDEV = "evdev(auto)"  # whichever USB switch interface or foot switch is plugged in
# where a switch comes from when no device profile says: source -> app.device.<name>
OTHER_DEVICES = {KEYBOARD_SOURCE: "keyboard", SCREEN_SOURCE: "screen", SPEECH_SOURCE: "voice",
                 f"serial({UNKNOWN_FAMILY})": "switch_box"}
# the automatic adapters' "nothing plugged in": said and shown once, as NO_SWITCH_BOX
SEARCHING = frozenset({"adapters.serial.searching", "adapters.evdev.searching"})
NO_SWITCH_BOX = "app.status.no_switch_box"
COMPLETE_DELAY = 1.2  # seconds to see the goal reached before the next screen


@dataclass
class Listeners:
    screen: list[Callable[[str], None]] = field(default_factory=list)
    model: list[Callable[[Group, str | None], None]] = field(default_factory=list)
    highlight: list[Callable[[ScanNode | None], None]] = field(default_factory=list)
    look: list[Callable[[AccessProfile], None]] = field(default_factory=list)
    status_line: list[Callable[[], None]] = field(default_factory=list)  # status_line() changed
    # the event, what it does for this learner (AccessProfile.switch_role), the device's name
    switch_test: list[Callable[[InputEvent, str, str | None], None]] = field(
        default_factory=list)


class AppController:
    def __init__(self, services: Services, clock: Clock) -> None:
        self.services = services
        self.clock = clock
        self.translator = services.translator
        self.narrator = services.narrator
        self.store = services.store
        self.packs = services.packs
        self.listeners = Listeners()
        self.screen = ""
        self.presenter: ScreenPresenter | None = None
        self.model = Group("empty", "app.group.learners", [])
        self.learner: Learner | None = None
        self.profile = preset(services.options.profile or "touch")
        self.session: WorkspaceSession | None = None
        self.track = TRACKS[0]
        self.statuses: dict[str, AdapterStatus] = {}
        self._notice: tuple[str, dict[str, object]] | None = None  # (i18n key, params)
        self._notice_timer: Timer | None = None  # takes the notice away
        self._return_to = LEARNERS
        self._settings_before: tuple[AccessProfile, str] | None = None
        self.voice: Any = None  # the speech adapter, when voice commands are on
        self.voice_training = VoiceTrainingFlow(self)
        self.creative = CreativeFlow(self)  # career cards and the maker
        self._devices: set[str] = set()
        self.own_voice = OwnVoice()  # when the narrator spoke: not the child's commands
        self._phrases: dict[str, dict[str, tuple[str, ...]]] = {}  # locale -> voice phrases
        self.narrator.on_speech_event(self._narrator_spoke)
        self.narrator.on_status(lambda _status: self._status_line_changed())
        hardware = load_profiles()
        self.device_roles = role_table(hardware)  # switch 1 and 2 of every known box
        self._device_names = {**OTHER_DEVICES, **profile_ids(hardware)}
        self.access = SwitchAccess(clock, self.profile, self.model, cues=self.narrator,
                                   on_command=self.command, on_action=self._touch_action,
                                   roles=self.device_roles)
        self._attach_scanner()

    # -- start, input ---------------------------------------------------------------------

    def start(self) -> None:
        if self.store.notice is not None:
            self.notice(self.store.notice.key, dict(self.store.notice.params))
        # a disk that fails later in the session is said too (the store carries on in memory)
        self.services.store_listeners.append(
            lambda notice: self.notice(notice.key, dict(notice.params)))
        if not self.store.learners():
            self.add_learner()
        last = self.store.learner(int(self.store.get_setting("last_learner", "0") or 0))
        if last is not None and not self.services.options.profile:
            # the picker is reached the way the last child plays: a switch user can choose
            self.apply_profile(self._learner_profile(last))
        self.show_learners()

    def handle(self, item: InputEvent | AdapterStatus) -> None:
        """One item drained from the hub, on the app's thread, in order."""
        if isinstance(item, AdapterStatus):
            self._status(item)
            return
        if self.screen == SETTINGS:
            role = self.profile.switch_role(item.id, self.device_roles)
            name = self._device_names.get(item.source)
            for listener in list(self.listeners.switch_test):
                listener(item, role, f"app.device.{name}" if name else None)
        if self.voice is not None and item.id in self.talk_switches:
            # the microphone's switch, not a scan press
            if item.pressed and not self.voice.talking:
                self.narrator.silence()  # the child talks now: the app stops talking
            self.voice.push_to_talk(item.pressed, item.id)
            return
        self.access.feed(item)

    def activate(self, target_id: str) -> bool:
        """A touch (or click) on the widget of ``target_id``."""
        target = self.model.find(target_id)
        if target is None or not target.enabled:
            return False
        target.activate()
        return True

    @property
    def talk_switches(self) -> frozenset[str]:
        """The learner's talk switches, the boxes' switches bound through roles included."""
        return self.profile.talk_switches(self.device_roles)

    @property
    def touch_is_switch(self) -> bool:
        """Taps are the whole-screen switch for switch users (not on the educator's screen)."""
        return self.screen != SETTINGS and self.access.scanner is not None \
            and self.profile.input == "switch"

    def command(self, command: Command) -> None:
        """A direct command (voice, a labelled big button): the screen's, else the app's."""
        if self.presenter is not None and self.presenter.execute(command):
            return
        if command.verb == "help":
            if self.session is not None:
                self.session.hint()
            if self.profile.input == "voice":
                self._say_what_to_say()
        elif command.verb == "back":
            self.go_back()
        else:
            log.info("command %s does nothing on %s", command.name, self.screen)

    @property
    def voice_heard(self) -> bool:
        """Voice commands are on and listening (a microphone and a speech model)."""
        status = self.statuses.get(self.voice.name) if self.voice is not None else None
        return status is not None and status.kind is StatusKind.CONNECTED

    def say_label(self, target_id: str) -> str | None:
        """The phrase that does what this button does, while the learner's voice is heard."""
        if not self.voice_heard:
            return None
        return say_labels(self._voice_phrases(), self.profile.bindings).get(target_id)

    def _voice_phrases(self) -> dict[str, tuple[str, ...]]:
        """This language's command phrases, read once (a file read is ~3 ms, and every
        button asks)."""
        locale = self.translator.locale
        if locale not in self._phrases:
            self._phrases[locale] = load_phrases(locale)
        return self._phrases[locale]

    def _say_what_to_say(self) -> None:
        """The voice commands that work on this screen, said and shown as a caption."""
        palette = self.session.level.palette if self.session is not None else None
        spoken = phrases_here(self._voice_phrases(), palette)
        if spoken:
            self.narrator.say("voice.help.say", {"phrases": ", ".join(spoken)})

    def _touch_action(self, action: Action) -> None:
        """NEXT/SELECT from keys on a profile that does not scan: nothing to move."""
        log.debug("action %s without a scanner", action)

    # -- screens --------------------------------------------------------------------------

    def show_learners(self) -> None:
        self._close_session()
        cards = [LearnerCard(l.id, l.name, l.avatar) for l in self.store.learners()]
        self.show(LEARNERS, LearnerPickerPresenter(cards, self.choose_learner))
        self.narrator.say("app.learner.who")

    def choose_learner(self, learner_id: int) -> None:
        learner = self.store.learner(learner_id)
        if learner is None:
            self.show_learners()
            return
        self.learner = learner
        self.store.set_setting("last_learner", str(learner.id))
        self.set_locale(self.services.options.locale or learner.locale)
        self.apply_profile(self._learner_profile(learner))
        self.track = self.store.get_setting(f"learner.{learner.id}.track", TRACKS[0]) or TRACKS[0]
        self.narrator.say("app.learner.hello", {"name": learner.name})
        self.show_map()

    def show_map(self, track: str | None = None) -> None:
        self._close_session()
        if track:
            self.track = track
        progress = self._tiles()
        presenter = LevelMapPresenter(self.packs.tracks, progress, track=self.track,
                                      title=self.translator.t, on_open=self.open_level,
                                      on_back=self.show_learners,
                                      extras=self.creative.map_buttons())
        self.show(MAP, presenter)

    def open_level(self, level_id: str) -> None:
        level = self.packs.level(level_id)
        learner = self.learner
        if level is None or learner is None:
            return
        self._close_session()
        self.track = level.track
        self.store.set_setting(f"learner.{learner.id}.track", level.track)
        session = WorkspaceSession(
            level, translator=self.translator, speaker=self.narrator, clock=self.clock,
            profile=self.profile, draft=self.store.draft(learner.id, level.id),
            independence=self.store.independence(learner.id, level.id),
            on_finished=self._finished, on_map=self.show_map,
            on_draft=lambda program: self.store.save_draft(learner.id, level.id, program),
            on_independence=lambda data: self.store.save_independence(learner.id, level.id,
                                                                      data),
            # scanning learners get the likeliest block first; a touch user's palette stays
            # where the hand remembers it
            palette_order=palette_order_for(self.packs.levels(), level)
            if self.access.scanner is not None else None)
        self.session = session
        self.show(WORKSPACE, session.presenter)
        session.start()

    def _finished(self, outcome: Outcome, seconds: float) -> None:
        session, learner = self.session, self.learner
        if session is None or learner is None:
            return
        self.store.record_attempt(learner.id, session.level.id, solved=outcome.solved,
                                  stars=outcome.stars, blocks=outcome.blocks, seconds=seconds)
        if outcome.solved:
            level_id = session.level.id
            self.creative.solved(level_id)  # chapter badges
            self.clock.call_later(COMPLETE_DELAY, lambda: self._complete(level_id, outcome))

    def _complete(self, level_id: str, outcome: Outcome) -> None:
        if self.session is None or self.session.level.id != level_id:
            return  # the learner left the level meanwhile
        following = self.packs.next_level(level_id)
        presenter = LevelCompletePresenter(
            stars=outcome.stars, has_next=following is not None,
            on_next=self.creative.between_chapters(  # a career card after a chapter
                lambda: self.open_level(following.id) if following else self.show_map()),
            on_replay=lambda: self.open_level(level_id), on_map=self.show_map)
        self.show(COMPLETE, presenter)
        self.narrator.say("app.complete.praise", {"count": outcome.stars})

    def open_settings(self) -> None:
        """Behind the educator's lock (the view asks for the hold or the PIN)."""
        if self.screen == SETTINGS:
            return
        self._return_to = self.screen if self.screen in (LEARNERS, MAP) else MAP
        if self.learner is None and self._return_to == MAP:
            self._return_to = LEARNERS
        self._close_session()
        self._settings_before = (self.profile, self.translator.locale)
        draft = SettingsDraft(self.profile, self.translator.locale)
        presenter = SettingsPresenter(
            draft, on_change=self._preview, on_save=self._save_settings,
            on_cancel=self._cancel_settings, on_export=self.export_progress,
            on_add_learner=self.add_learner, on_message=self.notice,
            translate=self.translator.t, on_train_voice=self.voice_training.open,
            on_forget_voice=self.voice_training.forget,
            voice_trained=self.voice_training.trained_here)
        self.show(SETTINGS, presenter)

    def go_back(self) -> None:
        if self.screen in (WORKSPACE, COMPLETE):
            self.show_map()
        elif self.screen == MAP:
            self.show_learners()
        elif self.screen == SETTINGS:
            self._cancel_settings()
        elif self.screen == VOICE_TRAINING:
            self.voice_training.leave()

    def show(self, screen: str, presenter: ScreenPresenter) -> None:
        self.screen = screen
        self.presenter = presenter
        presenter.on_model_changed(self._model_changed)
        for listener in list(self.listeners.screen):
            listener(screen)
        self._model_changed(presenter.model(), None)

    def _model_changed(self, root: Group, focus: str | None) -> None:
        if self.presenter is None:
            return
        self.model = root
        self.access.set_model(root, focus)
        for listener in list(self.listeners.model):
            listener(root, focus)

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _tiles(self) -> dict[str, TileState]:
        if self.learner is None:
            return {}
        return {level_id: TileState(p.stars, p.solved)
                for level_id, p in self.store.progress(self.learner.id).items()}

    # -- learners, profile, language ------------------------------------------------------

    def add_learner(self, name: str | None = None) -> Learner:
        number = len(self.store.learners()) + 1
        learner = self.store.add_learner(
            name or self.translator.t("app.learner.default_name", number=number),
            AVATARS[(number - 1) % len(AVATARS)], self.translator.locale,
            profile_to_dict(self.profile if self.learner else preset("touch")))
        if self.screen == SETTINGS:
            self.notice("app.settings.learner_added", {"name": learner.name})
        return learner

    def rename_learner(self, name: str) -> None:
        name = " ".join(name.split())[:40]
        if self.learner is None or not name:
            return
        self.learner = replace(self.learner, name=name)
        self.store.update_learner(self.learner)

    def _learner_profile(self, learner: Learner) -> AccessProfile:
        if self.services.options.profile:
            return preset(self.services.options.profile)
        try:
            return profile_from_dict(learner.profile)
        except ProfileError as error:
            log.warning("learner %s has an unusable profile: %s", learner.id, error)
            self.notice(error.key, dict(error.params))
            return preset("touch")

    def apply_profile(self, profile: AccessProfile) -> None:
        self.profile = profile
        self.access.apply_profile(profile)
        self._attach_scanner()
        self._sync_devices()
        self.access.set_model(self.model)
        for listener in list(self.listeners.look):
            listener(profile)

    def set_locale(self, locale: str) -> None:
        """Change the language now: text, the narrator's voice, and voice commands."""
        self.narrator.set_locale(locale)
        if self.voice is not None:
            self.voice.set_locale(locale)
        if self.presenter is not None:
            self.presenter.refresh()

    def _sync_devices(self) -> None:
        """Listen to switch boxes for switch users and to the microphone for voice users;
        a missing device only shows its status."""
        hub, options = self.services.hub, self.services.options
        wants_switches = self.profile.input == "switch" or bool(self.talk_switches)
        if wants_switches and SERIAL not in self._devices:
            for adapter in switch_adapters(self.services.platform, options.switch_device,
                                           serial_name=SERIAL, evdev_name=EVDEV):
                hub.add(adapter)  # a hand-chosen device is a joystick-mode box, most likely
            self._devices.add(SERIAL)
        wants_voice = self.profile.input == "voice" and options.voice_input
        mode = "push_to_talk" if self.talk_switches else "continuous"
        voice_dir = self.voice_dir()
        if self.voice is not None and (not wants_voice or self.voice.mode != mode
                                       or self.voice.voice_dir != voice_dir):
            hub.remove(self.voice.name)  # off, or listening another way: start afresh
            self.voice = None
        if wants_voice and self.voice is None:
            try:
                from adapters.speech import SpeechAdapter
            except ImportError as error:  # speech libraries missing: say so, play on
                log.error("voice commands unavailable: %r", error)
                self.notice("app.status.no_voice", {})
                return
            self.voice = SpeechAdapter(locale=self.translator.locale, mode=mode,
                                       own_voice=self.own_voice, voice_dir=voice_dir)
            hub.add(self.voice)

    def voice_dir(self) -> Path | None:
        """Where this learner's trained voices live (``python -m app.train_voice``)."""
        if self.learner is None:
            return None
        return learner_voice_dir(self.services.data_dir, self.learner.id)

    def _narrator_spoke(self, event: SpeechEvent) -> None:
        if event.kind is SpeechEventKind.STARTED:
            self.own_voice.started(event.utterance_id, event.t)
        else:
            self.own_voice.finished(event.utterance_id, event.t)

    def _attach_scanner(self) -> None:
        scanner = self.access.scanner
        if scanner is not None:
            scanner.on_highlight(self._highlighted)
        self._highlighted(None)

    def _highlighted(self, node: ScanNode | None) -> None:
        for listener in list(self.listeners.highlight):
            listener(node)

    # -- settings -------------------------------------------------------------------------

    def _preview(self, draft: SettingsDraft) -> None:
        if draft.locale != self.translator.locale:
            self.set_locale(draft.locale)
        for listener in list(self.listeners.look):
            listener(draft.profile)

    def _save_settings(self, draft: SettingsDraft) -> None:
        was_voice = self.profile.input == "voice"  # the draft is applied only below
        if self.learner is not None:
            self.learner = replace(self.learner, profile=profile_to_dict(draft.profile),
                                   locale=draft.locale)
            self.store.update_learner(self.learner)
        self._settings_before = None
        self.set_locale(draft.locale)
        self.apply_profile(draft.profile)
        self.narrator.say("app.settings.saved")
        if draft.profile.input == "voice" and not was_voice:
            self.voice_training.suggest()
        self._leave_settings()

    def _cancel_settings(self) -> None:
        if self._settings_before is not None:
            profile, locale = self._settings_before
            self._settings_before = None
            self.set_locale(locale)
            self.apply_profile(profile)
        self._leave_settings()

    def _leave_settings(self) -> None:
        if self._return_to == MAP and self.learner is not None:
            self.show_map()
        else:
            self.show_learners()

    def back_to_settings(self, presenter: SettingsPresenter | None) -> None:
        """Back to the settings left open under voice training (as they were, unsaved)."""
        if presenter is None:
            self._leave_settings()
        else:
            self.show(SETTINGS, presenter)

    def export_progress(self) -> None:
        path = self.services.data_dir / f"progress-{date.today().isoformat()}.csv"
        try:
            rows = self.store.export_csv(path)
        except OSError as error:
            log.error("export failed: %r", error)
            self.notice("app.settings.export_failed", {"file": str(path)})
            return
        self.notice("app.settings.exported", {"file": str(path), "count": rows})

    # -- statuses and notices -------------------------------------------------------------

    def _status(self, status: AdapterStatus) -> None:
        previous = self.statuses.get(status.adapter)
        was_looking, was_heard = self._no_switch_box(), self.voice_heard
        self.statuses[status.adapter] = status
        self._status_line_changed()
        if self.voice_heard != was_heard and self.presenter is not None:
            self.presenter.refresh()  # the buttons show (or stop showing) what to say
        changed = previous is None or previous.kind is not status.kind
        if status.message_key in SEARCHING:  # said once for all the boxes, if none is here
            if self._no_switch_box() and not was_looking:
                self.narrator.say(NO_SWITCH_BOX, {})
        elif changed and status.kind in (StatusKind.CONNECTED, StatusKind.LOST,
                                         StatusKind.ERROR):
            # said after what is being said now: the child's work is not interrupted
            self.narrator.say(status.message_key, dict(status.params))

    def _no_switch_box(self) -> bool:
        """Boxes are looked for and none is connected."""
        statuses = self.statuses.values()
        return any(s.message_key in SEARCHING for s in statuses) and not any(
            s.adapter in (SERIAL, EVDEV) and s.kind is StatusKind.CONNECTED for s in statuses)

    def shown_statuses(self) -> list[tuple[str, dict[str, object]]]:
        """(i18n key, params) of what the teacher reads about the devices: each adapter's
        status, but "no switch box found" once for all the boxes looked for, and not at all
        once one of them is connected."""
        shown: list[tuple[str, dict[str, object]]] = [
            (s.message_key, dict(s.params)) for s in self.statuses.values()
            if s.message_key not in SEARCHING]
        if self._no_switch_box():
            shown.insert(0, (NO_SWITCH_BOX, {}))
        return shown

    def status_line(self) -> list[tuple[str, dict[str, object]]]:
        """(i18n key, params) of each part of the line the teacher reads at the top: the
        latest notice for ``NOTICE_SECONDS`` (a status that changes a moment later, such as
        the microphone starting after the settings are saved, does not wipe it before it is
        read; one repeating a status is shown once), whether children hear speech, then the
        devices (``shown_statuses``)."""
        parts: list[tuple[str, dict[str, object]]] = []
        speech = self.narrator.status
        if not speech.speech:
            parts.append((speech.message_key if self.services.options.speech
                          else "app.status.speech_off", {}))
        parts += self.shown_statuses()
        if self._notice is not None and self._notice not in parts:
            parts.insert(0, self._notice)
        return parts

    def notice(self, key: str, params: dict[str, object]) -> None:
        """Said next, and shown at the top of the status line for a while."""
        self.narrator.say(key, params, priority=Priority.NEXT)
        if self._notice_timer is not None:
            self._notice_timer.cancel()
        self._notice = (key, dict(params))
        self._notice_timer = self.clock.call_later(NOTICE_SECONDS, self._end_notice)
        self._status_line_changed()

    def _end_notice(self) -> None:
        self._notice = self._notice_timer = None
        self._status_line_changed()

    def _status_line_changed(self) -> None:
        for listener in list(self.listeners.status_line):
            listener()


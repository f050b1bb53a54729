"""The app without its window: which screen is shown, whose turn it is, where input goes.

The Kivy views listen to the controller's signals and draw; they report touches as target
ids. All input — switches, keys, the whole-screen switch, voice — arrives as ``InputEvent``s
from the hub, drained once per frame, and goes through the learner's ``SwitchAccess``.
All of it runs on the app's thread, on the injected clock, tested without a window. This
module joins the parts (``Navigator``: the screen stack; ``Devices``: adapters, statuses,
notices; ``LearnerSettings``; ``VoiceTrainingFlow``) and plays the levels.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from accessibility.actions import Action, Command
from accessibility.caption_hold import CaptionHold
from accessibility.clock import Clock
from accessibility.message import Message
from accessibility.prediction import palette_order_for
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.presenters.learner_picker_presenter import LearnerCard, LearnerPickerPresenter
from accessibility.presenters.level_complete_presenter import LevelCompletePresenter
from accessibility.presenters.level_map_presenter import LevelMapPresenter, TileState
from accessibility.profiles import AccessProfile, preset
from accessibility.scan_model import Group
from accessibility.signal import Signal
from accessibility.switch_access import SwitchAccess
from adapters.events import AdapterStatus, InputEvent
from app.devices import Devices
from app.learner_settings import AVATARS, LEARNERS, MAP, SETTINGS, LearnerSettings
from app.navigation import Listeners, Navigator
from app.services import Services
from app.storage.models import Learner
from app.storage.paths import learner_voice_dir
from app.sync.record import Played, queue_hint, queue_outcome
from app.teacher.progress_data import help_of
from app.teacher_flow import TEACHER_SCREENS, TeacherFlow
from app.voice_training_flow import VOICE_TRAINING, VoiceTrainingFlow
from app.creative_flow import CreativeFlow
from app.workspace_session import WorkspaceSession
from levels.assignment import next_open, open_levels, track_to_show
from levels.interpreter import Outcome
from levels.level import TRACKS

EDUCATOR_SCREENS = (SETTINGS, *TEACHER_SCREENS)
"""The teacher's screens: taps are taps there, and the child's captions are not shown."""

log = logging.getLogger(__name__)

WORKSPACE, COMPLETE = "workspace", "complete"
COMPLETE_DELAY = 1.2  # seconds to see the goal reached before the next screen


class AppController:
    def __init__(self, services: Services, clock: Clock) -> None:
        self.services = services
        self.clock = clock
        self.translator = services.translator
        self.narrator = services.narrator
        self.store = services.store
        self.packs = services.packs
        self.learner: Learner | None = None
        self.profile = preset(services.options.profile or "touch")
        self.session: WorkspaceSession | None = None
        self._help_logged = 0  # guided steps of this session already in the attempt log
        self.track = TRACKS[0]
        self.devices = Devices(services, clock)
        self.access = SwitchAccess(clock, self.profile, Group("empty", "app.group.learners", []),
                                   cues=self.narrator, on_command=self.command,
                                   on_action=self._touch_action, roles=self.devices.roles)
        self.navigator = Navigator(self.access, Group("empty", "app.group.learners", []))
        nav = self.navigator
        self.listeners = Listeners(nav.screen_changed, nav.model_changed, nav.highlighted,
                                   self.devices.status_line_changed, Signal(), Signal())
        self.devices.heard_changed.connect(self._refresh)
        self.voice_training = VoiceTrainingFlow(
            devices=self.devices, navigator=nav, translator=self.translator, clock=clock,
            voice_input=services.options.voice_input, learner=lambda: self.learner,
            voice_dir=self.voice_dir, on_leave=lambda: self.settings.leave())
        self.teacher = TeacherFlow(
            store=self.store, packs=self.packs, navigator=nav, translator=self.translator,
            data_dir=services.data_dir, notice=self.devices.notice,
            add_learner=lambda name, avatar: self.settings.add_learner(name, avatar),
            current=lambda: self.learner, on_removed=self._removed, avatars=AVATARS,
            clock=clock, wake_sync=lambda: services.wake_sync(),
            last_round=lambda: services.sync.last if services.sync else None)
        self.settings = LearnerSettings(self, services, self.devices, nav,
                                        self.voice_training, self.listeners.look, self.teacher)
        self.add_learner = self.settings.add_learner
        self.rename_learner = self.settings.rename_learner
        self.open_settings = self.settings.open
        self.export_progress = self.settings.export_progress
        self.creative = CreativeFlow(self)  # career cards and the maker
        self.show = nav.show
        self.caption_hold = CaptionHold(clock)  # a run's outcome, kept up until read
        self.shown_statuses = self.devices.shown_statuses
        self.status_line = self.devices.status_line
        self.app_commands = CommandTable([  # on every screen, after the screen's own
            ScreenCommand("help", self._help, "app.command.help"),
            ScreenCommand("back", self.go_back, "app.command.back")])
        nav.attach_scanner()

    @property
    def screen(self) -> str:
        return self.navigator.screen

    @property
    def presenter(self) -> ScreenPresenter | None:
        return self.navigator.presenter

    @property
    def model(self) -> Group:
        return self.navigator.model

    @property
    def voice(self) -> Any:
        return self.devices.voice

    def notice(self, key: str, params: dict[str, object] | None = None) -> None:
        """Said next, and shown at the top of the status line for a while."""
        self.devices.notice(Message(key, params or {}))

    # -- start, input ---------------------------------------------------------------------

    def start(self) -> None:
        if self.store.notice is not None:
            self.notice(self.store.notice.key, dict(self.store.notice.params))
        # a disk that fails later in the session is said too (the store carries on in memory)
        self.services.store_notice.connect(
            lambda notice: self.notice(notice.key, dict(notice.params)))
        if not self.store.learners():
            self.add_learner()
        last = self.store.learner(int(self.store.get_setting("last_learner", "0") or 0))
        if last is not None and not self.services.options.profile:
            # the picker is reached the way the last child plays: a switch user can choose
            self.apply_profile(self.settings.learner_profile(last))
        self.show_learners()

    def handle(self, item: InputEvent | AdapterStatus) -> None:
        """One item drained from the hub, on the app's thread, in order."""
        if isinstance(item, AdapterStatus):
            self.devices.status(item)
            return
        if item.pressed:
            self.caption_hold.release()  # the child acts: the held outcome has been read
        if self.screen == SETTINGS:
            role = self.profile.switch_role(item.id, self.devices.roles)
            self.listeners.switch_test.emit(item, role, self.devices.device_key(item.source))
        voice = self.devices.voice
        if voice is not None and item.id in self.talk_switches:
            # the microphone's switch, not a scan press
            if item.pressed and not voice.talking:
                self.narrator.silence()  # the child talks now: the app stops talking
            voice.push_to_talk(item.pressed, item.id)
            return
        self.access.feed(item)

    @property
    def talk_switches(self) -> frozenset[str]:
        """The learner's talk switches, the boxes' switches bound through roles included."""
        return self.profile.talk_switches(self.devices.roles)

    @property
    def touch_is_switch(self) -> bool:
        """Taps are the whole-screen switch for switch users (not on the educator's screen)."""
        return self.screen not in EDUCATOR_SCREENS \
            and self.access.scanner is not None \
            and self.profile.input == "switch"

    def command(self, command: Command) -> None:
        """A direct command (voice, a labelled big button): the screen's, else the app's."""
        if self.presenter is not None and self.presenter.execute(command):
            return
        if not self.app_commands.execute(command):
            log.info("command %s does nothing on %s", command.name, self.screen)

    def _help(self) -> None:
        """The level's hint, and for a voice learner the phrases that work here."""
        if self.session is not None:
            self.session.hint()
        if self.profile.input == "voice":
            self.devices.say_what_to_say(self.translator.locale, self.profile.bindings,
                                         self._commands())

    def say_label(self, target_id: str) -> str | None:
        """The phrase that does what this button does, while the learner's voice is heard."""
        return self.devices.say_label(target_id, self.profile.bindings, self.translator.locale,
                                      self._commands)

    def _commands(self) -> CommandTable:
        return self.presenter.commands() if self.presenter is not None else CommandTable()

    def _touch_action(self, action: Action) -> None:
        """NEXT/SELECT from keys on a profile that does not scan: nothing to move."""
        log.debug("action %s without a scanner", action)

    # -- screens --------------------------------------------------------------------------

    def show_learners(self) -> None:
        self.close_session()
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
        self.apply_profile(self.settings.learner_profile(learner))
        self.track = self.store.get_setting(f"learner.{learner.id}.track", TRACKS[0]) or TRACKS[0]
        self.narrator.say("app.learner.hello", {"name": learner.name})
        self.show_map()

    def show_map(self, track: str | None = None) -> None:
        self.close_session()
        if track:
            self.track = track
        extras = self.creative.map_buttons()  # reads "Our levels" again first
        progress = self._tiles()
        opened = self._open_levels()
        self.track = track_to_show(opened, self.track)
        presenter = LevelMapPresenter(opened, progress, track=self.track,
                                      title=self.translator.t, on_open=self.open_level,
                                      on_back=self.show_learners, extras=extras)
        self.show(MAP, presenter)

    def open_level(self, level_id: str) -> None:
        level = self.packs.level(level_id)
        learner = self.learner
        if level is None or learner is None:
            return
        self.close_session()
        self.track = level.track
        self.store.set_setting(f"learner.{learner.id}.track", level.track)
        session = WorkspaceSession(
            level, translator=self.translator, speaker=self.narrator, clock=self.clock,
            profile=self.profile, draft=self.store.draft(learner.id, level.id),
            independence=self.store.independence(learner.id, level.id),
            on_finished=self._finished, on_map=self.show_map,
            on_hint=lambda: queue_hint(self.store, self._played()),
            on_draft=lambda program: self.store.save_draft(learner.id, level.id, program),
            on_independence=lambda data: self.store.save_independence(learner.id, level.id,
                                                                      data),
            # scanning learners get the likeliest block first; a touch user's palette stays
            # where the hand remembers it
            palette_order=palette_order_for(self.packs.levels(), level)
            if self.access.scanner is not None else None)
        self.session, self._help_logged = session, 0
        session.listeners.outcome.connect(self._outcome)
        session.listeners.outcome_said.connect(self.access.resume)
        self.show(WORKSPACE, session.presenter)
        session.start()

    def activate(self, target_id: str) -> bool:
        """A touch (or click) on the widget of ``target_id``."""
        self.caption_hold.release()
        return self.navigator.activate(target_id)

    def _outcome(self, message: Message) -> None:
        """A run ended: its outcome stays in the captions until read, and the light waits
        until it has been said."""
        self.caption_hold.hold(message, self.profile.outcome_hold)
        self.access.wait(limit=self.profile.outcome_hold)

    def _finished(self, outcome: Outcome, seconds: float) -> None:
        session, learner = self.session, self.learner
        if session is None or learner is None:
            return
        steps = session.guided.results if session.guided is not None else []
        help_, self._help_logged = help_of(steps[self._help_logged:]), len(steps)
        progress = self.store.record_attempt(learner.id, session.level.id, solved=outcome.solved,
                                             stars=outcome.stars, blocks=outcome.blocks,
                                             seconds=seconds, help=help_)
        queue_outcome(self.store, self._played(), progress.attempts, outcome, seconds)
        self.services.wake_sync()
        if outcome.solved:
            level_id = session.level.id
            self.creative.solved(level_id)  # chapter badges
            self.clock.call_later(COMPLETE_DELAY, lambda: self._complete(level_id, outcome))

    def _played(self) -> Played:
        """The learner and level the xAPI statements of this moment are about."""
        assert self.session is not None and self.learner is not None
        level = self.session.level
        return Played(self.learner.id, level.id, self.translator.t(level.title_key),
                      self.translator.locale)

    def _complete(self, level_id: str, outcome: Outcome) -> None:
        if self.session is None or self.session.level.id != level_id:
            return  # the learner left the level meanwhile
        following = next_open(self.packs.tracks, self._assigned(), level_id)
        presenter = LevelCompletePresenter(
            stars=outcome.stars, has_next=following is not None,
            on_next=self.creative.between_chapters(  # a career card after a chapter
                lambda: self.open_level(following.id) if following else self.show_map()),
            on_replay=lambda: self.open_level(level_id), on_map=self.show_map)
        self.show(COMPLETE, presenter)
        self.narrator.say("app.complete.praise", {"count": outcome.stars})

    def go_back(self) -> None:
        if self.screen in (WORKSPACE, COMPLETE):
            self.show_map()
        elif self.screen == MAP:
            self.show_learners()
        elif self.screen == SETTINGS:
            self.settings.cancel()
        elif self.screen == VOICE_TRAINING:
            self.voice_training.leave()
        elif self.screen in TEACHER_SCREENS:
            self.teacher.back()

    def close_session(self) -> None:
        self.caption_hold.release()
        self.access.resume()
        if self.session is not None:
            self.session.close()
            self.session = None

    def _assigned(self) -> list[str]:
        """The levels the teacher opened for the learner, in order ([]: every level)."""
        return self.store.assigned_levels(self.learner.id) if self.learner else []

    def _open_levels(self) -> dict[str, list]:
        return open_levels(self.packs.tracks, self._assigned())

    def _removed(self, learner_id: int) -> None:
        """The learner playing was removed by the teacher: nobody plays until chosen."""
        if self.learner is not None and self.learner.id == learner_id:
            self.learner = None

    def _tiles(self) -> dict[str, TileState]:
        if self.learner is None:
            return {}
        return {level_id: TileState(p.stars, p.solved)
                for level_id, p in self.store.progress(self.learner.id).items()}

    # -- profile, language ----------------------------------------------------------------

    def apply_profile(self, profile: AccessProfile) -> None:
        self.profile = profile
        self.access.apply_profile(profile)
        self.navigator.attach_scanner()
        self.devices.sync(profile, self.translator.locale, self.voice_dir())
        self.access.set_model(self.model)
        self.listeners.look.emit(profile)

    def set_locale(self, locale: str) -> None:
        """Change the language now: text, the narrator's voice, and voice commands."""
        self.narrator.set_locale(locale)
        self.devices.set_locale(locale)
        self._refresh()

    def _refresh(self) -> None:
        if self.presenter is not None:
            self.presenter.refresh()

    def voice_dir(self) -> Path | None:
        """Where this learner's trained voices live (``python -m app.train_voice``)."""
        if self.learner is None:
            return None
        return learner_voice_dir(self.services.data_dir, self.learner.id)

"""Learners and the teacher's settings: adding and renaming a learner, their access profile,
and the settings screen's draft (previewed live, saved for the learner, or cancelled).

It reaches the rest of the app through ``SettingsHost`` (the controller is one), never by
importing it.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Callable, Protocol

from accessibility.message import Message
from accessibility.presenters.settings_presenter import SettingsDraft, SettingsPresenter
from accessibility.profiles import (
    AccessProfile,
    ProfileError,
    preset,
    profile_from_dict,
    profile_to_dict,
)
from accessibility.signal import Signal
from app.devices import Devices
from app.navigation import Navigator
from app.services import Services
from app.storage.export import locale_sheet
from app.storage.models import Learner
from app.storage.notices import profile_reset
from app.teacher_flow import TeacherFlow
from app.voice_training_flow import VoiceTrainingFlow

log = logging.getLogger(__name__)

AVATARS: tuple[str, ...] = ("fox", "owl", "cat", "frog", "bee", "whale", "lion", "panda")
LEARNERS, MAP, SETTINGS = "learners", "map", "settings"


class SettingsHost(Protocol):
    """What the settings change in the running app."""

    learner: Learner | None
    profile: AccessProfile

    def apply_profile(self, profile: AccessProfile) -> None: ...

    def set_locale(self, locale: str) -> None: ...

    def show_map(self, track: str | None = None) -> None: ...

    def show_learners(self) -> None: ...

    def close_session(self) -> None: ...


class LearnerSettings:
    """The learners in the store, and the settings screen opened over a learner's play."""

    def __init__(self, host: SettingsHost, services: Services, devices: Devices,
                 navigator: Navigator, voice_training: VoiceTrainingFlow,
                 look: Signal[[AccessProfile]], teacher: TeacherFlow | None = None) -> None:
        self.host = host
        self.services = services
        self.store = services.store
        self.translator = services.translator
        self.devices = devices
        self.navigator = navigator
        self.voice_training = voice_training
        self.look = look
        self.teacher = teacher  # the class view, new and removed players
        self._return_to = LEARNERS
        self._before: tuple[AccessProfile, str] | None = None  # to cancel the draft

    # -- learners -------------------------------------------------------------------------

    def add_learner(self, name: str | None = None, avatar: str | None = None) -> Learner:
        number = len(self.store.learners()) + 1
        host = self.host
        learner = self.store.add_learner(
            name or self.translator.t("app.learner.default_name", number=number),
            avatar or AVATARS[(number - 1) % len(AVATARS)], self.translator.locale,
            profile_to_dict(host.profile if host.learner else preset("touch")))
        if self.navigator.screen == SETTINGS:
            self.devices.notice(Message("app.settings.learner_added", {"name": learner.name}))
        return learner

    def rename_learner(self, name: str) -> None:
        name = " ".join(name.split())[:40]
        if self.host.learner is None or not name:
            return
        self.host.learner = replace(self.host.learner, name=name)
        self.store.update_learner(self.host.learner)

    def learner_profile(self, learner: Learner) -> AccessProfile:
        """The learner's profile (a profile chosen on the command line wins)."""
        if self.services.options.profile:
            return preset(self.services.options.profile)
        try:
            return profile_from_dict(learner.profile)
        except (ValueError, TypeError, OverflowError) as error:  # ProfileError is a ValueError
            log.warning("learner %s has an unusable profile: %s", learner.id, error)
            said = error if isinstance(error, ProfileError) else profile_reset(learner.name)
            self.devices.notice(Message(said.key, dict(said.params)))
            return preset("touch")

    # -- the settings screen --------------------------------------------------------------

    def open(self) -> None:
        """Behind the educator's lock (the view asks for the hold or the PIN)."""
        screen = self.navigator.screen
        if screen == SETTINGS:
            return
        self._return_to = screen if screen in (LEARNERS, MAP) else MAP
        if self.host.learner is None and self._return_to == MAP:
            self._return_to = LEARNERS
        self.host.close_session()
        self._before = (self.host.profile, self.translator.locale)
        draft = SettingsDraft(self.host.profile, self.translator.locale)
        presenter = SettingsPresenter(
            draft, on_change=self._preview, on_save=self._save, on_cancel=self.cancel,
            on_export=self.export_progress,
            on_add_learner=self.teacher.new_player if self.teacher else self.add_learner,
            on_class_view=self.teacher.open if self.teacher else None,
            remove_learner=self._remover(),
            on_message=self.devices.notice,
            translate=self.translator.t, on_train_voice=self.voice_training.open,
            on_forget_voice=self.voice_training.forget,
            voice_trained=self.voice_training.trained_here,
            on_sync=self.teacher.sync_page if self.teacher else None)
        self.navigator.show(SETTINGS, presenter)

    def _remover(self) -> tuple[str, Callable[[], None]] | None:
        """The learner being set up can be removed here too (after a yes)."""
        learner, teacher = self.host.learner, self.teacher
        if learner is None or teacher is None:
            return None
        return learner.name, lambda: teacher.ask_remove(learner.id)

    def _preview(self, draft: SettingsDraft) -> None:
        if draft.locale != self.translator.locale:
            self.host.set_locale(draft.locale)
        self.look.emit(draft.profile)

    def _save(self, draft: SettingsDraft) -> None:
        host = self.host
        was_voice = host.profile.input == "voice"  # the draft is applied only below
        if host.learner is not None:
            host.learner = replace(host.learner, profile=profile_to_dict(draft.profile),
                                   locale=draft.locale)
            self.store.update_learner(host.learner)
        self._before = None
        host.set_locale(draft.locale)
        host.apply_profile(draft.profile)
        self.services.narrator.say("app.settings.saved")
        if draft.profile.input == "voice" and not was_voice:
            self.voice_training.suggest()
        self.leave()

    def cancel(self) -> None:
        if self._before is not None:
            profile, locale = self._before
            self._before = None
            self.host.set_locale(locale)
            self.host.apply_profile(profile)
        self.leave()

    def leave(self) -> None:
        """Back where the settings were opened from."""
        if self._return_to == MAP and self.host.learner is not None:
            self.host.show_map()
        else:
            self.host.show_learners()

    def export_progress(self) -> None:
        path = self.services.data_dir / f"progress-{date.today().isoformat()}.csv"
        try:
            rows = self.store.export_csv(path, locale_sheet(
                self.translator.locale, self.translator.t,
                {level.id: self.translator.t(level.title_key)
                 for level in self.services.packs.levels()}))
        except OSError as error:
            log.error("export failed: %r", error)
            self.devices.notice(Message("app.settings.export_failed", {"file": str(path)}))
            return
        self.devices.notice(Message("app.settings.exported", {"file": str(path), "count": rows}))

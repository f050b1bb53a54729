"""Educator settings as a scan model: the learner's access profile, language, look, help
and timings, changed step by step with a live preview, saved or cancelled as a whole.

Every change goes through ``profiles.edited`` (validated); a value out of its range is
refused with the profile's own message, so the educator hears what the limits are.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from accessibility.block_pictures import BLOCK_LOOKS
from accessibility.message import Message, MessageSink
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.profiles import (PRESETS, SPEC, SUGGEST_MODES, THEMES, AccessProfile,
                                    ProfileError, edited, preset)
from accessibility.scan_model import Group, Target
from accessibility.translator import LOCALES

ROOT_ID = "settings"


@dataclass(frozen=True)
class Step:
    """How one number moves per press of − or +."""

    field: str
    step: float


STEPS: tuple[Step, ...] = (
    Step("scan_interval", 0.25), Step("first_item_delay", 0.25), Step("dwell", 0.25),
    Step("acceptance", 0.05), Step("post_acceptance", 0.1), Step("text_scale", 0.25),
    Step("earcon_volume", 0.1), Step("outcome_hold", 1.0),
)
TOGGLES: tuple[str, ...] = ("guided_mode", "auditory_scanning", "wait_for_cue", "reduced_motion",
                             "push_to_talk", "earcons")


@dataclass
class SettingsDraft:
    """What the educator is editing; nothing is kept until ``save``."""

    profile: AccessProfile
    locale: str


Changed = Callable[[SettingsDraft], None]


class SettingsPresenter(ScreenPresenter):
    def __init__(self, draft: SettingsDraft, *, on_change: Changed, on_save: Changed,
                 on_cancel: Callable[[], None], on_export: Callable[[], None],
                 on_add_learner: Callable[[], object], on_message: MessageSink,
                 translate: Callable[[str], str],
                 on_train_voice: Callable[[], None] | None = None,
                 on_forget_voice: Callable[[], None] | None = None,
                 voice_trained: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self._translate = translate
        self.draft = draft
        self._on_change = on_change
        self._on_save = on_save
        self._on_cancel = on_cancel
        self._on_export = on_export
        self._on_add_learner = on_add_learner
        self._on_train_voice = on_train_voice
        self._on_forget_voice = on_forget_voice
        self._voice_trained = voice_trained  # asked each time: training changes it
        self._on_message = on_message

    def model(self) -> Group:
        profile = self.draft.profile
        return Group(ROOT_ID, "app.group.settings", [
            Group("settings:actions", "app.settings.actions", [
                Target("settings:save", "app.settings.save", self._save),
                Target("settings:cancel", "app.settings.cancel", self._on_cancel),
                Target("settings:add_learner", "app.settings.add_learner", self._on_add_learner),
                Target("settings:export", "app.settings.export", self._on_export),
                *self._voice_training(profile)]),
            Group("settings:profiles", "access.field.preset", [
                Target(f"preset:{name}", f"access.profile.{name}", self._setter(self._preset, name),
                       params={"chosen": name == profile.name})
                for name in PRESETS]),
            Group("settings:languages", "app.settings.language", [
                Target(f"locale:{locale}", f"app.language.{locale}",
                       self._setter(self._locale, locale),
                       params={"chosen": locale == self.draft.locale})
                for locale in LOCALES]),
            Group("settings:themes", "access.field.theme", [
                Target(f"theme:{name}", f"access.theme.{name}",
                       self._setter(self._change, "theme", name),
                       params={"chosen": name == profile.theme})
                for name in THEMES]),
            Group("settings:block_look", "access.field.block_look", [
                Target(f"look:{name}", f"look.block_look.{name}",
                       self._setter(self._change, "block_look", name),
                       params={"chosen": name == profile.block_look})
                for name in BLOCK_LOOKS]),
            Group("settings:suggest", "access.field.suggest", [
                Target(f"suggest:{mode}", f"predict.mode.{mode}",
                       self._setter(self._change, "suggest", mode),
                       params={"chosen": mode == profile.suggest})
                for mode in SUGGEST_MODES]),
            Group("settings:help", "app.settings.help", [
                Target(f"toggle:{name}", f"access.field.{name}", self._toggler(name),
                       params={"chosen": bool(getattr(profile, name))},
                       description_key="app.settings.toggle")
                for name in TOGGLES]),
            Group("settings:timing", "app.settings.timing", [
                target for step in STEPS for target in self._stepper(step)]),
        ])

    def _voice_training(self, profile: AccessProfile) -> list[Target]:
        """Train voice commands: for a learner who plays by voice (the microphone listens)."""
        if self._on_train_voice is None or profile.input != "voice":
            return []
        if self._on_forget_voice is None or not self._voice_trained():
            return [Target("settings:train_voice", "voice.training.open", self._on_train_voice)]
        return [Target("settings:train_voice", "voice.training.again", self._on_train_voice),
                Target("settings:forget_voice", "voice.training.forget", self._on_forget_voice)]

    def value(self, field: str) -> object:
        return getattr(self.draft.profile, field)

    def commands(self) -> CommandTable:
        """"Back" leaves without saving."""
        return CommandTable([ScreenCommand("back", self._on_cancel, "app.settings.cancel",
                                           in_help=False)])

    # -- changes ----------------------------------------------------------------------------

    def _stepper(self, step: Step) -> list[Target]:
        value = self.value(step.field)
        spec = SPEC[step.field]
        params = {"field": self._translate(f"access.field.{step.field}"), "value": value}
        return [Target(f"step:{step.field}:down", "app.settings.less", self._mover(step, -1),
                       params=params, enabled=value > spec.low),  # type: ignore[operator]
                Target(f"step:{step.field}:up", "app.settings.more", self._mover(step, +1),
                       params=params, enabled=value < spec.high)]  # type: ignore[operator]

    def _mover(self, step: Step, sign: int) -> Callable[[], None]:
        def move() -> None:
            value = round(float(self.value(step.field)) + sign * step.step, 2)  # type: ignore[arg-type]
            self._change(step.field, value)
        return move

    def _toggler(self, name: str) -> Callable[[], None]:
        return lambda: self._change(name, not self.value(name))

    def _setter(self, action: Callable[..., None], *args: object) -> Callable[[], None]:
        return lambda: action(*args)

    def _preset(self, name: str) -> None:
        chosen = preset(name)
        # the look stays the educator's choice when the way of playing changes
        self.draft.profile = edited(chosen, theme=self.draft.profile.theme,
                                    text_scale=self.draft.profile.text_scale,
                                    reduced_motion=self.draft.profile.reduced_motion,
                                    suggest=self.draft.profile.suggest)
        self._changed()

    def _locale(self, locale: str) -> None:
        self.draft.locale = locale
        self._changed()

    def _change(self, field: str, value: object) -> None:
        try:
            self.draft.profile = edited(self.draft.profile, **{field: value})
        except ProfileError as error:
            self._on_message(Message(error.key, error.params))
            return
        self._changed()

    def _changed(self) -> None:
        self._on_change(self.draft)
        self._publish(focus=None)

    def _save(self) -> None:
        self._on_save(self.draft)

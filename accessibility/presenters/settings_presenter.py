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
    Step("earcon_volume", 0.1), Step("pointer_dwell", 0.1), Step("outcome_hold", 1.0),
)
TOGGLES: tuple[str, ...] = ("guided_mode", "auditory_scanning", "wait_for_cue", "reduced_motion",
                             "push_to_talk", "earcons")
# the settings' sections, in tab order; a field not named here is in "access"
SECTIONS: tuple[str, ...] = ("access", "look", "sound", "player")
LOOK_FIELDS = frozenset({"text_scale", "reduced_motion"})
SOUND_FIELDS = frozenset({"auditory_scanning", "wait_for_cue", "push_to_talk", "earcons",
                          "earcon_volume"})
UNITS = {"text_scale": "times", "earcon_volume": "percent"}  # the others are seconds


def section_of(field: str) -> str:
    return "look" if field in LOOK_FIELDS else "sound" if field in SOUND_FIELDS else "access"


def with_unit(field: str, value: float) -> tuple[str, dict[str, object]]:
    """The i18n key and values that say a number with its unit: "1.0 s", "× 1.5", "60 %"."""
    unit = UNITS.get(field, "seconds")
    shown: object = round(value * 100) if unit == "percent" else f"{value:.2f}".rstrip("0")
    if isinstance(shown, str) and shown.endswith("."):
        shown += "0"
    return f"teacher.unit.{unit}", {"value": shown}


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
                 translate: Callable[..., str],
                 on_train_voice: Callable[[], None] | None = None,
                 on_forget_voice: Callable[[], None] | None = None,
                 voice_trained: Callable[[], bool] = lambda: False,
                 on_sync: Callable[[], None] | None = None,
                 on_class_view: Callable[[], None] | None = None,
                 remove_learner: tuple[str, Callable[[], None]] | None = None) -> None:
        super().__init__()
        self._on_sync = on_sync  # the device's class sync page (not part of the draft)
        self.section = SECTIONS[0]  # the tab shown; every section stays in the scan model
        self._on_class_view = on_class_view
        self._remove_learner = remove_learner  # (their name, ask to remove them)
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
        """Save and leave first (always shown), the section tabs, then the sections in tab
        order (an order that stays while the light moves). A view shows only the chosen
        section (``section``) and follows the light into the others."""
        sections = self._sections(self.draft.profile)
        return Group(ROOT_ID, "app.group.settings", [
            Group("settings:actions", "app.settings.actions", [
                Target("settings:save", "app.settings.save", self._save),
                Target("settings:cancel", "app.settings.cancel", self._on_cancel)]),
            Group("settings:sections", "teacher.section.choose", [
                Target(f"section:{name}", f"teacher.section.{name}",
                       self._setter(self._show_section, name),
                       params={"chosen": name == self.section})
                for name in SECTIONS]),
            *[Group(f"settings:section:{name}", f"teacher.section.{name}", sections[name])
              for name in SECTIONS]])

    def _sections(self, profile: AccessProfile) -> dict[str, list[Group | Target]]:
        found: dict[str, list[Group | Target]] = {name: [] for name in SECTIONS}
        found["access"] += [
            Group("settings:profiles", "access.field.preset", [
                Target(f"preset:{name}", f"access.profile.{name}", self._setter(self._preset, name),
                       params={"chosen": name == profile.name})
                for name in PRESETS]),
            Group("settings:suggest", "access.field.suggest", [
                Target(f"suggest:{mode}", f"predict.mode.{mode}",
                       self._setter(self._change, "suggest", mode),
                       params={"chosen": mode == profile.suggest})
                for mode in SUGGEST_MODES])]
        found["look"] += [
            Group("settings:themes", "access.field.theme", [
                Target(f"theme:{name}", f"access.theme.{name}",
                       self._setter(self._change, "theme", name),
                       params={"chosen": name == profile.theme})
                for name in THEMES]),
            Group("settings:block_look", "access.field.block_look", [
                Target(f"look:{name}", f"look.block_look.{name}",
                       self._setter(self._change, "block_look", name),
                       params={"chosen": name == profile.block_look})
                for name in BLOCK_LOOKS])]
        for name in SECTIONS[:3]:
            toggles: list[Group | Target] = [
                Target(f"toggle:{field}", f"access.field.{field}", self._toggler(field),
                       params={"chosen": bool(getattr(profile, field))},
                       description_key="app.settings.toggle")
                for field in TOGGLES if section_of(field) == name]
            steppers: list[Group | Target] = [self._stepper(step) for step in STEPS
                                              if section_of(step.field) == name]
            if toggles:
                found[name].append(Group(f"settings:help:{name}", f"teacher.toggles.{name}",
                                         toggles))
            if steppers:
                found[name].append(Group(f"settings:timing:{name}", f"teacher.values.{name}",
                                         steppers))
        found["sound"] += self._voice_training(profile)
        found["player"] += [
            Group("settings:players", "teacher.section.players", [
                Target("settings:add_learner", "app.settings.add_learner", self._on_add_learner),
                *([Target("settings:class", "teacher.class.open", self._on_class_view)]
                  if self._on_class_view is not None else []),
                *([Target("settings:sync", "sync.page.open", self._on_sync)]
                  if self._on_sync is not None else []),
                Target("settings:export", "app.settings.export", self._on_export),
                *([Target("settings:remove_learner", "teacher.class.remove",
                          self._remove_learner[1], params={"name": self._remove_learner[0]})]
                  if self._remove_learner is not None else [])]),
            Group("settings:languages", "app.settings.language", [
                Target(f"locale:{locale}", f"app.language.{locale}",
                       self._setter(self._locale, locale),
                       params={"chosen": locale == self.draft.locale})
                for locale in LOCALES])]
        return found

    def _show_section(self, name: str) -> None:
        self.section = name
        self._publish(focus=f"settings:section:{name}")

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

    def _stepper(self, step: Step) -> Group:
        """A value with its unit ("1.0 s"), between "less" and "more"."""
        value = float(self.value(step.field))  # type: ignore[arg-type]
        spec = SPEC[step.field]
        unit_key, unit_params = with_unit(step.field, value)
        unit_params["value"] = str(unit_params["value"]).replace(
            ".", self._translate("teacher.unit.decimal"))  # "1,0 s" in French
        params: dict[str, object] = {"field": self._translate(f"access.field.{step.field}"),
                                     "value": self._translate(unit_key, **unit_params)}
        return Group(f"step:{step.field}", "teacher.stepper.value", [
            Target(f"step:{step.field}:down", "teacher.stepper.less", self._mover(step, -1),
                   params=params, enabled=value > spec.low),  # type: ignore[operator]
            Target(f"step:{step.field}:up", "teacher.stepper.more", self._mover(step, +1),
                   params=params, enabled=value < spec.high)],  # type: ignore[operator]
            params=params)

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

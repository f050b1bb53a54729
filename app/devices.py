"""The devices a learner plays with, and what the teacher reads about them.

Switch boxes for switch users, the microphone for voice users; each adapter's status, the
notices that stay a while beside them, and the phrases that work while the voice is heard.
A missing device only shows its status; it never stops the app.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from accessibility.clock import Clock, Timer
from accessibility.message import Message
from accessibility.narrator import Priority, SpeechEvent, SpeechEventKind
from accessibility.presenters.commands import CommandTable
from accessibility.profiles import AccessProfile
from accessibility.signal import Signal
from accessibility.voice_help import phrases_here, say_labels
from adapters.events import SPEECH_SOURCE, AdapterStatus, StatusKind
from adapters.keyboard import KEYBOARD_SOURCE, SCREEN_SOURCE
from adapters.speech.own_voice import OwnVoice
from adapters.serial_adapter import UNKNOWN_FAMILY
from adapters.speech.grammar import load_phrases
from app.platforms import switch_adapters
from app.services import Services
from hardware.device_profiles import ProfileFileError, load_profiles, profile_ids, role_table

log = logging.getLogger(__name__)

NOTICE_SECONDS = 30.0  # a notice stays in the status line this long, through status changes
SERIAL = "serial(auto)"  # whichever micro:bit or Arduino switch box is plugged in
EVDEV = "evdev(auto)"  # whichever USB switch interface or foot switch is plugged in
# where a switch comes from when no device profile says: source -> app.device.<name>
OTHER_DEVICES = {KEYBOARD_SOURCE: "keyboard", SCREEN_SOURCE: "screen", SPEECH_SOURCE: "voice",
                 f"serial({UNKNOWN_FAMILY})": "switch_box"}
# the automatic adapters' "nothing plugged in": said and shown once, as NO_SWITCH_BOX
SEARCHING = frozenset({"adapters.serial.searching", "adapters.evdev.searching"})
NO_SWITCH_BOX = "app.status.no_switch_box"


class Devices:
    """Adapters in the hub for the current profile, their statuses and the notices."""

    def __init__(self, services: Services, clock: Clock) -> None:
        self.services = services
        self.clock = clock
        self.narrator = services.narrator
        self.statuses: dict[str, AdapterStatus] = {}
        self.voice: Any = None  # the speech adapter, when voice commands are on
        self.own_voice = OwnVoice()  # when the narrator spoke: not the child's commands
        self.status_line_changed: Signal[[]] = Signal()
        self.heard_changed: Signal[[]] = Signal()  # the voice is heard now, or no longer
        self._notice: Message | None = None
        self._notice_timer: Timer | None = None  # takes the notice away
        self._added: set[str] = set()
        self._phrases: dict[str, dict[str, tuple[str, ...]]] = {}  # locale -> voice phrases
        self.narrator.on_speech_event(self._narrator_spoke)
        self.narrator.on_status(lambda _status: self.status_line_changed.emit())
        bad_profiles: list[ProfileFileError] = []
        hardware = load_profiles(problems=bad_profiles)
        self.roles = role_table(hardware)  # switch 1 and 2 of every known box
        self._names = {**OTHER_DEVICES, **profile_ids(hardware)}
        self.left_out = left_out_files(
            [p.path.name for p in bad_profiles if p.path is not None],
            [Path(p.file).name for p in services.packs.problems])

    def device_key(self, source: str) -> str | None:
        """The i18n key of the device a switch event came from, if known."""
        name = self._names.get(source)
        return f"app.device.{name}" if name else None

    # -- adapters -------------------------------------------------------------------------

    def sync(self, profile: AccessProfile, locale: str, voice_dir: Path | None) -> None:
        """Listen to switch boxes for switch users and to the microphone for voice users;
        a missing device only shows its status."""
        hub, options = self.services.hub, self.services.options
        talk_switches = profile.talk_switches(self.roles)
        if (profile.input == "switch" or talk_switches) and SERIAL not in self._added:
            for adapter in switch_adapters(self.services.platform, options.switch_device,
                                           serial_name=SERIAL, evdev_name=EVDEV):
                hub.add(adapter)  # a hand-chosen device is a joystick-mode box, most likely
            self._added.add(SERIAL)
        wants_voice = profile.input == "voice" and options.voice_input
        mode = "push_to_talk" if talk_switches else "continuous"
        if self.voice is not None and (not wants_voice or self.voice.mode != mode
                                       or self.voice.voice_dir != voice_dir):
            hub.remove(self.voice.name)  # off, or listening another way: start afresh
            self.voice = None
        if wants_voice and self.voice is None:
            try:
                from adapters.speech.adapter import SpeechAdapter
            except ImportError as error:  # speech libraries missing: say so, play on
                log.error("voice commands unavailable: %r", error)
                self.notice(Message("app.status.no_voice"), caption=False)
                return
            self.voice = SpeechAdapter(locale=locale, mode=mode, own_voice=self.own_voice,
                                       voice_dir=voice_dir)
            hub.add(self.voice)

    def set_locale(self, locale: str) -> None:
        if self.voice is not None:
            self.voice.set_locale(locale)

    def _narrator_spoke(self, event: SpeechEvent) -> None:
        if event.kind is SpeechEventKind.STARTED:
            self.own_voice.started(event.utterance_id, event.t)
        else:
            self.own_voice.finished(event.utterance_id, event.t)

    # -- the voice ------------------------------------------------------------------------

    @property
    def voice_heard(self) -> bool:
        """Voice commands are on and listening (a microphone and a speech model)."""
        status = self.statuses.get(self.voice.name) if self.voice is not None else None
        return status is not None and status.kind is StatusKind.CONNECTED

    def say_label(self, target_id: str, bindings: Mapping[str, str], locale: str,
                  commands: Callable[[], CommandTable]) -> str | None:
        """The phrase that does what this button does, while the learner's voice is heard
        (the screen's commands are asked only then: every button asks)."""
        if not self.voice_heard:
            return None
        return say_labels(self.phrases(locale), bindings, commands().targets()).get(target_id)

    def phrases(self, locale: str) -> dict[str, tuple[str, ...]]:
        """This language's command phrases, read once (a file read is ~3 ms, and every
        button asks)."""
        if locale not in self._phrases:
            self._phrases[locale] = load_phrases(locale)
        return self._phrases[locale]

    def say_what_to_say(self, locale: str, bindings: Mapping[str, str],
                        commands: CommandTable) -> None:
        """The voice commands that work on this screen, said and shown as a caption."""
        spoken = phrases_here(self.phrases(locale), bindings, commands.help_names())
        if spoken:
            self.narrator.say("voice.help.say", {"phrases": ", ".join(spoken)})

    # -- statuses and notices -------------------------------------------------------------

    def status(self, status: AdapterStatus) -> None:
        previous = self.statuses.get(status.adapter)
        was_looking, was_heard = self._no_switch_box(), self.voice_heard
        self.statuses[status.adapter] = status
        self.status_line_changed.emit()
        if self.voice_heard != was_heard:
            self.heard_changed.emit()  # the buttons show (or stop showing) what to say
        changed = previous is None or previous.kind is not status.kind
        if status.message_key in SEARCHING:  # said once for all the boxes, if none is here
            if self._no_switch_box() and not was_looking:
                self._say_status(Message(NO_SWITCH_BOX))
        elif changed and status.kind in (StatusKind.CONNECTED, StatusKind.LOST,
                                         StatusKind.ERROR):
            self._say_status(Message(status.message_key, dict(status.params)))

    def _say_status(self, message: Message) -> None:
        """A device's or the microphone's status, said once after what is being said now
        (the child's work is not interrupted) but kept off the child's caption bar: the
        teacher reads it in the status corner's list."""
        self.narrator.say(message.key, dict(message.params), shown=False)

    def _no_switch_box(self) -> bool:
        """Boxes are looked for and none is connected."""
        statuses = self.statuses.values()
        return any(s.message_key in SEARCHING for s in statuses) and not any(
            s.adapter in (SERIAL, EVDEV) and s.kind is StatusKind.CONNECTED for s in statuses)

    def shown_statuses(self) -> list[Message]:
        """What the teacher reads about the devices: each adapter's status, but "no switch
        box found" once for all the boxes looked for, and not at all once one of them is
        connected."""
        shown = [Message(s.message_key, s.params) for s in self.statuses.values()
                 if s.message_key not in SEARCHING]
        if self._no_switch_box():
            shown.insert(0, Message(NO_SWITCH_BOX))
        return shown

    def status_line(self) -> list[Message]:
        """Each part of the line the teacher reads at the top: the latest notice for
        ``NOTICE_SECONDS`` (a status that changes a moment later, such as the microphone
        starting after the settings are saved, does not wipe it before it is read; one
        repeating a status is shown once), whether children hear speech, then the devices
        (``shown_statuses``)."""
        parts: list[Message] = []
        speech = self.narrator.status
        if not speech.speech:
            parts.append(Message(speech.message_key if self.services.options.speech
                                 else "app.status.speech_off"))
        parts += self.shown_statuses() + self.left_out
        store_status = self.services.store.status
        if store_status is not None:  # read-only or waiting for a lock: while it lasts
            parts.insert(0, Message(store_status.key, dict(store_status.params)))
        if self._notice is not None and self._notice not in parts:
            parts.insert(0, self._notice)
        return parts

    def say(self, message: Message) -> None:
        """Said after what is being said now."""
        self.narrator.say(message.key, dict(message.params))

    def notice(self, message: Message, *, caption: bool = True) -> None:
        """Said next, and shown at the top of the status line for a while (and in the
        child's caption bar unless ``caption`` is false: a microphone line is not for the
        child)."""
        self.narrator.say(message.key, dict(message.params), priority=Priority.NEXT,
                          shown=caption)
        if self._notice_timer is not None:
            self._notice_timer.cancel()
        self._notice = message
        self._notice_timer = self.clock.call_later(NOTICE_SECONDS, self._end_notice)
        self.status_line_changed.emit()

    def _end_notice(self) -> None:
        self._notice = self._notice_timer = None
        self.status_line_changed.emit()


def left_out_files(profiles: list[str], levels: list[str]) -> list[Message]:
    """What the teacher reads for as long as the game runs: switch-profile and level files
    skipped at start because they could not be read (the other files load; the log has the
    details), with the command that says what is wrong in each."""
    said = []
    for key, files in (("app.status.bad_profile_files", sorted(set(profiles))),
                       ("app.status.bad_level_files", sorted(set(levels)))):
        if files:
            said.append(Message(key, {"count": len(files), "file": files[0]}))
    return said

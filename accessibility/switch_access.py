"""Wiring for one learner: profile -> SwitchFilter -> Scanner (or straight to commands).

The app and the benchmarks build one ``SwitchAccess`` per screen session and feed it every
``InputEvent`` from the hub; it owns no thread and reads time only from the clock given.
"""
from __future__ import annotations

from typing import Callable, Mapping

from accessibility.actions import Action, Command, Intent
from accessibility.clock import Clock, Timer
from accessibility.profiles import AccessProfile
from accessibility.scan_model import Group
from accessibility.scanner import BACK_ID, CueSpeaker, ScanMode, Scanner, ScanSettings
from accessibility.switch_filter import SwitchFilter
from adapters.events import InputEvent


class SwitchAccess:
    """Filters a learner's presses and drives the scanner over the current screen's model.

    ``on_command`` receives direct commands (voice, labelled big buttons): pass the
    presenter's ``execute``. Profiles without scanning (touch, voice) still filter presses;
    their ``Action``s then go to ``on_action`` (e.g. a keyboard's Tab/Enter on a touch
    profile), and ``scanner`` is ``None``.
    """

    def __init__(self, clock: Clock, profile: AccessProfile, root: Group, *,
                 cues: CueSpeaker | None = None,
                 on_command: Callable[[Command], object] | None = None,
                 on_action: Callable[[Action], None] | None = None,
                 roles: Mapping[str, str] | None = None) -> None:
        """``roles``: control id -> role of every known switch box's controls (see
        ``AccessProfile.resolved``)."""
        self.clock = clock
        self.roles = dict(roles or {})
        self._root = root
        self._cues = cues
        self._on_command = on_command or (lambda _command: None)
        self._on_action = on_action or (lambda _action: None)
        self.scanner: Scanner | None = None
        self.waiting = False  # the highlight stays still while an outcome is said
        self._wait_timer: Timer | None = None
        self.profile = profile
        self.filter = SwitchFilter(clock, profile.intents(self.roles), profile.filter_timing(),
                                   on_intent=self._intent, on_hold=self._hold)
        self.apply_profile(profile)

    def apply_profile(self, profile: AccessProfile) -> None:
        """Take an edited or newly chosen profile; scanning restarts at the top."""
        self.profile = profile
        self.waiting = False
        self.filter.configure(profile.intents(self.roles), profile.filter_timing())
        settings = profile.scan_settings()
        if self.scanner is not None:
            self.scanner.stop()
        self.scanner = None
        if settings is not None:
            self.scanner = Scanner(self.clock, self._root, settings,
                                   cues=self._cues if profile.auditory_scanning else None,
                                   prompts=self._cues, on_command=self._on_command)
            self.scanner.start()

    def feed(self, event: InputEvent) -> None:
        """Every input event from the hub, in order."""
        self.filter.feed(event)

    def set_model(self, root: Group, focus: str | None = None) -> None:
        """The presenter rebuilt the screen's model (see ``Scanner.set_model``)."""
        self._root = root
        if self.scanner is not None:
            self.scanner.set_model(root, focus)

    def wait(self, limit: float) -> None:
        """Keep the highlight still until ``resume`` (a run's outcome is being said: a child
        who scans must not see the light leave before it was heard); a press resumes too,
        and so does ``limit`` seconds passing, whatever happens to the narration."""
        scanner = self.scanner
        if scanner is not None and scanner.highlighted is not None \
                and scanner.settings.mode in (ScanMode.AUTO, ScanMode.STEP_DWELL):
            self.waiting = True
            scanner.wait()
            if self._wait_timer is not None:
                self._wait_timer.cancel()
            self._wait_timer = self.clock.call_later(limit, self.resume)

    def resume(self) -> None:
        """Scan on from where the highlight rests (a Back stop: its group from the top)."""
        if self._wait_timer is not None:
            self._wait_timer.cancel()
            self._wait_timer = None
        if not self.waiting:
            return
        self.waiting = False
        scanner = self.scanner
        node = scanner.highlighted if scanner is not None else None
        if scanner is not None and node is not None:
            scanner.set_model(self._root, focus=scanner.group.id if node.id == BACK_ID
                              else node.id)

    def set_settings(self, settings: ScanSettings) -> None:
        if self.scanner is not None:
            self.scanner.set_settings(settings)

    def _intent(self, intent: Intent, t: float) -> None:
        """``t``: when the switch was pressed (the scanner chooses what was lit then)."""
        if isinstance(intent, Command):
            self._on_command(intent)
        elif self.waiting:
            self.resume()  # the press that ends the wait only wakes the light
        elif self.scanner is not None:
            self.scanner.handle(intent, t)
        else:
            self._on_action(intent)

    def _hold(self, intent: Intent, held: bool) -> None:
        if self.scanner is not None:
            self.scanner.hold(intent, held)

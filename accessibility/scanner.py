"""The scanning engine: walks a scan model (``Group``/``Target``) with a highlight.

Modes (``ScanMode``): auto-scan (the highlight moves every interval, SELECT chooses),
step scan (NEXT/PREVIOUS move, SELECT chooses), step with dwell (NEXT moves, resting
``dwell`` seconds on an item chooses it) and inverse scan (``hold(True)`` moves the
highlight every interval while the switch is held, ``hold(False)`` chooses). In inverse
mode SELECT/NEXT intents are ignored (the hold signal does their job); wire
``SwitchFilter(on_hold=scanner.hold)``.

Group scanning offers a level's child groups as single stops; linear scanning flattens
every target below the current group. Every group below the root ends with a *back* stop
(``BACK_ID``). In auto-scan a group left unanswered for ``exit_loops`` loops is exited; at
the root, ``loops`` unanswered loops pause the scanner (highlight ``None``, ``paused``
true, ``on_pause`` listeners told, the ``prompt`` ``PAUSED_KEY`` cued) and the next press resumes
at the top without choosing anything. A scanner with nothing to scan at start is paused too,
with ``START_KEY``: the view then shows the lit prompt, never nothing.

Time of press: in auto-scan a SELECT carries the time the switch was pressed
(``handle(intent, t)``); the scanner keeps the recent highlight changes with their times and
chooses what was lit *then*, not what is lit when the event is processed (a busy frame, a
loaded CPU). A press in the first ``grace`` seconds of a new stop still chooses the previous
one ("scan delay after move"): a switch user's reaction comes after the highlight moved.
``resolve="processing"`` keeps the old behaviour, for the benchmarks' comparison.

Auditory scanning: give a ``CueSpeaker`` (``accessibility.narrator.Narrator``; tests use
the timed stand-in in ``tests/support/narration_probes.py``); each highlighted node's label
is cued. With ``wait_for_cue`` the highlight moves on only after both the interval has
passed and the cue's ``on_done`` has fired, so a slow voice never gets cut by the scan. Time
only comes from the injected ``Clock``.

After a press in auto-scan the switch is locked for the filter's post-acceptance delay
(``ScanSettings.post_acceptance``): the stop the press lit stays lit that much longer, also
counted from the switch's release, so the lockout never eats its time.

Parts: ``scan_settings`` (settings, stats), ``scan_walk`` (the model's stops and paths),
``scan_position`` (where the highlight is, after rebuilds and focus), ``scan_steps`` (when a
stop moves on), ``scan_history`` (what was lit at a press).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Callable

from accessibility.actions import Action, Command, Intent
from accessibility.clock import Clock
from accessibility.scan_history import HighlightHistory, Lit
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.scan_position import ScanPosition
from accessibility.scan_settings import (INTERVAL_RANGE, CueSpeaker, Resolve, Restart,
                                         ScanMode, ScanSettings, ScanStats)
from accessibility.scan_steps import StepTimer
from accessibility.scan_walk import BACK_ID, BACK_LABEL_KEY, resolve_path
from accessibility.signal import Signal

__all__ = ["BACK_ID", "BACK_LABEL_KEY", "INTERVAL_RANGE", "PAUSED_KEY", "START_KEY",
           "CueSpeaker", "Resolve", "Restart", "ScanMode", "ScanSettings", "ScanStats",
           "Scanner"]

log = logging.getLogger(__name__)

PAUSED_KEY = "access.scan.paused"  # the loops ran out: "the light has stopped..."
START_KEY = "access.scan.start"  # nothing scanned yet: "press your switch to start"


class Scanner(ScanPosition):
    """Owns the highlight over one scan model; feed it intents, holds and time."""

    def __init__(self, clock: Clock, root: Group, settings: ScanSettings | None = None,
                 *, cues: CueSpeaker | None = None, prompts: CueSpeaker | None = None,
                 on_command: Callable[[Command], object] | None = None) -> None:
        """``cues`` speaks each highlighted label (auditory scanning); ``prompts`` (default:
        ``cues``) says the prompt while paused, also for learners without auditory scanning."""
        self._clock = clock
        super().__init__(root, settings or ScanSettings())
        self._prompts = prompts or cues
        self._cues = cues
        self._on_command = on_command
        self._steps = StepTimer(clock, self._due)
        self._held = False
        self._running = False
        self.highlight_changed: Signal[[ScanNode | None]] = Signal()
        self.selected: Signal[[ScanNode]] = Signal()
        self.pause_changed: Signal[[bool]] = Signal()
        self._history = HighlightHistory()
        self._timed_move = False  # the highlight change under way comes from the timer
        self._pressed = False  # the highlight change under way comes from a press
        self._prompt = START_KEY
        self.stats = ScanStats()

    # -- listeners ----------------------------------------------------------------------

    def on_highlight(self, listener: Callable[[ScanNode | None], None]) -> None:
        """``listener(node)`` whenever the highlight changes (``None``: nothing highlighted)."""
        self.highlight_changed.connect(listener)

    def on_select(self, listener: Callable[[ScanNode], None]) -> None:
        """``listener(node)`` when a target, group or back stop is chosen."""
        self.selected.connect(listener)

    def on_pause(self, listener: Callable[[bool], None]) -> None:
        """``listener(paused)`` when the scanner starts or stops waiting for a first press
        (show and say the ``PAUSED_KEY`` prompt while paused)."""
        self.pause_changed.connect(listener)

    # -- state ----------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._running and self._index is None and self.settings.mode is ScanMode.AUTO

    @property
    def prompt(self) -> str | None:
        """The i18n key of the prompt to show and say while paused, else ``None``."""
        return self._prompt if self.paused else None

    @property
    def lit_until(self) -> float | None:
        """When the lit stop's time is up and the highlight moves on (``None``: no move is
        timed, e.g. step scan or paused); with ``wait_for_cue`` not before its cue ends."""
        return self._steps.until

    # -- control --------------------------------------------------------------------------

    def start(self) -> None:
        """Begin scanning at the top (auto-scan starts moving; other modes wait)."""
        self._running = True
        self._prompt = START_KEY
        self._path = [self._root]
        self._loops = 0
        if self.settings.mode is ScanMode.AUTO:
            self._highlight(0, first=True)
            self._announce_pause()  # nothing to scan yet: the prompt, never nothing
        elif self.settings.mode is ScanMode.STEP:
            self._highlight(0, first=True)
        else:
            self._highlight(None)

    def stop(self) -> None:
        self._running = False
        self._steps.cancel()
        self._highlight(None)

    def wait(self) -> None:  # the highlight stays still until a focus (an outcome being said)
        self._steps.cancel()

    def set_settings(self, settings: ScanSettings) -> None:
        """New timings/mode; a new interval applies to the item already highlighted."""
        if not INTERVAL_RANGE[0] <= settings.interval <= INTERVAL_RANGE[1]:
            raise ValueError(f"scan interval {settings.interval} outside {INTERVAL_RANGE}")
        mode_changed = settings.mode is not self.settings.mode
        self.settings = settings
        if mode_changed and self._running:
            self.start()
        elif self._steps.running and self.settings.mode in (ScanMode.AUTO, ScanMode.INVERSE):
            self._steps.schedule(self.settings)

    def set_interval(self, seconds: float) -> None:
        """Change the scan speed while scanning (0.5–5 s)."""
        self.set_settings(replace(self.settings, interval=seconds))

    # -- input ----------------------------------------------------------------------------

    def handle(self, intent: Intent, t: float | None = None) -> None:
        """An intent from the switch filter (or a touch on the scan overlay); ``t`` is when
        the switch was pressed (``None``: now)."""
        self.stats.intents += 1
        if isinstance(intent, Command):
            if self._on_command is not None:
                self._on_command(intent)
            return
        self._pressed = self.settings.mode is ScanMode.AUTO
        try:
            self._handle(intent, t)
        finally:
            self._pressed = False

    def _handle(self, intent: Action, t: float | None) -> None:
        mode = self.settings.mode
        if not self._running:
            self.start()
            if mode is not ScanMode.STEP_DWELL:
                return  # the first press only wakes the scanner
        if mode is ScanMode.AUTO and intent is Action.SELECT and t is not None \
                and self.settings.resolve == "press" and self._history:
            self._rewind(t)
        if self._index is None and mode is ScanMode.AUTO:
            self._resume()
            return
        if intent is Action.BACK:
            if len(self._path) > 1:
                self._go_back()
            return
        if mode is ScanMode.INVERSE:
            return  # moves and selection come from hold()
        if intent is Action.SELECT:
            if mode is not ScanMode.STEP_DWELL and self._index is not None:
                self._select()
            elif mode is ScanMode.STEP_DWELL:
                self._move(+1)
        elif intent is Action.NEXT:
            if mode is ScanMode.AUTO:
                self._step_timer_fired_now()
            else:
                self._move(+1)
        elif intent is Action.PREVIOUS:
            if mode is not ScanMode.AUTO:
                self._move(-1)

    def hold(self, intent: Intent, held: bool) -> None:
        """The accepted press started/ended (``SwitchFilter.on_hold``); drives inverse scan."""
        if self.settings.mode is ScanMode.AUTO and not held:
            self._steps.released(self.settings)  # the lockout also runs from the release
        if self.settings.mode is not ScanMode.INVERSE or intent is Action.BACK:
            return
        if not self._running:
            self._running = True
        if held and not self._held:
            self._held = True
            if self._index is None:
                self._highlight(0, first=True)
            else:
                self._move(+1)
        elif not held and self._held:
            self._held = False
            self._steps.cancel()
            if self._index is not None:
                self._select()

    # -- movement -------------------------------------------------------------------------

    def _move(self, delta: int) -> None:
        items = self.items()
        if not items:
            self._highlight(None)
            return
        if self._index is None:
            self._highlight(0 if delta > 0 else len(items) - 1, first=True)
            return
        new = self._index + delta
        if new >= len(items):
            new = 0
            self._loops += 1
        elif new < 0:
            new = len(items) - 1
        self._highlight(new, first=(new == 0))

    def _auto_step(self) -> None:
        """The interval has passed: move on, leave the group, or pause."""
        items = self.items()
        if self._index is not None and self._index + 1 >= len(items):
            self._loops += 1
            if len(self._path) > 1 and self.settings.mode is ScanMode.AUTO \
                    and self._loops >= self.settings.exit_loops:
                self._go_back()
                return
            if len(self._path) == 1 and self.settings.mode is ScanMode.AUTO \
                    and self._loops >= self.settings.loops:
                self.stats.pauses += 1
                self._steps.cancel()
                self._prompt = PAUSED_KEY
                self._highlight(None)
                self._announce_pause()
                return
            self._highlight(0, first=True)
            return
        self._highlight((self._index or 0) + 1 if self._index is not None else 0,
                        first=self._index is None)

    def _rewind(self, t: float) -> None:
        """Put the highlight back where it was at ``t`` (minus the grace) for a SELECT."""
        lit = self._history.rewind(t, self.settings.grace)
        if lit is not None and self._restore(lit):
            self.stats.resolved_earlier += 1
            self._steps.cancel()

    def _timed(self, move: Callable[[], None]) -> None:
        """Run a move the scan timer caused: it joins the highlight history."""
        self._timed_move = True
        try:
            move()
        finally:
            self._timed_move = False

    def _step_timer_fired_now(self) -> None:
        self._steps.cancel()
        self._auto_step()

    def _resume(self) -> None:
        self._path = [self._root]
        self._loops = 0
        self._highlight(0, first=True)
        if self._index is not None:
            self.pause_changed.emit(False)

    def _announce_pause(self) -> None:
        """Nothing lit while scanning: tell the view and say the prompt."""
        if not self.paused:
            return
        self.pause_changed.emit(True)
        if self._prompts is not None:
            self._prompts.cue(self._prompt)

    def _highlight(self, index: int | None, first: bool = False, arm: bool = True) -> None:
        """Put the highlight on ``items()[index]``, cue it, and start its timer.

        ``arm=False`` shows the highlight without starting a dwell (after a model change or
        a back stop, resting there must not choose anything by itself).
        """
        items = self.items()
        if index is not None and not items:
            index = None
        self._index = index
        node = None if index is None else items[index]
        # a press locks the switch for the post-acceptance delay: the stop it lit keeps its time
        self._steps.new_stop(first=first, settle=self.settings.post_acceptance
                             if self._pressed and node is not None else 0.0)
        self._history.record(Lit(self._steps.lit_at, tuple(g.id for g in self._path),
                                 None if node is None else node.id), timed=self._timed_move)
        if node is not None:
            self.stats.moves += 1
        self.highlight_changed.emit(node)
        if node is not None and self._cues is not None:
            self._cues.cue(node.label_key, node.params, on_done=self._steps.cue_started())
        if node is None:
            return
        mode = self.settings.mode
        if mode is ScanMode.AUTO and self._running or mode is ScanMode.INVERSE and self._held:
            self._steps.schedule(self.settings)
        elif mode is ScanMode.STEP_DWELL and arm:
            self._steps.call_later(self.settings.dwell, self._dwell_fired)

    def _due(self) -> None:
        """The lit stop's time is up (and its cue done, if waited for): move on."""
        self._timed(self._auto_step if self.settings.mode is ScanMode.AUTO
                    else lambda: self._move(+1))

    def _dwell_fired(self) -> None:
        if self._index is not None:
            self._select()

    # -- selection ------------------------------------------------------------------------

    def _select(self) -> None:
        node = self.highlighted
        if node is None:
            return
        self._steps.cancel()
        self.selected.emit(node)
        if node is self._back:
            self._go_back()
        elif isinstance(node, Group):
            self._enter(node)
        else:
            self._activate(node)

    def _enter(self, group: Group) -> None:
        self.stats.group_entries += 1
        self._path.append(group)
        self._loops = 0
        self._start_level()

    def _go_back(self) -> None:
        if len(self._path) <= 1:
            return
        self.stats.backs += 1
        left = self._path.pop()
        self._loops = 0
        ids = [n.id for n in self.items()]
        if self.settings.mode is ScanMode.INVERSE:
            self._highlight(None)
        else:
            self._highlight(ids.index(left.id) if left.id in ids else 0, first=True, arm=False)

    def _first_model(self) -> None:
        if self.paused and self._prompt == START_KEY and self.items():
            self._resume()  # first start on an empty screen: scan as soon as there is one

    def _activate(self, target: Target) -> None:
        self.stats.activations += 1
        path_ids = [g.id for g in self._path]
        self._focus_requested = False
        target.activate()
        if self._focus_requested:
            return
        if self.settings.restart == "same_group":
            self._path = resolve_path(self._root, path_ids)
        else:
            self._path = [self._root]
        self._loops = 0
        self._start_level()

    def _start_level(self) -> None:
        """Where the highlight goes when a level (group) starts being scanned."""
        if self.settings.mode in (ScanMode.AUTO, ScanMode.STEP):
            self._highlight(0, first=True)
        elif self.settings.mode is ScanMode.INVERSE and self._held:
            self._highlight(0, first=True)
        else:
            self._highlight(None)

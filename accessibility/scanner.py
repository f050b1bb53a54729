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

Auditory scanning: give a ``CueSpeaker`` (``accessibility.narrator``: ``Narrator`` or
``TimedCues``); each highlighted node's label is cued. With ``wait_for_cue`` the highlight
moves on only after both the interval has passed and the cue's ``on_done`` has fired, so a
slow voice never gets cut by the scan. Time only comes from the injected ``Clock``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum
from typing import Callable, Literal, Mapping, Protocol

from accessibility.actions import Action, Command, Intent
from accessibility.clock import Clock, Timer
from accessibility.scan_history import HighlightHistory, Lit
from accessibility.scan_model import Group, ScanNode, Target
from accessibility.signal import Signal

log = logging.getLogger(__name__)

BACK_ID = "scan:back"
BACK_LABEL_KEY = "access.scan.back"
PAUSED_KEY = "access.scan.paused"  # the loops ran out: "the light has stopped..."
START_KEY = "access.scan.start"  # nothing scanned yet: "press your switch to start"
INTERVAL_RANGE = (0.5, 5.0)


class ScanMode(Enum):
    AUTO = "auto"
    STEP = "step"
    STEP_DWELL = "step_dwell"
    INVERSE = "inverse"


Restart = Literal["top", "same_group"]
Resolve = Literal["press", "processing"]


@dataclass(frozen=True)
class ScanSettings:
    """How the scanner moves. Seconds; defaults follow the switch-access field."""

    mode: ScanMode = ScanMode.AUTO
    grouping: Literal["group", "linear"] = "group"
    interval: float = 1.0
    first_item_delay: float = 0.5
    dwell: float = 1.5
    loops: int = 3  # unanswered loops at the top before pausing
    exit_loops: int = 3  # unanswered loops in a group before leaving it
    restart: Restart = "top"
    wait_for_cue: bool = False
    grace: float = 0.25  # a press this soon after a move still chooses the previous stop
    resolve: Resolve = "press"  # choose what was lit at the press, or at processing time


class CueSpeaker(Protocol):
    """Same shape as ``accessibility.narrator.CueSpeaker`` (kept here to avoid the import)."""

    def cue(self, key: str, params: Mapping[str, object] | None = None, *,
            on_done: Callable[[bool], None] | None = None) -> int: ...


@dataclass
class ScanStats:
    """Counts for tests and benchmarks: highlight moves, activations, intents received."""

    moves: int = 0
    activations: int = 0
    group_entries: int = 0
    backs: int = 0
    intents: int = 0
    pauses: int = 0
    resolved_earlier: int = 0  # presses that chose what was lit before processing time


def _has_enabled(node: ScanNode) -> bool:
    if isinstance(node, Target):
        return node.enabled
    return any(t.enabled for t in node.targets())


def _path_to(root: Group, node_id: str) -> list[Group] | None:
    """Groups from ``root`` down to the group holding ``node_id`` (or to that group itself)."""
    if root.id == node_id:
        return [root]
    for child in root.children:
        if child.id == node_id:
            return [root, child] if isinstance(child, Group) else [root]
        if isinstance(child, Group):
            below = _path_to(child, node_id)
            if below is not None:
                return [root] + below
    return None


class Scanner:
    """Owns the highlight over one scan model; feed it intents, holds and time."""

    def __init__(self, clock: Clock, root: Group, settings: ScanSettings = ScanSettings(),
                 *, cues: CueSpeaker | None = None, prompts: CueSpeaker | None = None,
                 on_command: Callable[[Command], object] | None = None) -> None:
        """``cues`` speaks each highlighted label (auditory scanning); ``prompts`` (default:
        ``cues``) says the prompt while paused, also for learners without auditory scanning."""
        self._clock = clock
        self._prompts = prompts or cues
        self._root = root
        self.settings = settings
        self._cues = cues
        self._on_command = on_command
        self._path: list[Group] = [root]
        self._index: int | None = None
        self._loops = 0
        self._timer: Timer | None = None
        self._interval_due = False
        self._cue_pending = False
        self._highlighted_at = 0.0
        self._held = False
        self._running = False
        self._focus_requested = False
        self._seq = 0
        self.highlight_changed: Signal[[ScanNode | None]] = Signal()
        self.selected: Signal[[ScanNode]] = Signal()
        self.pause_changed: Signal[[bool]] = Signal()
        self._history = HighlightHistory()
        self._timed_move = False  # the highlight change under way comes from the timer
        self._prompt = START_KEY
        self.stats = ScanStats()
        self._back = Target(BACK_ID, BACK_LABEL_KEY, self._go_back)

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
    def root(self) -> Group:
        return self._root

    @property
    def highlighted(self) -> ScanNode | None:
        items = self.items()
        if self._index is None or not items:
            return None
        return items[min(self._index, len(items) - 1)]

    @property
    def group(self) -> Group:
        """The group whose items are being scanned."""
        return self._path[-1]

    @property
    def paused(self) -> bool:
        return self._running and self._index is None and self.settings.mode is ScanMode.AUTO

    @property
    def prompt(self) -> str | None:
        """The i18n key of the prompt to show and say while paused, else ``None``."""
        return self._prompt if self.paused else None

    def items(self) -> list[ScanNode]:
        """What the highlight visits at the current level, in order, back stop last."""
        group = self.group
        if self.settings.grouping == "linear":
            nodes: list[ScanNode] = [t for t in group.targets() if t.enabled]
        else:
            nodes = [c for c in group.children if _has_enabled(c)]
        if len(self._path) > 1:
            nodes.append(self._back)
        return nodes

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
        self._cancel_timer()
        self._highlight(None)

    def wait(self) -> None:  # the highlight stays still until a focus (an outcome being said)
        self._cancel_timer()

    def set_settings(self, settings: ScanSettings) -> None:
        """New timings/mode; a new interval applies to the item already highlighted."""
        if not INTERVAL_RANGE[0] <= settings.interval <= INTERVAL_RANGE[1]:
            raise ValueError(f"scan interval {settings.interval} outside {INTERVAL_RANGE}")
        mode_changed = settings.mode is not self.settings.mode
        self.settings = settings
        if mode_changed and self._running:
            self.start()
        elif self._timer is not None and self.settings.mode in (ScanMode.AUTO, ScanMode.INVERSE):
            self._schedule_step(first=False, since=self._highlighted_at)

    def set_interval(self, seconds: float) -> None:
        """Change the scan speed while scanning (0.5–5 s)."""
        self.set_settings(replace(self.settings, interval=seconds))

    def set_model(self, root: Group, focus: str | None = None) -> None:
        """Take a rebuilt model; the highlight stays on the same id or its nearest neighbour.

        ``focus`` (a group or target id) moves the scan there instead: a group id enters
        that group at its first item, a target id highlights that target. A presenter calls
        this from inside ``Target.activate`` to open a menu; it then wins over the restart
        rule.
        """
        old_items = [n.id for n in self.items()]
        old_index = self._index
        old_id = old_items[old_index] if old_index is not None and old_index < len(old_items) else None
        self._root = root
        if focus is not None and self._focus(focus):
            return
        self._path = self._resolve_path([g.id for g in self._path])
        if old_index is None:
            self._index = None
            if self.paused and self._prompt == START_KEY and self.items():
                self._resume()  # first start on an empty screen: scan as soon as there is one
            return
        new_ids = [n.id for n in self.items()]
        if not new_ids:
            self._highlight(None)
            return
        target_index = self._nearest(old_items, old_index, new_ids)
        if old_id is not None and old_id in new_ids and new_ids.index(old_id) == target_index:
            self._index = target_index  # same node, no new cue
        else:
            self._highlight(target_index, arm=False)

    # -- input ----------------------------------------------------------------------------

    def handle(self, intent: Intent, t: float | None = None) -> None:
        """An intent from the switch filter (or a touch on the scan overlay); ``t`` is when
        the switch was pressed (``None``: now)."""
        self.stats.intents += 1
        if isinstance(intent, Command):
            if self._on_command is not None:
                self._on_command(intent)
            return
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
            self._cancel_timer()
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
                self._cancel_timer()
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
        if lit is None:
            return
        path = self._resolve_path(list(lit.path))
        if len(path) != len(lit.path):
            return  # that group is gone from the model: what is lit now
        self._path = path
        ids = [n.id for n in self.items()]
        self._index = ids.index(lit.node) if lit.node in ids else None
        self.stats.resolved_earlier += 1
        self._cancel_timer()

    def _timed(self, move: Callable[[], None]) -> None:
        """Run a move the scan timer caused: it joins the highlight history."""
        self._timed_move = True
        try:
            move()
        finally:
            self._timed_move = False

    def _step_timer_fired_now(self) -> None:
        self._cancel_timer()
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
        self._cancel_timer()
        self._seq += 1
        items = self.items()
        if index is not None and not items:
            index = None
        self._index = index
        node = None if index is None else items[index]
        self._highlighted_at = self._clock.now()
        self._history.record(Lit(self._highlighted_at, tuple(g.id for g in self._path),
                                 None if node is None else node.id), timed=self._timed_move)
        if node is not None:
            self.stats.moves += 1
        self.highlight_changed.emit(node)
        self._cue_pending = False
        if node is not None and self._cues is not None:
            self._cue_pending = True
            self._cues.cue(node.label_key, node.params, on_done=self._cue_finisher(node))
        if node is None:
            return
        mode = self.settings.mode
        if mode is ScanMode.AUTO and self._running or mode is ScanMode.INVERSE and self._held:
            self._schedule_step(first=first, since=self._highlighted_at)
        elif mode is ScanMode.STEP_DWELL and arm:
            self._timer = self._clock.call_later(self.settings.dwell, self._dwell_fired)

    def _schedule_step(self, first: bool, since: float) -> None:
        self._cancel_timer()
        delay = self.settings.interval + (self.settings.first_item_delay if first else 0.0)
        delay = max(0.0, since + delay - self._clock.now())
        self._interval_due = False
        self._timer = self._clock.call_later(delay, self._interval_fired)

    def _interval_fired(self) -> None:
        self._timer = None
        if self.settings.wait_for_cue and self._cue_pending:
            self._interval_due = True  # move when the cue ends
            return
        self._timed(self._auto_step if self.settings.mode is ScanMode.AUTO
                    else lambda: self._move(+1))

    def _cue_finisher(self, node: ScanNode) -> Callable[[bool], None]:
        seq = self._seq

        def done(_completed: bool) -> None:
            if self._seq != seq:
                return  # a newer highlight took over
            self._cue_pending = False
            if self._interval_due:
                self._interval_due = False
                self._timed(self._auto_step if self.settings.mode is ScanMode.AUTO
                            else lambda: self._move(+1))

        return done

    def _dwell_fired(self) -> None:
        self._timer = None
        if self._index is not None:
            self._select()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._interval_due = False

    # -- selection ------------------------------------------------------------------------

    def _select(self) -> None:
        node = self.highlighted
        if node is None:
            return
        self._cancel_timer()
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

    def _activate(self, target: Target) -> None:
        self.stats.activations += 1
        path_ids = [g.id for g in self._path]
        self._focus_requested = False
        target.activate()
        if self._focus_requested:
            return
        if self.settings.restart == "same_group":
            self._path = self._resolve_path(path_ids)
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

    # -- model changes --------------------------------------------------------------------

    def _focus(self, node_id: str) -> bool:
        path = _path_to(self._root, node_id)
        if path is None:
            log.warning("focus on unknown scan node %s", node_id)
            return False
        self._focus_requested = True
        self._loops = 0
        if path[-1].id == node_id:  # a group: enter it
            self._path = path
            self._start_level()
            return True
        self._path = self._resolve_path([g.id for g in self._path])
        ids = [n.id for n in self.items()]
        if node_id not in ids:  # not reachable from here: go to the group that holds it
            self._path = path if self.settings.grouping == "group" else [self._root]
            ids = [n.id for n in self.items()]
        self._highlight(ids.index(node_id) if node_id in ids else 0, first=True, arm=False)
        return True

    def _resolve_path(self, ids: list[str]) -> list[Group]:
        path = [self._root]
        for group_id in ids[1:]:
            found = next((c for c in path[-1].children
                          if isinstance(c, Group) and c.id == group_id), None)
            if found is None or not _has_enabled(found):
                break
            path.append(found)
        return path

    @staticmethod
    def _nearest(old_ids: list[str], old_index: int, new_ids: list[str]) -> int:
        """Same id if present, else the closest old neighbour still present (after first);
        the back stop only if it was the highlighted item."""
        if old_ids[old_index] in new_ids:
            return new_ids.index(old_ids[old_index])
        for distance in range(1, len(old_ids) + 1):
            for candidate in (old_index + distance, old_index - distance):
                if 0 <= candidate < len(old_ids) and old_ids[candidate] != BACK_ID \
                        and old_ids[candidate] in new_ids:
                    return new_ids.index(old_ids[candidate])
        return min(old_index, len(new_ids) - 1)

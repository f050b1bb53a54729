"""One level being played: the editor, its presenter, guided mode, and running the program.

No Kivy here: the view listens (world state, acting block, program changes) and draws.
A run advances one event at a time on the injected clock; with narration on, the next
event waits until the last one has been said, so a child hears every step.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping

from accessibility.clock import Clock, Timer
from accessibility.guided_mode import GuidedSession, Independence, Speaker
from accessibility.guided_presenter import GuidedPresenter
from accessibility.guided_steps import steps_from_solution
from accessibility.message import Message
from accessibility.narrator import Priority
from accessibility.next_step import NextStep
from accessibility.prediction import PaletteOrder
from accessibility.presenters.workspace_presenter import ScanHooks, WorkspacePresenter
from accessibility.profiles import AccessProfile
from accessibility.signal import Signal
from accessibility.translator import Translator
from levels.editor import EditError, Editor
from levels.interpreter import EventKind, Outcome, Run, RunEvent
from levels.level import Level
from levels.program import Block, from_solution, to_solution, walk
from levels.python_parser import PythonError, PythonProblem, parse_python
from levels.python_view import PythonText, to_python
from levels.world import Cell, Heading

log = logging.getLogger(__name__)

STEP_TIME = 0.45  # seconds between two events of a run (at least)
SILENT_EVENTS = {EventKind.CHECKED, EventKind.CALLED}


@dataclass(frozen=True)
class WorldState:
    """What the world view draws."""

    cell: Cell
    heading: Heading
    collected: frozenset[Cell] = frozenset()
    painted: Mapping[Cell, str] = field(default_factory=dict)
    bumped: bool = False


@dataclass(frozen=True)
class HintMarks:
    """What a hint points at, drawn while it is fresh: squares of the world (the goal, the
    stars still there, the squares still to paint) and the palette block still missing."""

    cells: frozenset[Cell] = frozenset()
    block: str | None = None


@dataclass
class SessionListeners:
    """What the workspace view listens to: the world, the acting block's uid, the program,
    a run's outcome (held on screen until read) and the end of its narration (scanning
    waits for it)."""

    world: Signal[[WorldState]] = field(default_factory=Signal)
    acting: Signal[[str | None]] = field(default_factory=Signal)
    program: Signal[[]] = field(default_factory=Signal)
    outcome: Signal[[Message]] = field(default_factory=Signal)
    outcome_said: Signal[[]] = field(default_factory=Signal)
    hint: Signal[[HintMarks]] = field(default_factory=Signal)


class WorkspaceSession:
    def __init__(self, level: Level, *, translator: Translator, speaker: Speaker, clock: Clock,
                 profile: AccessProfile, draft: list[object] | None = None,
                 independence: Mapping[str, object] | None = None,
                 on_finished: Callable[[Outcome, float], None],
                 on_map: Callable[[], None],
                 on_draft: Callable[[list[object]], None] = lambda _program: None,
                 on_independence: Callable[[dict[str, int]], None] = lambda _data: None,
                 on_hint: Callable[[], None] = lambda: None,
                 palette_order: PaletteOrder | None = None,
                 step_time: float = STEP_TIME) -> None:
        self.level = level
        self.translator = translator
        self.speaker = speaker
        self.clock = clock
        self.profile = profile
        self.step_time = 0.0 if step_time <= 0 else step_time
        self.listeners = SessionListeners()
        self._on_finished = on_finished
        self._on_draft = on_draft
        self._on_independence = on_independence
        self._on_hint = on_hint
        self.editor = Editor(level.palette, max_blocks=level.max_blocks,
                             program=self._first_program(draft, profile.guided_mode))
        self.presenter = WorkspacePresenter(
            self.editor, translator=translator, on_run=self.run, on_step=self.step,
            on_reset=self.reset, on_hint=self.hint, on_map=on_map, on_stop=self.stop,
            on_changed=self._program_changed, on_message=self._say_message,
            **self._scan_hooks(level, palette_order, translator))
        self.presenter.running = lambda: self.running
        self.guided: GuidedSession | None = None
        self.guided_presenter: GuidedPresenter | None = None
        if profile.guided_mode:
            self.guided = GuidedSession(
                steps_from_solution(to_solution(level.solution)), level.palette,
                self._place_guided, speaker, translator, clock,
                independence=Independence.from_dict(dict(independence or {}) or None))
            self.guided_presenter = GuidedPresenter(self.guided)
            self.presenter.attach_guided(self.guided_presenter)
            self.guided.on_change(lambda session: self._on_independence(
                session.independence.to_dict()))
        self.world_state = self._start_state()
        self.acting: str | None = None
        self.outcome: Outcome | None = None
        self._run: Run | None = None
        self._events: Iterator[RunEvent] | None = None
        self._timer: Timer | None = None
        self._waiting_speech = False
        self._waiting_time = False
        self._stepping = False
        self._tick = 0
        self._started = clock.now()

    def _scan_hooks(self, level: Level, palette_order: PaletteOrder | None,
                    translator: Translator) -> ScanHooks:
        """A scanning learner's palette, parameters, places and Run in the order the
        level's solver suggests (the teacher's ``suggest`` setting; guided mode keeps its
        own rules); a touch palette (no ``palette_order``) never reorders."""
        if palette_order is None:
            return {}
        mode = "off" if self.profile.guided_mode else self.profile.suggest
        return NextStep(level, self.editor, palette_order, mode=mode,
                        translate=translator.t).hooks()

    def _first_program(self, draft: list[object] | None, guided: bool) -> list[Block]:
        """The learner's unfinished program if it still fits the level, else the level's
        starting blocks (guided mode always builds from the start)."""
        if draft and not guided:
            try:
                blocks = from_solution(draft)
                Editor(self.level.palette, max_blocks=self.level.max_blocks, program=blocks)
                return blocks
            except (EditError, ValueError, KeyError) as error:
                log.warning("draft for %s does not fit the level any more: %s", self.level.id,
                            error)
        return list(self.level.start)

    # -- what the app calls ---------------------------------------------------------------

    def start(self) -> None:
        self.speaker.say(self.level.title_key)
        self.speaker.say(self.level.instruction_key)
        if self.guided is not None:
            self.guided.start()

    def close(self) -> None:
        self._cancel_timer()
        if self.guided is not None:
            self.guided.stop()

    def prompted(self) -> str | None:
        """The target guided mode shows as a prompt (not the scan highlight), if any."""
        if self.guided_presenter is None:
            return None
        return self.guided_presenter.highlighted_target()

    @property
    def running(self) -> bool:
        return self._events is not None

    def python_text(self) -> PythonText:
        return to_python(self.editor.blocks())

    def type_python(self, text: str) -> list[PythonProblem]:
        """Take Python typed by the learner; the problems (empty when it was taken)."""
        try:
            blocks = parse_python(text)
            self.editor.load(blocks)
        except PythonError as error:
            return self._said(error.problems)
        except EditError as error:
            return self._said([PythonProblem(error.key, 1, 1, dict(error.params))])
        self._program_changed()
        self.presenter.refresh()
        return []

    def _said(self, problems: list[PythonProblem]) -> list[PythonProblem]:
        """Python's problems are said too, not only shown in small text (the first one)."""
        if problems:
            self.speaker.say(problems[0].key, dict(problems[0].params), priority=Priority.NEXT)
        return problems

    def hint(self) -> None:
        """Say the level's hint and point at what it is about (``HintMarks``)."""
        self.speaker.say(self.level.hint_key, priority=Priority.NEXT)
        self._on_hint()
        self.listeners.hint.emit(self.hint_marks())

    def hint_marks(self) -> HintMarks:
        world, state = self.level.world, self.world_state
        cells = set(world.stars - state.collected)
        cells |= {cell for cell, colour in (world.picture or {}).items()
                  if state.painted.get(cell) != colour}
        if world.goal is not None:
            cells.add(world.goal)
        have = [block.kind for _path, block in walk(self.editor.blocks())]
        need = [block.kind for _path, block in walk(list(self.level.solution))]
        # the first block where the program leaves the level's solution (reading order)
        missing = next((kind for index, kind in enumerate(need)
                        if index >= len(have) or have[index] != kind), None)
        return HintMarks(frozenset(cells), missing)

    def run(self) -> None:
        """Run the whole program (or stop it, when it is already running)."""
        if self.running and not self._stepping:
            self.stop()
            return
        if not self.running:
            self._begin()
        self._stepping = False
        self._advance()

    def step(self) -> None:
        """One event at a time: a press, a step."""
        if not self.running:
            self._begin()
        self._stepping = True
        self._cancel_timer()
        self._advance()

    def stop(self) -> None:
        if self.running:
            self._cancel_timer()
            self._events = None
            self._set_acting(None)
            self.speaker.silence()
            self.speaker.say("narration.events.program_stopped")
            self.presenter.refresh()

    def reset(self) -> None:
        was_running = self.running
        self._cancel_timer()
        self._events = None
        self._run = None
        self.outcome = None
        self._set_acting(None)
        self._set_world(self._start_state())
        if was_running:
            self.presenter.refresh()

    # -- running --------------------------------------------------------------------------

    def _begin(self) -> None:
        self.outcome = None
        self._set_world(self._start_state())
        self._run = Run(self.level.world, self.editor.blocks(), max_steps=self.level.max_steps,
                        par=self.level.par)
        self._events = self._run.events()
        self.speaker.say("narration.events.program_started", priority=Priority.NEXT)
        self.presenter.refresh()  # Run becomes Stop

    def _advance(self) -> None:
        events = self._events
        assert events is not None and self._run is not None
        try:
            event = next(events)
        except StopIteration:
            self._finish()
            return
        state = self._run.state
        self._set_acting(event.uid)
        self._set_world(WorldState(event.cell, event.heading, frozenset(state.collected),
                                   dict(state.painted), event.kind is EventKind.BUMPED_WALL))
        if self._stepping:
            if event.kind not in SILENT_EVENTS:
                self.speaker.say(event.narration_key, _event_params(event, self.translator))
            return
        self._tick += 1
        tick = self._tick
        self._waiting_time = True
        self._waiting_speech = event.kind not in SILENT_EVENTS
        if self._waiting_speech:
            self.speaker.say(event.narration_key, _event_params(event, self.translator),
                             on_done=lambda _completed: self._spoken(tick))
        self._timer = self.clock.call_later(self.step_time, self._time_passed)

    def _spoken(self, tick: int) -> None:
        if tick == self._tick:  # not a late answer about an earlier step
            self._waiting_speech = False
            self._maybe_continue()

    def _time_passed(self) -> None:
        self._timer = None
        self._waiting_time = False
        self._maybe_continue()

    def _maybe_continue(self) -> None:
        if self.running and not self._stepping and not self._waiting_time \
                and not self._waiting_speech:
            self._advance()

    def _finish(self) -> None:
        run = self._run
        assert run is not None and run.outcome is not None
        self._events = None
        self._set_acting(None)
        outcome = self.outcome = run.outcome
        seconds = self.clock.now() - self._started
        self._started = self.clock.now()
        message = Message("narration.events.level_complete", {"count": outcome.stars}) \
            if outcome.solved else Message(f"levels.outcome.{outcome.reason.value}")
        self.presenter.refresh()  # Stop becomes Run
        self.listeners.outcome.emit(message)
        self.speaker.say(message.key, dict(message.params), priority=Priority.NEXT,
                         on_done=lambda _completed: self.listeners.outcome_said.emit())
        self._on_finished(outcome, seconds)

    # -- inside ---------------------------------------------------------------------------

    def _start_state(self) -> WorldState:
        world = self.level.world
        return WorldState(world.start, world.heading)

    def _place_guided(self, step: object) -> None:
        self.editor.set_cursor(step.parent, step.position)  # type: ignore[attr-defined]
        self.editor.insert(step.block, dict(step.params))  # type: ignore[attr-defined]
        self._program_changed()

    def _program_changed(self) -> None:
        self.listeners.hint.emit(HintMarks())  # the hint was about the program before
        if self.running:
            self.reset()
        self._on_draft(to_solution(self.editor.blocks()))
        self.listeners.program.emit()
        if self.level.run_on_add and self.editor.blocks() and not self.running:
            self.run()  # a first-rung level: cause and effect, one press and the robot acts

    def _say_message(self, message: Message) -> None:
        self.speaker.say(message.key, dict(message.params), priority=Priority.NEXT)

    def _set_world(self, state: WorldState) -> None:
        self.world_state = state
        self.listeners.world.emit(state)

    def _set_acting(self, uid: str | None) -> None:
        self.acting = uid
        self.listeners.acting.emit(uid)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiting_time = self._waiting_speech = False


def _event_params(event: RunEvent, translator: Translator) -> dict[str, object]:
    if event.kind in (EventKind.PAINTED, EventKind.ANSWERED):
        return {"colour": translator.t(f"blocks.value.colour.{event.value}")}
    if event.kind in (EventKind.COLLECTED_STAR, EventKind.DROPPED) \
            and isinstance(event.value, tuple):
        colour, number = event.value
        return {"colour": translator.t(f"blocks.value.colour.{colour}"), "number": number}
    return {}

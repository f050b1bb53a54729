"""Guided mode: one step at a time, few choices, prompts that escalate and fade, no failure.

A ``GuidedSession`` walks a level's steps (``guided_steps``). For each step it offers the
right block and a few distractors from the level's palette, says a prompt at the learner's
current level of help, and, when nothing happens, escalates on the injected clock: a spoken
reminder, then the right choice highlighted, then the block placing itself. A wrong choice
is never buzzed: it is gently redirected, taken away, and the help goes up one level. The
learner's ``Independence`` per level moves towards less help after a run of steps done at
the starting level and towards more help when they repeatedly need more; the app persists
it (``to_dict``/``from_dict``) so the next session starts where the learner is.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from enum import IntEnum
from typing import Callable, Mapping, Protocol, Sequence

from accessibility.clock import Clock, Timer
from accessibility.guided_steps import GuidedStep, LabelKey, default_label_key
from accessibility.narrator import Done, Priority
from accessibility.signal import Signal
from accessibility.translator import Translator


class Help(IntEnum):
    """How much help a step is given (most-to-least prompting, in reverse order)."""

    NONE = 0  # "What comes next?"
    VERBAL = 1  # the block is named
    HIGHLIGHT = 2  # the right choice is highlighted on screen and named
    MODEL = 3  # the block places itself while the learner watches


PROMPT_KEYS = {
    Help.NONE: "guided.prompt.what_next",
    Help.VERBAL: "guided.prompt.choose",
    Help.HIGHLIGHT: "guided.prompt.highlight",
    Help.MODEL: "guided.prompt.watch",
}
PRAISE_KEYS = ("guided.praise.great", "guided.praise.yes", "guided.praise.good_choice")
REDIRECT_KEYS = ("guided.redirect.try_this", "guided.redirect.almost")


class Speaker(Protocol):
    """The part of the narrator guided mode uses."""

    def say(self, key: str, params: Mapping[str, object] | None = None, *,
            priority: Priority = Priority.NORMAL, on_done: Done | None = None) -> int: ...

    def silence(self) -> None: ...


@dataclass(frozen=True)
class GuidedConfig:
    """An educator's settings (part of the access profile)."""

    max_distractors: int = 2
    reminder_after: float = 8.0  # seconds without a choice before the help goes up a level
    show_for: float = 3.0  # seconds the block is shown before it places itself
    fade_after: int = 3  # steps in a row done at the starting help before it fades
    raise_after: int = 2  # steps in a row needing more help before the start goes up

    def __post_init__(self) -> None:
        if not 0 <= self.max_distractors <= 5:
            raise ValueError("max_distractors must be between 0 and 5")
        if not 2.0 <= self.reminder_after <= 60.0:
            raise ValueError("reminder_after must be between 2 and 60 seconds")
        if not 0.5 <= self.show_for <= 30.0:
            raise ValueError("show_for must be between 0.5 and 30 seconds")
        if self.fade_after < 1 or self.raise_after < 1:
            raise ValueError("fade_after and raise_after must be at least 1")


@dataclass
class Independence:
    """Where one learner stands on one level: the help a step starts with, and the runs."""

    start: Help = Help.VERBAL
    streak: int = 0  # steps in a row done with no more help than ``start``
    misses: int = 0  # steps in a row that needed more help than ``start``

    @property
    def score(self) -> float:
        """0 (every block shown) .. 1 (independent), for the educator's view."""
        return 1.0 - int(self.start) / int(Help.MODEL)

    def record(self, needed: Help, config: GuidedConfig) -> None:
        """Fade after a run of successes; raise the starting help after a run of misses."""
        if needed <= self.start:
            self.streak, self.misses = self.streak + 1, 0
            if self.streak >= config.fade_after and self.start > Help.NONE:
                self.start, self.streak = Help(self.start - 1), 0
        else:
            self.streak, self.misses = 0, self.misses + 1
            if self.misses >= config.raise_after and self.start < Help.MODEL:
                self.start, self.misses = Help(self.start + 1), 0

    def to_dict(self) -> dict[str, int]:
        return {"start": int(self.start), "streak": self.streak, "misses": self.misses}

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> "Independence":
        """Read a saved value; anything unreadable starts again from the default."""
        try:
            return cls(Help(int(data["start"])), int(data.get("streak", 0)),  # type: ignore[index,arg-type,union-attr]
                       int(data.get("misses", 0)))  # type: ignore[arg-type,union-attr]
        except (TypeError, ValueError, KeyError):
            return cls()


@dataclass(frozen=True)
class Choice:
    """One block offered for the current step."""

    block: str
    label_key: str
    right: bool


@dataclass
class StepState:
    """The step being worked on, as the presenter draws it."""

    step: GuidedStep
    choices: list[Choice]
    help: Help
    needed: Help
    highlighted: str | None = None  # block id highlighted on screen (Help.HIGHLIGHT+)
    errors: int = 0


@dataclass
class StepResult:
    step: GuidedStep
    needed: Help
    errors: int
    placed_by_learner: bool


Place = Callable[[GuidedStep], None]


class GuidedSession:
    """Runs guided mode over one level's steps; ``choose`` is what a touch or a switch calls."""

    def __init__(
        self,
        steps: Sequence[GuidedStep],
        palette: Sequence[str],
        place: Place,
        speaker: Speaker,
        translator: Translator,
        clock: Clock,
        *,
        config: GuidedConfig | None = None,
        independence: Independence | None = None,
        label_key: LabelKey = default_label_key,
        seed: int = 0,
    ) -> None:
        self.steps = list(steps)
        self.palette = list(dict.fromkeys(palette))
        self.config = config or GuidedConfig()
        self.independence = independence or Independence()
        self.results: list[StepResult] = []
        self.state: StepState | None = None
        self._place = place
        self._speaker = speaker
        self._translator = translator
        self._clock = clock
        self._label_key = label_key
        self._rng = random.Random(seed)
        self._timer: Timer | None = None
        self.changed: Signal[[GuidedSession]] = Signal()
        self._praise = 0

    # --- what the presenter and the app call ------------------------------------------------

    def on_change(self, listener: Callable[["GuidedSession"], None]) -> None:
        """Called after every change of step, choices, help or highlight (redraw, persist)."""
        self.changed.connect(listener)

    @property
    def finished(self) -> bool:
        return len(self.results) == len(self.steps)

    def start(self) -> None:
        self._speaker.say("guided.start")
        self._begin(0)

    def choose(self, block: str) -> None:
        """The learner picked ``block``: place it, or redirect gently and help more."""
        state = self.state
        if state is None:
            return
        if block == state.step.block:
            self._complete(by_learner=True)
            return
        state.errors += 1
        state.choices = [c for c in state.choices if c.block != block]
        self._speaker.silence()
        key = REDIRECT_KEYS[(state.errors - 1) % len(REDIRECT_KEYS)]
        self._speaker.say(key, self._block_params(state.step))
        self._escalate(to=max(Help.HIGHLIGHT, Help(min(state.help + 1, Help.MODEL))),
                       speak=False)

    def repeat_prompt(self) -> None:
        """Say the current prompt again (the learner asked; it does not count as help)."""
        if self.state is not None:
            self._prompt()
            self._restart_timer()

    def stop(self) -> None:
        """Leave guided mode (the program built so far stays)."""
        self._cancel_timer()
        self.state = None
        self._changed()

    # --- steps --------------------------------------------------------------------------

    def _begin(self, index: int) -> None:
        if index >= len(self.steps):
            self.state = None
            self._cancel_timer()
            self._speaker.say("guided.done")
            self._changed()
            return
        step = self.steps[index]
        help_ = self.independence.start
        self.state = StepState(step, self._choices_for(step, help_), help_, help_)
        if help_ >= Help.HIGHLIGHT:
            self.state.highlighted = step.block
        self._speaker.say("guided.step", {"step": index + 1, "total": len(self.steps)})
        if help_ is Help.MODEL:
            self._model()
            return
        self._prompt()
        self._restart_timer()
        self._changed()

    def _choices_for(self, step: GuidedStep, help_: Help) -> list[Choice]:
        """The right block and up to ``max_distractors`` others; fewer when more help is given."""
        wanted = max(0, self.config.max_distractors - max(0, int(help_) - 1))
        others = [b for b in self.palette if b != step.block]
        distractors = self._rng.sample(others, min(wanted, len(others)))
        choices = [Choice(step.block, step.label_key, True)]
        choices += [Choice(b, self._label_key(b), False) for b in distractors]
        self._rng.shuffle(choices)
        return choices

    def _complete(self, by_learner: bool) -> None:
        state = self.state
        assert state is not None
        self._cancel_timer()
        self._place(state.step)
        self.results.append(StepResult(state.step, state.needed, state.errors, by_learner))
        self.independence.record(state.needed if state.errors == 0 else
                                 max(state.needed, Help.HIGHLIGHT), self.config)
        if by_learner:
            self._speaker.silence()
            self._speaker.say(PRAISE_KEYS[self._praise % len(PRAISE_KEYS)])
            self._praise += 1
        self._begin(state.step.index + 1)

    # --- prompts and escalation ---------------------------------------------------------

    def _prompt(self) -> None:
        state = self.state
        assert state is not None
        self._speaker.say(PROMPT_KEYS[state.help], self._block_params(state.step))

    def _escalate(self, to: Help | None = None, speak: bool = True) -> None:
        state = self.state
        if state is None:
            return
        target = to if to is not None else Help(min(state.help + 1, Help.MODEL))
        state.help = target
        state.needed = max(state.needed, target)
        if target >= Help.HIGHLIGHT:
            state.highlighted = state.step.block
        if speak:
            self._speaker.silence()
        if target is Help.MODEL:
            self._model()
            return
        if speak:
            self._prompt()
        self._restart_timer()
        self._changed()

    def _model(self) -> None:
        """Show the block, then let it place itself: the learner watches, nothing fails.

        The learner may still choose it while it is shown.
        """
        state = self.state
        assert state is not None
        state.help = state.needed = Help.MODEL
        state.highlighted = state.step.block
        self._prompt()
        self._cancel_timer()
        self._timer = self._clock.call_later(self.config.show_for, self._place_itself)
        self._changed()

    def _place_itself(self) -> None:
        self._timer = None
        if self.state is not None:
            self._complete(by_learner=False)

    def _restart_timer(self) -> None:
        self._cancel_timer()
        self._timer = self._clock.call_later(self.config.reminder_after, self._on_idle)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _on_idle(self) -> None:
        self._timer = None
        self._escalate()

    def _block_params(self, step: GuidedStep) -> dict[str, object]:
        return {"block": self._translator.t(step.label_key)}

    def _changed(self) -> None:
        self.changed.emit(self)

"""What a scanning learner is offered first, as the level's own solver sees it.

Today's statistical order (``accessibility.prediction``) knows the track's habits, not the
world the child stands in. The solver (``levels.solver``) knows which programs still solve
the level from the program so far; its shortest completion's next step is offered first
in every group: the block in the palette, its parameter, the place it goes (the palette's
"continue after" stop or the program's insertion point), Run once the program solves the
level, and Undo when no completion is left (a wrong block is in the way).

The teacher chooses per learner (``AccessProfile.suggest``):

- ``off``: today's statistical order, unchanged;
- ``order``: the solver's choice first in every group (the default);
- ``first``: as ``order``, and the workspace opens with one "Suggested: Repeat 4 times"
  target that places block, parameters and place in one choice.

Where the solver has no answer within its budget the statistical order stands. Touch
palettes never reorder (the app passes no hooks for them). Each uncached prediction's
duration is kept in ``timings`` (seconds, from the injected ``timer``) for the benchmark.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from accessibility.block_labels import block_text
from accessibility.prediction import PaletteOrder, PortLike, ValueOrder, value_order_for
from accessibility.presenters.workspace_presenter import (
    CONTROLS_ID,
    EXIT_ID,
    PALETTE_ID,
    RUN_ID,
    ScanHooks,
    insertion_id,
)
from accessibility.profiles import SUGGEST_MODES
from accessibility.scan_model import Group, ScanNode, Target
from levels.program import Block
from levels.solver import Puzzle, Solver, Step, build_steps

MODES: tuple[str, ...] = SUGGEST_MODES
DEFAULT_MODE = "order"
SUGGEST_ID = "suggest:next"
UNDO_ID = "control:undo"


@dataclass(frozen=True)
class Suggestion:
    """The solver's answer for the program as it is: place ``step`` next, or press Run
    (``run``: the program solves the level), or take the last block back (``undo``)."""

    step: Step | None = None
    run: bool = False
    undo: bool = False


class NextStep:
    """The presenter's hooks for one level being edited in one editor."""

    def __init__(self, level: Any, editor: Any, statistical: PaletteOrder, *,
                 mode: str = DEFAULT_MODE, budget: int | None = None,
                 translate: Callable[..., str] = lambda key, **_params: key,
                 timer: Callable[[], float] = time.perf_counter) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown suggestion mode {mode!r}")
        self.mode = mode
        self.editor = editor
        puzzle = Puzzle(level.world, tuple(level.palette), level.max_blocks, level.max_steps)
        extra = {} if budget is None else {"budget": budget}
        self.solver = Solver(puzzle, [level.solution], **extra)
        self.statistical = statistical  # today's order, where the solver has no answer
        self.corridor: ValueOrder = value_order_for(level, editor)
        self.timings: list[float] = []
        self._timer = timer
        self._translate = translate
        self._cache: dict[tuple[object, ...], Suggestion | None] = {}

    def hooks(self) -> ScanHooks:
        """The ``WorkspacePresenter`` keyword arguments that plug this in."""
        return {"palette_order": self.palette_order, "value_order": self.value_order,
                "arrange": self.arrange, "lead": self.lead}

    # -- the answer -----------------------------------------------------------------------

    def suggestion(self) -> Suggestion | None:
        """The solver's next step for the editor's program; ``None``: no answer (off, or
        the search ran out of budget), so the statistical order stands."""
        if self.mode == "off":
            return None
        blocks: list[Block] = list(self.editor.blocks())
        key = (tuple(build_steps(blocks)), bool(self.editor.can_undo))
        if key not in self._cache:
            started = self._timer()
            self._cache[key] = self._predict(blocks)
            self.timings.append(self._timer() - started)
        return self._cache[key]

    def _predict(self, blocks: list[Block]) -> Suggestion | None:
        completions = self.solver.completions(blocks)
        if not completions:
            # off every known plan and nothing found (none exists, or the budget ran out):
            # taking the last edit back leads to a known path again; the palette keeps the
            # statistical order
            return Suggestion(undo=True) if blocks and self.editor.can_undo else None
        best = completions[0]
        return Suggestion(step=best.steps[0]) if best.steps else Suggestion(run=True)

    # -- the presenter's hooks ------------------------------------------------------------

    def palette_order(self, kinds: list[str], port: PortLike) -> list[str]:
        """The statistical order with the suggested block first."""
        ordered = self.statistical(list(kinds), port)
        found = self.suggestion()
        if found is None or found.step is None or found.step.kind not in ordered:
            return ordered
        return [found.step.kind, *(kind for kind in ordered if kind != found.step.kind)]

    def value_order(self, kind: str, name: str, values: tuple[object, ...]
                    ) -> tuple[object, ...]:
        """The corridor order with the suggested value first (when the block is the one
        suggested)."""
        ordered = self.corridor(kind, name, values)
        found = self.suggestion()
        if found is None or found.step is None or found.step.kind != kind:
            return ordered
        wanted = found.step.param_map.get(name)
        if wanted not in ordered:
            return ordered
        return (wanted, *(value for value in ordered if value != wanted))

    def lead(self, presenter: Any) -> str | None:
        """Where the scan goes after an edit: Run once the program solves the level, Undo
        when it cannot, the way to the suggested place, or the one-choice suggestion."""
        found = self.suggestion()
        if found is None:
            return None
        if found.run or found.undo:
            return RUN_ID if found.run else UNDO_ID
        step = found.step
        assert step is not None
        if self.mode == "first":
            return SUGGEST_ID
        wanted = insertion_id(step.parent, step.position)
        if presenter.cursor_id() == wanted:
            return None
        return presenter.shortcut_to(wanted) or wanted

    def arrange(self, children: list[ScanNode], presenter: Any) -> list[ScanNode]:
        """The workspace's groups with the suggested place, Run or Undo first, and in
        ``first`` mode the one-choice suggestion before everything."""
        found = self.suggestion()
        if found is None:
            return children
        if found.run:
            return _first(children, RUN_ID)
        if found.undo:
            controls = _find(children, CONTROLS_ID)
            if isinstance(controls, Group):
                controls.children = _first(controls.children, UNDO_ID)
            return _first(children, CONTROLS_ID)
        step = found.step
        assert step is not None
        place = presenter.cursor_id()
        wanted = insertion_id(step.parent, step.position)
        if place != wanted:
            children = self._lead_to(children, presenter, wanted)
        if self.mode == "first":
            children = [self._one_choice(step, presenter), *children]
        return children

    def _lead_to(self, children: list[ScanNode], presenter: Any, wanted: str
                 ) -> list[ScanNode]:
        """The palette's "continue after" stop first when it leads to the suggested place
        (the program group keeps the cursor first: the screen draws it as the cursor)."""
        palette = _find(children, PALETTE_ID)
        if presenter.shortcut_to(wanted) == EXIT_ID and isinstance(palette, Group):
            palette.children = _first(palette.children, EXIT_ID)
        return children

    def _one_choice(self, step: Step, presenter: Any) -> Target:
        return Target(SUGGEST_ID, "predict.suggested",
                      lambda: presenter.place(step.parent, step.position, step.kind,
                                              step.param_map),
                      params={"choice": block_text(step.kind, step.param_map,
                                                   self._translate)},
                      description_key="predict.suggested_help")


def _find(children: Sequence[ScanNode], node_id: str) -> ScanNode | None:
    return next((child for child in children if child.id == node_id), None)


def _first(children: Sequence[ScanNode], node_id: str) -> list[ScanNode]:
    """``children`` with ``node_id`` moved to the front (unchanged if it is not there)."""
    lead = [child for child in children if child.id == node_id]
    return [*lead, *(child for child in children if child.id != node_id)]

"""A simulated eye-tracker or head-mouse user: moves a pointer and rests, never clicks.

Windowless, the screen is a grid layout of the scan model's targets (the core only needs a
hit test). ``PointerUser.choose`` moves the pointer in a straight line at a steady speed
(passing over other targets) to a random point of the goal's cell, then rests there with
tremor noise until the dwell chooses. ``play_level_by_pointer`` builds a level's reference
solution this way through the real ``WorkspacePresenter`` on a ``FakeClock``.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from accessibility.clock import FakeClock
from accessibility.pointer_dwell import DwellSettings, PointerDwell
from accessibility.presenters.workspace_presenter import WorkspacePresenter
from accessibility.scan_model import Group
from accessibility.translator import Translator
from levels.editor import Editor, as_solution
from levels.interpreter import Outcome, run_program
from levels.level import Level
from levels.program import to_solution
from tests.support.simulated_user import UserStuck, build_solution

SAMPLE = 0.02  # seconds between pointer samples (a 50 Hz tracker)
CELL, GAP, COLUMNS = (140.0, 90.0), 20.0, 6


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height


class GridScreen:
    """The shown model's enabled targets laid out in a grid, in scan order."""

    def __init__(self, model: Group) -> None:
        self.model = model

    def show(self, model: Group, _focus: str | None = None) -> None:
        self.model = model

    def rects(self) -> dict[str, Rect]:
        out = {}
        for index, target in enumerate(self.model.targets()):
            row, column = divmod(index, COLUMNS)
            out[target.id] = Rect(GAP + column * (CELL[0] + GAP), GAP + row * (CELL[1] + GAP),
                                  *CELL)
        return out

    def hit(self, x: float, y: float) -> str | None:
        return next((tid for tid, rect in self.rects().items() if rect.contains(x, y)), None)

    def activate(self, target_id: str) -> None:
        """What a touch does (``Navigator.activate``)."""
        target = self.model.find(target_id)
        if target is not None and target.enabled:
            target.activate()


class PointerUser:
    def __init__(self, clock: FakeClock, screen: GridScreen, settings: DwellSettings, *,
                 seed: int = 0, tremor: float = 0.0, speed: float = 900.0) -> None:
        """``tremor``: the largest jitter (pixels) of a resting pointer; ``speed``: px/s."""
        self.clock = clock
        self.screen = screen
        self.rng = random.Random(seed)
        self.tremor = tremor
        self.speed = speed
        self.dwell = PointerDwell(clock, settings, screen.hit, screen.activate)
        self.goals: list[str] = []
        self.at = (0.0, 0.0)

    def _sample(self, x: float, y: float) -> None:
        self.clock.advance(SAMPLE)
        self.dwell.move(x, y)

    def choose(self, goal: str, limit: float = 20.0) -> None:
        rect = self.screen.rects().get(goal)
        if rect is None:
            raise UserStuck(f"{goal} is not on the screen")
        self.goals.append(goal)
        margin = min(rect.width, rect.height) * 0.2
        aim = (self.rng.uniform(rect.x + margin, rect.x + rect.width - margin),
               self.rng.uniform(rect.y + margin, rect.y + rect.height - margin))
        steps = max(1, math.ceil(math.dist(self.at, aim) / (self.speed * SAMPLE)))
        for step in range(1, steps + 1):
            self._sample(self.at[0] + (aim[0] - self.at[0]) * step / steps,
                         self.at[1] + (aim[1] - self.at[1]) * step / steps)
        self.at = aim
        done = len(self.goals)
        deadline = self.clock.now() + limit
        while len(self.dwell.chosen) < done:
            if self.clock.now() > deadline:
                raise UserStuck(f"the dwell never chose {goal}")
            self._sample(aim[0] + self.rng.uniform(-self.tremor, self.tremor),
                         aim[1] + self.rng.uniform(-self.tremor, self.tremor))
        if self.dwell.chosen != self.goals:
            raise UserStuck(f"chose {self.dwell.chosen[-1]} instead of {goal}")


def pointer_workspace(level: Level, settings: DwellSettings, *, seed: int = 0,
                      tremor: float = 0.0) -> tuple[PointerUser, WorkspacePresenter, Editor]:
    """A pointer user in front of ``level``'s workspace (an empty program), on a FakeClock."""
    editor = Editor(level.palette, max_blocks=level.max_blocks)
    presenter = WorkspacePresenter(editor, translator=Translator("en"), on_run=lambda: None)
    screen = GridScreen(presenter.model())
    presenter.model_changed.connect(screen.show)
    return PointerUser(FakeClock(), screen, settings, seed=seed, tremor=tremor), presenter, editor


def play_level_by_pointer(level: Level, settings: DwellSettings, *, seed: int = 0,
                          tremor: float = 0.0) -> tuple[PointerUser, Outcome]:
    """Build ``level``'s reference solution by resting a pointer, press Run; the user and the
    outcome of running what was built. Raises ``UserStuck`` at the first wrong choice."""
    user, presenter, editor = pointer_workspace(level, settings, seed=seed, tremor=tremor)
    solution = to_solution(level.solution)
    build_solution(user.choose, presenter, solution)
    if as_solution(editor) != solution:
        raise AssertionError(f"{level.id}: the pointer user built {as_solution(editor)}")
    _events, outcome = run_program(level.world, editor.blocks())
    return user, outcome

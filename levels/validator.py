"""Checks level packs: every file readable, every reference solution solving its level and
needing its last block (a solution that still solves without it has a block too many, so
the level's par and its one idea are off), every title and instruction translated. All
problems are reported in one run."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from levels.interpreter import run_program
from levels.level import TRACKS, Level, LevelProblem
from levels.packs import PACKS_DIR, Packs, level_files, load_packs
from levels.program import Block, walk

TEXT_FIELDS = ("title", "instruction", "hint")


@dataclass
class Report:
    packs: Packs
    problems: list[LevelProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, object]:
        return {"levels": len(self.packs.levels()),
                "tracks": {track: len(self.packs.tracks.get(track, [])) for track in TRACKS},
                "problems": len(self.problems)}


def check_solution(level: Level) -> LevelProblem | None:
    """``None`` if the reference solution solves the level, else what went wrong."""
    _, outcome = run_program(level.world, list(level.solution), max_steps=level.max_steps,
                             par=level.par)
    if not outcome.solved:
        return LevelProblem(str(level.path), level.id, "solution", "levels.error.not_solved",
                            {"outcome": outcome.reason.value})
    _, shorter = run_program(level.world, without_last_block(level.solution),
                             max_steps=level.max_steps, par=level.par)
    if shorter.solved:
        return LevelProblem(str(level.path), level.id, "solution",
                            "levels.error.last_block_unneeded", {})
    return None


def without_last_block(blocks: tuple[Block, ...] | list[Block]) -> list[Block]:
    """A copy of ``blocks`` without the block read last (the deepest last one)."""
    program = copy.deepcopy(list(blocks))
    last_path = max((path for path, _ in walk(program)), default=None)
    if last_path is None:
        return program
    container = program
    for index in last_path[:-1]:
        container = container[index].body or []
    del container[last_path[-1]]
    return program


def check(files: list[Path] | None = None, *, root: Path = PACKS_DIR,
          has_text: object = None) -> Report:
    """Validate ``files`` (default: every pack). ``has_text(key) -> bool`` checks that a
    level's texts exist (pass ``Translator.has``); without it texts are not checked."""
    packs = load_packs(root, files if files is not None else level_files(root))
    report = Report(packs, list(packs.problems))
    for level in packs.levels():
        problem = check_solution(level)
        if problem is not None:
            report.problems.append(problem)
        if callable(has_text):
            for name in TEXT_FIELDS:
                key = getattr(level, f"{name}_key")
                if not has_text(key):
                    report.problems.append(LevelProblem(str(level.path), level.id, name,
                                                        "levels.error.no_text", {"text_key": key}))
    return report

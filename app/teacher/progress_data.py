"""The figures the teacher sees, computed from the store: the class view's rows and the
progress report per skill and per session (a session: the days a learner played)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from accessibility.guided_mode import Help, StepResult
from accessibility.presenters.class_view_presenter import ChildSummary
from app.storage.class_records import HELP_LEVELS, LoggedAttempt
from app.storage.models import Learner, LevelProgress
from app.storage.store import ProgressStore
from levels.assignment import open_levels
from levels.level import TRACKS, Level

HELP_NAMES = ("independent", "spoken", "highlight", "shown")  # guided_mode.Help, in order


def independence_score(help_: Sequence[int]) -> float | None:
    """0 (every step shown) .. 1 (every step done alone); None when no guided step."""
    steps = sum(help_)
    if not steps:
        return None
    last = HELP_LEVELS - 1
    return sum(n * (1 - level / last) for level, n in enumerate(help_)) / steps


def add_help(total: Sequence[int], more: Sequence[int] | None) -> tuple[int, ...]:
    return tuple(total) if more is None else tuple(a + b for a, b in zip(total, more))


NO_HELP: tuple[int, ...] = (0,) * HELP_LEVELS


def by_day(log: Iterable[LoggedAttempt]) -> dict[str, list[LoggedAttempt]]:
    days: dict[str, list[LoggedAttempt]] = defaultdict(list)
    for attempt in log:
        days[attempt.day].append(attempt)
    return dict(sorted(days.items()))


def independence_per_session(log: Iterable[LoggedAttempt]) -> tuple[float, ...]:
    """The independence score of each day with guided steps, oldest first."""
    scores = []
    for attempts in by_day(log).values():
        help_ = NO_HELP
        for attempt in attempts:
            help_ = add_help(help_, attempt.help)
        score = independence_score(help_)
        if score is not None:
            scores.append(round(score, 3))
    return tuple(scores)


def child_summary(store: ProgressStore, tracks: Mapping[str, Sequence[Level]],
                  learner: Learner) -> ChildSummary:
    progress = store.progress(learner.id)
    log = store.attempt_log(learner.id)
    opened = open_levels(tracks, store.assigned_levels(learner.id))
    track = store.get_setting(f"learner.{learner.id}.track", TRACKS[0]) or TRACKS[0]
    last = max((p.updated[:10] for p in progress.values() if p.attempts), default="")
    return ChildSummary(
        learner.id, learner.name, learner.avatar, track,
        stars=sum(p.stars for p in progress.values()),
        solved=sum(1 for p in progress.values() if p.solved),
        open_levels=sum(len(levels) for levels in opened.values()),
        attempts=sum(p.attempts for p in progress.values()),
        last_played=last, independence=independence_per_session(log))


def class_summary(store: ProgressStore,
                  tracks: Mapping[str, Sequence[Level]]) -> list[ChildSummary]:
    """Every learner, in the class list's order."""
    return [child_summary(store, tracks, learner) for learner in store.learners()]


@dataclass(frozen=True)
class SkillLine:
    """One skill (a level's ``concept``) over everything the learner did."""

    skill: str
    levels_open: int
    levels_solved: int
    stars: int
    attempts: int
    help: tuple[int, ...] = NO_HELP  # guided steps per help level (HELP_NAMES)


@dataclass(frozen=True)
class SessionLine:
    """One skill on one day."""

    day: str
    skill: str
    levels: tuple[str, ...]  # level ids played, first played first
    attempts: int
    solved: int  # attempts that solved their level
    help: tuple[int, ...] = NO_HELP


@dataclass(frozen=True)
class ChildReport:
    name: str
    made: str  # YYYY-MM-DD
    skills: tuple[SkillLine, ...]
    sessions: tuple[SessionLine, ...]
    independence: tuple[float, ...] = field(default=())


# the report's skills (the issue's: sequence, loops, conditions, functions, data, pixel
# art, and the switch skills' first steps); a level's finer concept goes to one of them,
# by the blocks its levels teach, so a teacher reads a few rows and no row of "Other"s
SKILLS = ("first_steps", "sequence", "loops", "conditions", "functions", "data", "pixel_art")
SKILL_OF_CONCEPT = {
    "cause_and_effect": "first_steps", "choice": "first_steps", "timing": "first_steps",
    "nested_loops": "loops", "while": "loops", "collect_all": "loops", "score": "loops",
    "avoid": "functions", "rooms": "functions", "pixel_art_functions": "pixel_art",
    "pixel_art_pattern": "pixel_art", "pixel_art_symmetry": "pixel_art"}


def skill_of(concept: str | None) -> str:
    """The report's skill of a level's concept ("other" when it has none we know)."""
    if not concept:
        return "other"
    skill = SKILL_OF_CONCEPT.get(concept, "data" if concept.startswith("data") else concept)
    return skill if skill in SKILLS else "other"


def skill_key(skill: str, has: Callable[[str], bool]) -> str:
    """The i18n key of a skill's name: the level concept's own name where there is one."""
    for key in (f"levels.concept.{skill}", f"teacher.skill.{skill}"):
        if has(key):
            return key
    return "teacher.report.other_skill"


def _skill_of(levels: Mapping[str, Level], level_id: str) -> str:
    level = levels.get(level_id)
    return skill_of(level.concept if level is not None else None)


def child_report(store: ProgressStore, tracks: Mapping[str, Sequence[Level]],
                 learner: Learner, today: date | None = None) -> ChildReport:
    """The learner's progress per skill and per session, with the help they needed."""
    progress: dict[str, LevelProgress] = store.progress(learner.id)
    log = store.attempt_log(learner.id)
    opened = [lv for levels in open_levels(tracks, store.assigned_levels(learner.id)).values()
              for lv in levels]
    every = {lv.id: lv for levels in tracks.values() for lv in levels}
    skills: list[str] = list(dict.fromkeys(
        [skill_of(lv.concept) for lv in opened]
        + [_skill_of(every, level_id) for level_id in progress]))
    help_by_skill: dict[str, tuple[int, ...]] = defaultdict(lambda: NO_HELP)
    for attempt in log:
        skill = _skill_of(every, attempt.level_id)
        help_by_skill[skill] = add_help(help_by_skill[skill], attempt.help)
    skill_lines = tuple(SkillLine(
        skill,
        levels_open=sum(1 for lv in opened if skill_of(lv.concept) == skill),
        levels_solved=sum(1 for p in progress.values()
                          if p.solved and _skill_of(every, p.level_id) == skill),
        stars=sum(p.stars for p in progress.values() if _skill_of(every, p.level_id) == skill),
        attempts=sum(p.attempts for p in progress.values()
                     if _skill_of(every, p.level_id) == skill),
        help=help_by_skill[skill]) for skill in skills)
    sessions: list[SessionLine] = []
    for day, attempts in by_day(log).items():
        for skill in dict.fromkeys(_skill_of(every, a.level_id) for a in attempts):
            mine = [a for a in attempts if _skill_of(every, a.level_id) == skill]
            help_ = NO_HELP
            for attempt in mine:
                help_ = add_help(help_, attempt.help)
            sessions.append(SessionLine(
                day, skill, tuple(dict.fromkeys(a.level_id for a in mine)), len(mine),
                sum(1 for a in mine if a.solved), help_))
    return ChildReport(learner.name, (today or date.today()).isoformat(), skill_lines,
                       tuple(sessions), independence_per_session(log))


def help_of(results: Iterable[StepResult]) -> tuple[int, ...] | None:
    """Guided steps per help level, as ``Independence.record`` counts them (a wrong choice
    counts as at least a highlight); None when no step was walked."""
    counts = [0] * HELP_LEVELS
    for result in results:
        needed = result.needed if result.errors == 0 else max(result.needed, Help.HIGHLIGHT)
        counts[int(needed)] += 1
    return tuple(counts) if any(counts) else None

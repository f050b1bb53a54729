"""Scan cost: presses, highlight moves and seconds a switch user needs per placed block.

For every level of every pack a simulated learner who knows the reference solution builds it
from the level's starting state and presses Run, through the real ``SwitchAccess``
(filter + scanner), ``WorkspacePresenter`` and ``levels.editor.Editor`` on a ``FakeClock``
(scan interval forced to 1 s). Baselines in the same run:

- *direct touch*: one tap per choice (the insertion point when it is not the cursor, the
  block, each parameter) and one for Run;
- *linear scan*: what a phone's system-wide switch access does over an ordinary app — the
  same targets flattened in reading order (palette, the program's insertion points and
  blocks as they read, controls), one switch, auto-scan, restarting at the top after every
  choice. It does not know that the cursor is the likely place, nor which group a choice
  opens, so the presenter's focus hints are dropped.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from accessibility.clock import FakeClock
from accessibility.next_step import NextStep
from accessibility.prediction import PortLike, palette_order_for, value_order_for
from accessibility.press_patterns import CLEAN, TREMOR, PressStyle
from accessibility.presenters.workspace_presenter import (CONTROLS_ID, PALETTE_ID, PROGRAM_ID,
                                                          ScanHooks, WorkspacePresenter)
from accessibility.profiles import AccessProfile, edited, preset
from accessibility.scan_model import Group, Target
from tests.support.simulated_user import ScanningUser, UserStats, build_solution
from accessibility.switch_access import SwitchAccess
from accessibility.translator import Translator
from benchmarks.report import Figure, median, percentile
from levels.editor import Editor, as_solution
from levels.level import Level
from levels.packs import load_packs
from levels.program import count_blocks, to_solution
from tests.support.narration_probes import TimedCues

NAME = "scan_cost"
AUTO, STEP = "single_switch_autoscan", "two_switch_step"
SEED = 7
PREDICTION_TIMES: list[float] = []
"""Seconds each uncached solver prediction took in the last ``measure`` (real time; the
figures are in ``benchmarks.solver_cost``)."""


@dataclass
class LevelCost:
    """What one simulated learner spent on one level."""

    level: str
    track: str
    blocks: int
    presses: int
    moves: int
    seconds: float
    by_choice: dict[str, list[float]] = field(default_factory=dict)  # kind -> [n, presses, s]

    def per_block(self, what: str) -> float:
        return float(getattr(self, what)) / self.blocks


def choice_kind(goal: str) -> str:
    """``palette:repeat`` -> block, ``param:count:3`` -> parameter, ``ins:…`` -> place."""
    prefix = goal.split(":", 1)[0]
    return {"palette": "block", "param": "parameter", "ins": "place",
            "control": "run"}.get(prefix, prefix)


def reading_order_model(presenter: WorkspacePresenter, root: Group) -> Group:
    """``root`` as one flat list in the screen's reading order: the palette column, the
    program column as it reads (the cursor in its place), then the controls (Run, drawn
    first among them, wherever the scan model puts it)."""
    order = {node_id: index for index, node_id in enumerate(presenter.reading_order())}
    palette: list[Target] = []
    program: list[Target] = []
    controls: list[Target] = []
    rest: list[Target] = []
    for child in root.children:
        if isinstance(child, Target):
            (controls if child.id.startswith("control:") else rest).append(child)
        elif child.id == PROGRAM_ID:
            program = sorted(child.targets(), key=lambda t: order.get(t.id, len(order)))
        elif child.id == PALETTE_ID:
            palette = list(child.targets())
        elif child.id == CONTROLS_ID:
            controls.extend(child.targets())
        else:
            rest.extend(child.targets())
    return Group(root.id, root.label_key, [*palette, *program, *controls, *rest])


Reshape = Callable[[WorkspacePresenter, Group], Group]


def profile_for(name: str, *, linear: bool = False) -> AccessProfile:
    profile = edited(preset(name), scan_interval=1.0)
    if linear:
        profile = edited(profile, scan_grouping="linear", scan_restart="top")
    return profile


def solve(level: Level, preset_name: str, translator: Translator, *,
          style: PressStyle = CLEAN, linear: bool = False,
          order: Callable[[list[str], PortLike], list[str]] | None = None,
          cues: bool = False, seed: int = SEED, suggest: str | None = None,
          timings: list[float] | None = None) -> LevelCost:
    """One simulated learner builds ``level``'s reference solution and presses Run.

    ``linear``: the phone-style baseline (flat reading order, focus hints dropped);
    ``order``: the palette hook (and with it the parameter order, as the app does);
    ``cues``: each highlight's label is spoken (``TimedCues``: 0.25 s + 60 ms a character)
    and, as the auto-scan preset asks, the highlight waits for it; ``suggest``: the
    solver-guided hooks (``accessibility.next_step``) in that mode instead of ``order``,
    their prediction times added to ``timings``.
    """
    solution = to_solution(level.solution)
    if level.start:
        raise ValueError(f"{level.id}: a starting program is not handled by build_solution yet")
    editor = Editor(level.palette, max_blocks=level.max_blocks, program=list(level.start))
    clock = FakeClock()
    runs: list[int] = []
    hooks: ScanHooks = {
        "palette_order": order, "value_order": value_order_for(level, editor) if order else None}
    guide = None
    if suggest is not None:
        guide = NextStep(level, editor, order or (lambda kinds, _port: kinds), mode=suggest,
                         translate=translator.t)
        hooks = guide.hooks()
    presenter = WorkspacePresenter(editor, translator=translator, on_run=lambda: runs.append(1),
                                   **hooks)
    profile = profile_for(preset_name, linear=linear)
    reshape: Reshape | None = reading_order_model if linear else None
    speaker = TimedCues(clock, translator) if cues else None
    if reshape is None:
        access = SwitchAccess(clock, profile, presenter.model(), on_command=presenter.execute,
                              cues=speaker)
        presenter.model_changed.connect(access.set_model)
    else:
        shape = reshape
        access = SwitchAccess(clock, profile, shape(presenter, presenter.model()),
                              on_command=presenter.execute)
        presenter.model_changed.connect(lambda root, focus: access.set_model(
            shape(presenter, root), None if linear else focus))
    assert access.scanner is not None
    user = ScanningUser(clock, access.scanner, access.filter, profile, style=style, seed=seed)
    by_choice: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])

    def counted(goal: str, limit: float = 600.0) -> None:
        presses, seconds = user.stats.presses, user.stats.seconds
        user.choose(goal, limit)
        row = by_choice[choice_kind(goal)]
        row[0] += 1
        row[1] += user.stats.presses - presses
        row[2] += user.stats.seconds - seconds

    build_solution(counted, presenter, solution)
    stats = user.stats
    if guide is not None and timings is not None:
        timings.extend(guide.timings)
    if as_solution(editor) != solution or runs != [1]:
        raise AssertionError(f"{level.id}: the simulated learner built {as_solution(editor)}")
    return _cost(level, stats, dict(by_choice))


def _cost(level: Level, stats: UserStats, by_choice: dict[str, list[float]]) -> LevelCost:
    return LevelCost(level.id, level.track, count_blocks(level.solution), stats.presses,
                     stats.moves, stats.seconds, by_choice)


class TouchUser:
    """Taps the target it wants: one activation per choice (the direct-touch baseline)."""

    def __init__(self, presenter: WorkspacePresenter) -> None:
        self.presenter = presenter
        self.stats = UserStats()
        self.by_choice: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])

    def choose(self, goal: str) -> None:
        target = self.presenter.model().find(goal)
        if target is None or not target.enabled:
            raise AssertionError(f"{goal} cannot be tapped")
        self.stats.presses += 1
        self.stats.selections += 1
        row = self.by_choice[choice_kind(goal)]
        row[0] += 1
        row[1] += 1
        target.activate()


def touch(level: Level, translator: Translator) -> LevelCost:
    editor = Editor(level.palette, max_blocks=level.max_blocks, program=list(level.start))
    presenter = WorkspacePresenter(editor, translator=translator, on_run=lambda: None)
    user = TouchUser(presenter)
    build_solution(user.choose, presenter, to_solution(level.solution))
    if as_solution(editor) != to_solution(level.solution):
        raise AssertionError(f"{level.id}: touch built {as_solution(editor)}")
    return _cost(level, user.stats, dict(user.by_choice))


# -- aggregation ---------------------------------------------------------------------------


def pooled(costs: Sequence[LevelCost], what: str) -> float:
    """Total over all levels per placed block (every block weighs the same)."""
    return sum(float(getattr(c, what)) for c in costs) / sum(c.blocks for c in costs)


def per_choice(costs: Sequence[LevelCost], kind: str, index: int = 1) -> float | None:
    count = sum(c.by_choice.get(kind, [0, 0, 0])[0] for c in costs)
    if not count:
        return None
    return sum(c.by_choice.get(kind, [0, 0, 0])[index] for c in costs) / count


def level_rows(costs: Sequence[LevelCost]) -> list[dict[str, object]]:
    return [{"level": c.level, "blocks": c.blocks, "presses": c.presses, "moves": c.moves,
             "seconds": round(c.seconds, 2),
             "by_choice": {k: [int(v[0]), int(v[1]), round(v[2], 2)]
                           for k, v in c.by_choice.items()}} for c in costs]


def spread(costs: Sequence[LevelCost], what: str) -> dict[str, float]:
    values = [c.per_block(what) for c in costs]
    return {"level_median": median(values), "level_p90": percentile(values, 90),
            "level_max": max(values)}


def levels_for(quick: bool, limit: int | None = None) -> list[Level]:
    packs = load_packs()
    levels = [level for level in packs.levels() if not level.start and not level.run_on_add]
    if limit is not None:
        return levels[:limit]
    if quick:  # one short and one long level of each track
        picked = []
        for track in ("junior", "teens", "python"):
            track_levels = [lv for lv in levels if lv.track == track]
            picked += [track_levels[0], max(track_levels, key=lambda lv: count_blocks(lv.solution))]
        return picked
    return levels


def measure(levels: Sequence[Level], *, tremor: bool = True) -> dict[str, list[LevelCost]]:
    """Every configuration over ``levels``: ours with and without prediction, baselines."""
    translator = Translator("en")
    everything = load_packs().levels()
    configs: dict[str, list[LevelCost]] = defaultdict(list)
    timings = PREDICTION_TIMES
    timings.clear()
    for level in levels:
        order = palette_order_for(everything, level)
        configs["touch"].append(touch(level, translator))
        configs["linear"].append(solve(level, AUTO, translator, linear=True))
        for name, preset_name in (("auto", AUTO), ("step", STEP)):
            configs[name].append(solve(level, preset_name, translator))
            configs[f"{name}+palette"].append(solve(level, preset_name, translator, order=order))
            configs[f"{name}+solver"].append(solve(level, preset_name, translator, order=order,
                                                   suggest="order", timings=timings))
            if tremor:
                configs[f"{name}+palette tremor"].append(
                    solve(level, preset_name, translator, order=order, style=TREMOR))
                configs[f"{name}+solver tremor"].append(
                    solve(level, preset_name, translator, order=order, style=TREMOR,
                          suggest="order"))
        if tremor:
            configs["auto+palette cues"].append(
                solve(level, AUTO, translator, order=order, cues=True))
    return dict(configs)


# -- figures -------------------------------------------------------------------------------

LABELS = {"auto": "1-switch auto-scan", "step": "2-switch step scan"}
VARIANTS = {"": " in the level's palette order",
            "+palette": " with the statistical order (likely-next palette)",
            "+solver": " guided by the level's solver"}
KINDS = (("place", "moving the cursor"), ("block", "choosing a block"),
         ("parameter", "choosing a parameter"), ("run", "pressing Run"))


def figures(configs: dict[str, list[LevelCost]]) -> list[Figure]:
    touch_costs, linear = configs["touch"], configs["linear"]
    taps = pooled(touch_costs, "presses")
    lin_s, lin_p, lin_m = (pooled(linear, w) for w in ("seconds", "presses", "moves"))
    n_levels = len(linear)
    where = f"{n_levels} levels, {sum(c.blocks for c in linear)} blocks"
    out: list[Figure] = []
    for variant, label in VARIANTS.items():
        if "auto" + variant not in configs:
            continue
        auto, step = configs["auto" + variant], configs["step" + variant]
        seconds, presses = pooled(auto, "seconds"), pooled(step, "presses")
        out.append(Figure(NAME, f"{LABELS['auto']}{label}: seconds per block", seconds, "s",
                          lin_s, "linear scan", "≤ 0.40 × linear", seconds <= 0.40 * lin_s,
                          where, details={"spread": spread(auto, "seconds"),
                                          "linear_spread": spread(linear, "seconds")}))
        goal = 2.0 if variant == "+solver" else 3.0  # issue 24: the solver's goal is 2
        out.append(Figure(NAME, f"{LABELS['step']}{label}: activations per block", presses,
                          "", taps, "touch taps", f"≤ {goal:g}", presses <= goal, where,
                          details={"spread": spread(step, "presses")}))
    from benchmarks.solver_cost import solver_figures  # it reads this module's helpers
    out.extend(solver_figures(configs, lin_s, taps))
    auto, step = configs["auto+palette"], configs["step+palette"]
    label = VARIANTS["+palette"]
    out.append(Figure(NAME, f"{LABELS['auto']}{label}: activations per block",
                      pooled(auto, "presses"), "", lin_p, "linear scan"))
    out.append(Figure(NAME, f"{LABELS['auto']}{label}: highlight moves per block",
                      pooled(auto, "moves"), "", lin_m, "linear scan"))
    out.append(Figure(NAME, f"{LABELS['step']}{label}: seconds per block",
                      pooled(step, "seconds"), "s", lin_s, "linear scan"))
    out.append(Figure(NAME, f"{LABELS['step']}{label}: highlight moves per block",
                      pooled(step, "moves"), "", lin_m, "linear scan"))
    for name, index, what, unit in (("auto", 2, "seconds", "s"), ("step", 1, "activations", "")):
        out.append(Figure(NAME, f"{LABELS[name]}: {what} per block choice, likely-next palette",
                          per_choice(configs[name + "+palette"], "block", index), unit,
                          per_choice(configs[name], "block", index), "level's order",
                          note="the gain of accessibility/prediction.py"))
    cued = configs.get("auto+palette cues")
    if cued:
        out.append(Figure(NAME, f"{LABELS['auto']}{label}, spoken labels waited for: "
                          "seconds per block", pooled(cued, "seconds"), "s", lin_s,
                          "linear scan", "≤ 0.40 × linear",
                          pooled(cued, "seconds") <= 0.40 * lin_s,
                          note="the preset's auditory scanning with wait_for_cue"))
    for name in ("auto", "step"):
        tremor = configs.get(name + "+palette tremor")
        if tremor:
            out.append(Figure(NAME, f"{LABELS[name]}{label}, tremor hand: seconds per block",
                              pooled(tremor, "seconds"), "s",
                              pooled(configs[name + "+palette"], "seconds"), "clean hand",
                              note="TREMOR press style: chatter, blips, double hits"))
    for kind, words in KINDS:
        value = per_choice(auto, kind, 2)
        if value is not None:
            out.append(Figure(NAME, f"{LABELS['auto']}{label}: seconds {words}", value, "s",
                              per_choice(linear, kind, 2), "linear scan",
                              note="where the time goes"))
    for kind, words in KINDS:
        value = per_choice(step, kind)
        if value is not None:
            out.append(Figure(NAME, f"{LABELS['step']}{label}: activations {words}", value,
                              "", 1.0, "touch", note="where the presses go"))
    level_seconds = [c.seconds for c in auto]
    out.append(Figure(NAME, f"{LABELS['auto']}{label}: seconds per level (median)",
                      median(level_seconds), "s", median([c.seconds for c in linear]),
                      "linear scan", details={"p90": percentile(level_seconds, 90)}))
    level_presses = [float(c.presses) for c in step]
    out.append(Figure(NAME, f"{LABELS['step']}{label}: activations per level (median)",
                      median(level_presses), "", median([float(c.presses) for c in touch_costs]),
                      "touch taps", details={"p90": percentile(level_presses, 90)}))
    for figure in out:
        figure.details.setdefault("levels", n_levels)
    out[0].details["per_level"] = {name: level_rows(costs) for name, costs in configs.items()}
    return out


def run(quick: bool = False, limit: int | None = None) -> list[Figure]:
    levels = levels_for(quick, limit)
    print(f"[scan_cost] {len(levels)} levels", file=sys.stderr)
    configs = measure(levels, tremor=limit is None)
    print(f"[scan_cost] {len(configs)} configurations: {', '.join(configs)}", file=sys.stderr)
    return figures(configs)


def appendix(figures: Sequence[Figure]) -> str:
    """A per-level table for ``latest.md``: what each level costs each learner."""
    rows = next((f.details["per_level"] for f in figures if "per_level" in f.details), None)
    if not rows:
        return ""
    columns = (("auto+palette", "seconds", "1-switch s"), ("linear", "seconds", "linear s"),
               ("step+palette", "presses", "2-switch act."), ("touch", "presses", "taps"))
    by_level = {name: {row["level"]: row for row in rows[name]} for name, _, _ in columns}
    lines = ["| level | blocks | " + " | ".join(title for _, _, title in columns) + " |",
             "|---|---|" + "---|" * len(columns)]
    for row in rows["touch"]:
        level = row["level"]
        cells = [f"{by_level[name][level][what]:.0f}" for name, what, _ in columns]
        lines.append(f"| {level} | {row['blocks']} | " + " | ".join(cells) + " |")
    return ("\n### Scan cost per level (likely-next palette; linear scan and touch as "
            "baselines)\n\n" + "\n".join(lines) + "\n")

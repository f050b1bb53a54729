"""Scan cost figures of the solver-guided order (issue 24): seconds and activations per
block against today's statistical order, and what one prediction costs in real time.

The configurations are measured by ``benchmarks.scan_cost.measure`` (``+solver``); this
module only turns them into figures.
"""
from __future__ import annotations

from benchmarks.report import Figure, median, percentile
from benchmarks.scan_cost import LABELS, NAME, PREDICTION_TIMES, LevelCost, pooled


def solver_figures(configs: dict[str, list[LevelCost]], lin_s: float,
                   taps: float) -> list[Figure]:
    """The solver-guided order against the statistical one, and what a prediction costs."""
    out: list[Figure] = []
    if "auto+solver" not in configs:
        return out
    for name, what, unit in (("auto", "seconds", "s"), ("step", "presses", "")):
        guided, today = pooled(configs[name + "+solver"], what), pooled(configs[name + "+palette"],
                                                                           what)
        out.append(Figure(NAME, f"{LABELS[name]}: {what} per block, solver-guided", guided, unit,
                          today, "statistical order", note="accessibility/next_step.py",
                          details={"linear_seconds": lin_s, "touch_taps": taps,
                                   "ratio_to_linear": guided / lin_s if name == "auto" else None,
                                   "per_level": {c.level: round(c.per_block(what), 2)
                                                 for c in configs[name + "+solver"]}}))
        tremor = configs.get(name + "+solver tremor")
        if tremor:
            out.append(Figure(NAME, f"{LABELS[name]}, tremor hand: {what} per block, "
                              "solver-guided", pooled(tremor, what), unit,
                              pooled(configs[name + "+palette tremor"], what),
                              "statistical order, tremor hand"))
    if PREDICTION_TIMES:
        times = [t * 1000 for t in PREDICTION_TIMES]
        out.append(Figure(NAME, "solver prediction time (p99)", percentile(times, 99), "ms",
                          20.0, "goal", "≤ 20 ms", percentile(times, 99) <= 20.0,
                          details={"p50": median(times), "max": max(times),
                                   "predictions": len(times)}))
    return out

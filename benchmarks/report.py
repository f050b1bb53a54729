"""What every benchmark returns (``Figure``), the statistics they share, and the writers.

A figure is one measured number beside the baseline measured in the same run: on a shared,
noisy machine only ratios, medians and percentiles mean anything, never a single time.
"""
from __future__ import annotations

import json
import math
import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

RESULTS_DIR = Path(__file__).resolve().parent / "results"
README = Path(__file__).resolve().parent / "README.md"
TABLE_START = "<!-- latest-table:start -->"
TABLE_END = "<!-- latest-table:end -->"


@dataclass
class Figure:
    """One row of the table.

    ``target`` is what we promised, in words (``"≤ 0.40 × baseline"``); ``met`` is ``None``
    when there is no target or the figure could not be measured (``blocked`` says why).
    """

    benchmark: str
    name: str
    ours: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""
    blocked: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def blocked(benchmark: str, name: str, reason: str) -> Figure:
    """A figure that could not be measured in this run, and why."""
    return Figure(benchmark, name, None, "", blocked=reason, note=reason)


# -- statistics ----------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) with linear interpolation (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * p / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def summary(values: Sequence[float]) -> dict[str, float]:
    """n, p50, p90, p99, min, max: what the JSON keeps of a sample."""
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": percentile(values, 50), "p90": percentile(values, 90),
            "p99": percentile(values, 99), "min": float(min(values)),
            "max": float(max(values))}


# -- writers -------------------------------------------------------------------------------


def _number(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    magnitude = abs(value)
    text = (f"{value:.0f}" if magnitude >= 100 else f"{value:.1f}" if magnitude >= 10
            else f"{value:.2f}" if magnitude >= 0.1 else f"{value:.3f}")
    return f"{text} {unit}".strip()


def _met(figure: Figure) -> str:
    if figure.blocked:
        return "blocked"
    if figure.met is None:
        return ""
    return "yes" if figure.met else "**no**"


def markdown_table(figures: Iterable[Figure]) -> str:
    """The table the README shows: figure, ours, baseline, ratio, target, met?"""
    lines = ["| benchmark | figure | ours | baseline | ratio | target | met? |",
             "|---|---|---|---|---|---|---|"]
    for f in figures:
        baseline = _number(f.baseline, f.unit)
        if f.baseline_name and f.baseline is not None:
            baseline = f"{baseline} ({f.baseline_name})"
        ours = _number(f.ours, f.unit) if not f.blocked else f"blocked: {f.blocked}"
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}"
        lines.append(f"| {f.benchmark} | {f.name} | {ours} | {baseline} | {ratio} | "
                     f"{f.target} | {_met(f)} |")
    return "\n".join(lines) + "\n"


def environment() -> dict[str, Any]:
    import os
    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "cpus": os.cpu_count(), "load_average": os.getloadavg()}


def write_results(figures: list[Figure], *, seconds: float, quick: bool, notes: list[str],
                  directory: Path = RESULTS_DIR, readme: Path | None = README,
                  stem: str = "latest", appendix: str = "") -> tuple[Path, Path]:
    """``<stem>.json`` and ``<stem>.md`` in ``directory``; the README's table is replaced."""
    directory.mkdir(parents=True, exist_ok=True)
    meta = {"wall_seconds": round(seconds, 1), "quick": quick, **environment()}
    json_path = directory / f"{stem}.json"
    json_path.write_text(json.dumps({"meta": meta, "notes": notes,
                                     "figures": [f.as_dict() for f in figures]},
                                    indent=2, default=str) + "\n", encoding="utf-8")
    table = markdown_table(figures)
    footer = (f"\nWall time {meta['wall_seconds']} s on {meta['cpus']} CPUs"
              f" (load average at the end {', '.join(f'{x:.1f}' for x in meta['load_average'])})"
              f"{', quick smoke run' if quick else ''}.\n")
    if notes:
        footer += "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    md_path = directory / f"{stem}.md"
    md_path.write_text(table + footer + appendix, encoding="utf-8")
    if readme is not None and readme.exists():
        text = readme.read_text(encoding="utf-8")
        if TABLE_START in text and TABLE_END in text:
            head, rest = text.split(TABLE_START, 1)
            _, tail = rest.split(TABLE_END, 1)
            readme.write_text(f"{head}{TABLE_START}\n{table}{footer}{TABLE_END}{tail}",
                              encoding="utf-8")
    return json_path, md_path

"""The benchmarks run and their figures make sense (no wall-clock targets asserted here:
this machine is shared, and a benchmark is a measurement, not a test)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks import latency_core, scan_cost
from benchmarks.report import Figure, markdown_table, percentile, write_results


def by_name(figures: list[Figure], start: str) -> Figure:
    return next(f for f in figures if f.name.startswith(start))


@pytest.fixture(scope="module")
def scan_figures() -> list[Figure]:
    return scan_cost.run(quick=True, limit=2)


def test_scan_cost_on_two_levels_is_sane(scan_figures) -> None:
    step = by_name(scan_figures, "2-switch step scan with the statistical order (likely-next "
                                 "palette): activations per block")
    auto = by_name(scan_figures, "1-switch auto-scan with the statistical order (likely-next "
                                 "palette): seconds per block")
    guided = by_name(scan_figures, "2-switch step scan guided by the level's solver: activations")
    assert guided.ours is not None and 1.0 <= guided.ours <= step.ours
    assert step.ours is not None and step.ours >= 1.0
    assert step.baseline is not None and step.baseline >= 1.0  # touch: a tap per choice
    assert auto.ours is not None and auto.baseline is not None
    assert 0 < auto.ours < auto.baseline  # the linear scan is slower than ours
    assert auto.details["levels"] == 2
    assert auto.ours <= by_name(scan_figures, "1-switch auto-scan in the level's").ours
    plain = by_name(scan_figures, "2-switch step scan in the level's palette order: activations")
    assert plain.ours is not None and plain.ours >= 1.0
    levels = by_name(scan_figures, "").details["per_level"]["step"]
    assert [row["level"] for row in levels] == ["junior_01", "junior_02"]
    assert all(row["presses"] >= row["blocks"] for row in levels)


def test_the_linear_baseline_scans_one_flat_list_in_reading_order() -> None:
    from accessibility.presenters.workspace_presenter import WorkspacePresenter
    from accessibility.scan_model import Target
    from accessibility.translator import Translator
    from levels.editor import Editor
    from levels.program import from_solution

    editor = Editor(["move_forward", "repeat"], program=from_solution(
        ["move_forward", {"block": "repeat", "params": {"count": 2}, "body": []}]))
    editor.set_cursor((), 0)
    presenter = WorkspacePresenter(editor, translator=Translator("en"))
    flat = scan_cost.reading_order_model(presenter, presenter.model())
    assert all(isinstance(node, Target) for node in flat.children)
    program = [t.id for t in flat.children if t.id.startswith(("ins:", "block:"))]
    assert program == presenter.reading_order()  # the cursor is not first
    assert flat.children[0].id == "palette:move_forward"
    assert flat.children[-1].id == "control:map"


def test_core_latency_on_500_presses_is_sane() -> None:
    figures = latency_core.run(quick=True, events=500)
    p50 = by_name(figures, "hub post → new highlight (NEXT), p50")
    p99 = by_name(figures, "hub post → new highlight (NEXT), p99")
    assert p50.details["ours"]["n"] == 500
    assert 0 < p50.ours <= p99.ours
    assert p50.baseline is not None and p50.baseline > 0
    select = by_name(figures, "hub post → highlight after adding a block (SELECT), p50")
    assert select.ours is not None and select.ours > 0


def test_percentiles_and_the_writers(tmp_path: Path) -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 99) == 5
    assert math.isnan(percentile([], 50))
    figures = [Figure("x", "a figure", 2.0, "ms", 4.0, "base", "< 3 ms", True),
               Figure("y", "blocked one", None, "", blocked="no decoder")]
    readme = tmp_path / "README.md"
    readme.write_text("head\n<!-- latest-table:start -->\nold\n<!-- latest-table:end -->\ntail\n")
    json_path, md_path = write_results(figures, seconds=1.0, quick=False, notes=["n"],
                                       directory=tmp_path, readme=readme)
    data = json.loads(json_path.read_text())
    assert data["figures"][0]["ratio"] == 0.5
    row = "| x | a figure | 2.00 ms | 4.00 ms (base) | 0.50 | < 3 ms | yes |"
    assert row in md_path.read_text()
    assert "blocked: no decoder" in markdown_table(figures)
    text = readme.read_text()
    assert text.startswith("head\n") and text.endswith("tail\n") and "old" not in text


def test_scan_timing_counts_wrong_choices_against_processing_time() -> None:
    from benchmarks import scan_timing

    figures = scan_timing.run(quick=True, choices=10)
    assert len(figures) == 2 * len(scan_timing.INTERVALS)
    on_time = by_name(figures, "1-switch auto-scan at 1 s, press in the stop's last 300 ms")
    late = by_name(figures, "1-switch auto-scan at 0.7 s, press 0–300 ms after the move")
    assert on_time.ours == 0.0 and on_time.met
    assert late.baseline == 100.0  # pressed after the move, chosen after it: always wrong
    assert late.details["by_lag_percent"]["0 to 100 ms"]["press"] == 0.0
    assert "| 0.7 s | 100 to 200 ms | 0.0 % |" in scan_timing.appendix(figures)

"""Core response latency: an ``InputEvent`` posted to the hub until the scanner's new highlight.

The real path without a window: ``InputHub.post`` -> ``drain()`` -> ``SwitchAccess.feed``
(switch filter) -> ``Scanner`` -> highlight listener, over the workspace of a real level
(the teens maze with its solution built, so the model is a full one). The profile is
``two_switch_step`` with its deliberate delays set to zero (debounce, acceptance,
post-acceptance, long hold): they are the learner's chosen timing, not the app's cost.
Baseline in the same run: a bare ``queue.SimpleQueue`` put/get of the same event.
"""
from __future__ import annotations

import gc
import queue
import sys
import time

from accessibility.actions import Command
from accessibility.clock import FakeClock
from accessibility.presenters.workspace_presenter import WorkspacePresenter
from accessibility.profiles import AccessProfile, edited, preset
from accessibility.switch_access import SwitchAccess
from accessibility.translator import Translator
from adapters.events import InputEvent
from adapters.hub import InputHub
from benchmarks.report import Figure, percentile, summary
from levels.editor import Editor
from levels.packs import load_packs
from levels.program import from_solution, to_solution

NAME = "latency_core"
LEVEL = "teens_07"


def instant_profile() -> AccessProfile:
    """Two switches, step scan, every deliberate delay at zero."""
    return edited(preset("two_switch_step"), debounce=0.0, acceptance=0.0,
                  post_acceptance=0.0, long_hold=0.0, long_hold_action="")


def workspace() -> tuple[WorkspacePresenter, SwitchAccess, FakeClock]:
    level = load_packs().level(LEVEL)
    assert level is not None
    program = from_solution(to_solution(level.solution))
    editor = Editor(level.palette, max_blocks=None, program=program)
    presenter = WorkspacePresenter(editor, translator=Translator("en"), on_run=lambda: None)
    clock = FakeClock()
    access = SwitchAccess(clock, instant_profile(), presenter.model(),
                          on_command=presenter.execute)
    presenter.model_changed.connect(access.set_model)
    return presenter, access, clock


class Driver:
    """Posts key events into a hub and drains it into the learner's ``SwitchAccess``,
    the way the app's per-frame drain does; times are read around one post."""

    def __init__(self) -> None:
        self.presenter, self.access, self.clock = workspace()
        self.hub = InputHub()
        self.t = 0.0
        scanner = self.access.scanner
        assert scanner is not None
        self.scanner = scanner
        self.seen: list[int] = []
        scanner.on_highlight(lambda _node: self.seen.append(time.perf_counter_ns()))

    def post(self, control: str, pressed: bool) -> float | None:
        """Post one event; seconds until its highlight (``None`` if nothing moved)."""
        self.t += 0.1
        self.clock.advance(0.1)
        before = len(self.seen)
        start = time.perf_counter_ns()
        self.hub.post(InputEvent("kb", control, pressed, self.t))
        for item in self.hub.drain():
            self.access.feed(item)  # type: ignore[arg-type]
        return (self.seen[-1] - start) / 1e9 if len(self.seen) > before else None

    def press(self, control: str) -> float | None:
        moved = self.post(control, True)
        self.post(control, False)
        return moved

    def enter(self, group_id: str) -> None:
        """NEXT until ``group_id`` is highlighted, then SELECT it."""
        for _ in range(10):
            node = self.scanner.highlighted
            if node is not None and node.id == group_id:
                self.press("return")
                break
            self.press("space")
        if self.scanner.group.id != group_id:
            raise AssertionError(f"could not enter {group_id}, in {self.scanner.group.id}")


def measure_moves(events: int) -> list[float]:
    """Seconds from ``post`` of a NEXT press to its highlight, ``events`` times, in the
    program group (the longest list)."""
    driver = Driver()
    driver.enter("program")
    samples = []
    for _ in range(events):
        moved = driver.press("space")
        if moved is None:
            raise AssertionError("a NEXT press did not move the highlight")
        samples.append(moved)
    return samples


def measure_selects(events: int) -> list[float]:
    """Seconds from ``post`` of a SELECT on a palette block to the highlight after the
    program was rebuilt (the heaviest common path); undone between samples."""
    driver = Driver()
    driver.enter("palette")
    samples = []
    for _ in range(events):
        moved = driver.press("return")
        if moved is None:
            raise AssertionError("a SELECT did not move the highlight")
        samples.append(moved)
        driver.presenter.execute(Command("undo"))
    return samples


def measure_queue(events: int) -> list[float]:
    """The baseline: the same event through a bare ``SimpleQueue``."""
    q: queue.SimpleQueue[InputEvent] = queue.SimpleQueue()
    samples = []
    for i in range(events):
        event = InputEvent("kb", "space", True, float(i))
        start = time.perf_counter_ns()
        q.put(event)
        q.get_nowait()
        samples.append((time.perf_counter_ns() - start) / 1e9)
    return samples


def _frame_target(micros: float, p: int) -> tuple[str, bool | None]:
    """The core must fit well inside one 60 Hz frame; stated for p99 only."""
    if p != 99:
        return "", None
    return "< 16.7 ms (a frame)", micros < 16_700


def run(quick: bool = False, events: int | None = None) -> list[Figure]:
    count = events or (1_000 if quick else 10_000)
    print(f"[latency_core] {count} presses", file=sys.stderr)
    gc.collect()
    # interleave rounds so machine noise hits ours and the baseline alike
    ours: list[float] = []
    selects: list[float] = []
    base: list[float] = []
    rounds = 5
    for _ in range(rounds):
        base += measure_queue(count // rounds)
        ours += measure_moves(count // rounds)
        selects += measure_selects(max(1, count // rounds // 10))
    ms = [s * 1e6 for s in ours]
    sel_ms = [s * 1e6 for s in selects]
    base_ms = [s * 1e6 for s in base]
    out = []
    for p in (50, 99):
        out.append(Figure(
            NAME, f"hub post → new highlight (NEXT), p{p}", percentile(ms, p), "µs",
            percentile(base_ms, p), "SimpleQueue put/get", *_frame_target(percentile(ms, p), p),
            note=f"{len(ms)} presses",
            details={"ours": summary(ms), "baseline": summary(base_ms)}))
    for p in (50, 99):
        out.append(Figure(
            NAME, f"hub post → highlight after adding a block (SELECT), p{p}",
            percentile(sel_ms, p), "µs", percentile(base_ms, p), "SimpleQueue put/get",
            *_frame_target(percentile(sel_ms, p), p),
            note=f"{len(sel_ms)} selects, model rebuilt", details={"ours": summary(sel_ms)}))
    return out

"""Runs in a child process on a display for ``benchmarks/``: the real app or an empty Kivy
app, measured from inside, one JSON line on stdout. It lives in ``app/`` because only
``app/`` imports Kivy; the benchmark process itself never does.

    python -m app.probe startup  app|empty
    python -m app.probe latency  app|empty  EVENTS

Times are ``time.monotonic()`` (one clock for every process on Linux) so the parent can
measure from the moment it launched us. "Shown" means the first ``Window.flip()`` that
*returned* after the change: the frame has been handed to the X server.
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from app.kivy_config import configure

WIDTH, HEIGHT = 1280, 800
LEVEL = "teens_07"


def peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM). Not ``wait4``'s ``ru_maxrss``: Linux
    carries the parent's peak into a forked child, so that would measure the parent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def emit(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def ready(results: dict[str, Any], mode: str, stop: Callable[[], None],
          measure: Callable[[], None], settle: float) -> None:
    """The first interactive frame is on screen: note when and how big, then stop (start-up
    run) or go on measuring after ``settle`` seconds."""
    from kivy.clock import Clock
    results["ready"] = time.monotonic()
    results["ready_rss_mb"] = peak_rss_mb()
    if mode == "startup":
        Clock.schedule_once(lambda _dt: stop(), 0.3)
    else:
        Clock.schedule_once(lambda _dt: measure(), settle)


class Flips:
    """Wraps ``Window.flip`` to call ``listener(t)`` after every frame reached the screen."""

    def __init__(self) -> None:
        from kivy.core.window import Window
        self.listeners: list[Callable[[float], None]] = []
        self.count = 0
        self.durations: list[float] = []  # inside SDL's swap: where llvmpipe rasterises
        original = Window.flip

        def flip() -> None:
            start = time.perf_counter()
            original()
            self.count += 1
            t = time.perf_counter()
            self.durations.append(t - start)
            for listener in list(self.listeners):
                listener(t)

        Window.flip = flip


class Presses:
    """A device-like thread posts presses; the main thread notes the change and its frame.

    ``post(t)`` must put one press into the app; ``changed()`` is called by the app's
    code on the main thread when the press has changed what is drawn.
    """

    def __init__(self, flips: Flips, events: int, post: Callable[[bool], None]) -> None:
        self.events = events
        self.post = post
        self.posted = 0.0
        self.changed_at = 0.0
        self.waiting = False
        self.samples: list[tuple[float, float]] = []  # (post -> change, post -> shown)
        self.shown = threading.Event()
        self.lost = 0
        flips.listeners.append(self._flipped)

    def changed(self) -> None:
        if self.waiting and not self.changed_at:
            self.changed_at = time.perf_counter()

    def _flipped(self, t: float) -> None:
        if self.waiting and self.changed_at:
            self.samples.append((self.changed_at - self.posted, t - self.posted))
            self.waiting = False
            self.shown.set()

    def run(self, done: Callable[[], None]) -> None:
        rng = random.Random(11)
        for _ in range(self.events):
            time.sleep(rng.uniform(0.005, 0.03))  # a random phase against the frames
            self.shown.clear()
            self.changed_at = 0.0
            self.waiting = True
            self.posted = time.perf_counter()
            self.post(True)
            if not self.shown.wait(2.0):
                self.lost += 1
                self.waiting = False
            time.sleep(rng.uniform(0.005, 0.02))
            self.post(False)
        done()


def frame_times(flips: Flips, frames: int, done: Callable[[list[float]], None]) -> None:
    """Redraw every frame (a colour change) and keep the flip-to-flip intervals."""
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.graphics import Color, Rectangle
    with Window.canvas.after:
        colour = Color(0, 0, 0, 0.01)
        Rectangle(pos=(0, 0), size=(4, 4))
    last: list[float] = []
    intervals: list[float] = []

    def flipped(t: float) -> None:
        if last:
            intervals.append(t - last[0])
        last[:] = [t]
        if len(intervals) >= frames:
            flips.listeners.remove(flipped)
            tick.cancel()
            done(intervals)

    def change(_dt: float) -> None:
        colour.a = 0.02 if colour.a < 0.015 else 0.01

    flips.listeners.append(flipped)
    tick = Clock.schedule_interval(change, 0)


# -- the two apps ----------------------------------------------------------------------------


def run_empty(mode: str, events: int) -> None:
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.graphics import Color, Rectangle
    from kivy.uix.label import Label

    results: dict[str, Any] = {"app": "empty"}

    class Empty(App):
        def build(self) -> Label:
            self.flips = Flips()
            self.flips.listeners.append(self._first)
            label = Label(text="CitizenCode")  # a brand name, the same in every language
            with label.canvas:
                self.colour = Color(1, 1, 1, 1)
                Rectangle(pos=(10, 10), size=(40, 40))
            return label

        def _first(self, t: float) -> None:
            self.flips.listeners.remove(self._first)
            ready(results, mode, self.stop, self._measure, 0.5)

        def _measure(self) -> None:
            queue: list[bool] = []
            trigger = Clock.create_trigger(self._drain)

            def post(pressed: bool) -> None:  # what the hub does: enqueue, wake the trigger
                queue.append(pressed)
                trigger()

            self.presses = Presses(self.flips, events, post)
            self._queue = queue
            threading.Thread(target=self.presses.run, args=(self._pressed_all,),
                             daemon=True).start()

        def _drain(self, _dt: float) -> None:
            while self._queue:
                if self._queue.pop(0):
                    self.colour.rgba = (random.random(), 1, 1, 1)
                    self.presses.changed()

        def _pressed_all(self) -> None:
            Clock.schedule_once(lambda _dt: frame_times(self.flips, events, self._frames), 0)

        def _frames(self, intervals: list[float]) -> None:
            results["samples"] = self.presses.samples
            results["lost"] = self.presses.lost
            results["frame_intervals"] = intervals
            results["flip_durations"] = self.flips.durations[-len(intervals):]
            self.stop()

    Empty().run()
    results["peak_rss_mb"] = peak_rss_mb()
    emit(results)


def run_app(mode: str, events: int) -> None:
    from dataclasses import replace

    from kivy.clock import Clock

    from accessibility.profiles import edited, preset, profile_to_dict
    from adapters.events import InputEvent
    from app.controller import LEARNERS, WORKSPACE
    from app.kivy_app import CitizenCodeApp
    from app.options import Options

    results: dict[str, Any] = {"app": "citizencode"}
    data_dir = Path(os.environ.get("CITIZENCODE_DATA_DIR") or tempfile.mkdtemp())

    class Probe(CitizenCodeApp):
        def build(self):
            root = super().build()
            self.flips = Flips()
            self._shown = False
            self.controller.listeners.model.connect(self._model_shown)
            self.flips.listeners.append(self._first)
            return root

        def _model_shown(self, _root: object, _focus: object) -> None:
            if self.controller.screen == LEARNERS:
                self._shown = True

        def _first(self, t: float) -> None:
            if not self._shown:
                return
            self.flips.listeners.remove(self._first)
            ready(results, mode, self.stop, self._open_level, 0.2)

        def _open_level(self) -> None:
            controller, store = self.controller, self.services.store
            learner = store.learners()[0]
            profile = edited(preset("two_switch_step"), debounce=0.0, acceptance=0.0,
                             post_acceptance=0.0, long_hold=0.0, long_hold_action="")
            store.update_learner(replace(learner, profile=profile_to_dict(profile)))
            controller.choose_learner(learner.id)
            controller.open_level(LEVEL)
            assert controller.screen == WORKSPACE
            Clock.schedule_once(lambda _dt: self._measure(), 1.0)

        def _measure(self) -> None:
            hub = self.services.hub

            def post(pressed: bool) -> None:
                hub.post(InputEvent("kb", "space", pressed, time.monotonic()))

            self.presses = Presses(self.flips, events, post)
            self.controller.listeners.highlight.connect(lambda _node: self.presses.changed())
            threading.Thread(target=self.presses.run, args=(self._pressed_all,),
                             daemon=True).start()

        def _pressed_all(self) -> None:
            results["samples"] = self.presses.samples
            results["lost"] = self.presses.lost
            results["rss_mb"] = peak_rss_mb()
            Clock.schedule_once(lambda _dt: frame_times(self.flips, min(events, 120),
                                                        self._frames), 0)

        def _frames(self, intervals: list[float]) -> None:
            results["frame_intervals"] = intervals
            results["flip_durations"] = self.flips.durations[-len(intervals):]
            self.stop()

    Probe(Options(speech=False, voice_input=False, data_dir=data_dir)).run()
    results["peak_rss_mb"] = peak_rss_mb()
    emit(results)


def main(argv: list[str]) -> int:
    mode, which = argv[0], argv[1]
    events = int(argv[2]) if len(argv) > 2 else 0
    configure(WIDTH, HEIGHT, vsync=False, maxfps=int(os.environ.get("BENCH_MAXFPS", "60")))
    (run_app if which == "app" else run_empty)(mode, events)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Start-up and memory: launch to the first interactive screen, and peak memory.

The real app (``CitizenCodeApp``, speech and voice input off, a data folder that already
exists as on a classroom machine) is launched as a new Python process on the virtual
screen until the learner picker has been drawn (the first flip after the picker's model
was shown); an empty Kivy app (one ``Label``) is launched the same way until its first
frame. Runs alternate; the first run of each is a discarded warm-up (disk cache).
Peak memory is the child's own VmHWM when it exits (``wait4``'s ``ru_maxrss`` would carry
the benchmark process's own peak into the child on Linux).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.display import child_env, launch, virtual_display
from benchmarks.report import Figure, blocked, median, summary

NAME = "startup"


def run(quick: bool = False) -> list[Figure]:
    runs = 2 if quick else 5
    print(f"[startup] {runs} launches of the app and of an empty Kivy app", file=sys.stderr)
    seconds: dict[str, list[float]] = {"app": [], "empty": []}
    memory: dict[str, list[float]] = {"app": [], "empty": []}
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="citizencode-bench-start-") as tmp, \
            virtual_display() as display:
        for which in ("app", "empty"):
            (Path(tmp) / which).mkdir()
        for index in range(runs + 1):
            for which in ("app", "empty"):
                env = child_env(display, kivy_home=Path(tmp) / which / "kivy",
                                data_dir=Path(tmp) / which / "data")
                child = launch(["startup", which], env)
                if child.returncode != 0 or "ready" not in child.result:
                    errors.append(f"{which}: exit {child.returncode}: {child.stderr[-400:]}")
                    continue
                if index == 0:
                    continue  # warm-up
                seconds[which].append(child.result["ready"] - child.launched)
                memory[which].append(child.result.get("peak_rss_mb", float("nan")))
    if not seconds["app"] or not seconds["empty"]:
        return [blocked(NAME, "launch → first interactive screen",
                        "; ".join(errors)[-300:] or "no run finished")]
    ready, base_ready = median(seconds["app"]), median(seconds["empty"])
    rss, base_rss = median(memory["app"]), median(memory["empty"])
    note = f"median of {len(seconds['app'])} launches"
    return [
        Figure(NAME, "launch → learner picker drawn", ready, "s", base_ready,
               "empty Kivy app, first frame", "< 2 s", ready < 2.0, note,
               details={"ours": summary(seconds["app"]), "baseline": summary(seconds["empty"]),
                        "errors": errors}),
        Figure(NAME, "peak memory (max RSS)", rss, "MB", base_rss, "empty Kivy app",
               "< 150 MB", rss < 150.0, note,
               details={"ours": summary(memory["app"]), "baseline": summary(memory["empty"])}),
        Figure(NAME, "peak memory the app adds to an empty Kivy app", rss - base_rss, "MB",
               note="the rest is Kivy, SDL and Mesa llvmpipe (libLLVM alone ~56 MB resident)"),
    ]

"""``python -m benchmarks``: run every benchmark, write ``results/latest.json`` and ``.md``.

    python -m benchmarks                 # everything (under 10 minutes on 2 cores)
    python -m benchmarks --quick         # a smoke run: fewer levels, events and launches
    python -m benchmarks --only scan_cost --only narration

A full run writes ``results/latest.*`` and the table in ``benchmarks/README.md``; ``--quick``
and ``--only`` runs write ``results/partial.*`` and leave the latest figures alone.

A measurement, not a test: it exits 0 when a target is missed (the table says so), and a
benchmark that cannot run here (no espeak-ng, no display, no speech decoder) becomes a
"blocked" row with the reason instead of stopping the others.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from typing import Sequence

from benchmarks.report import README, Figure, blocked, write_results

BENCHMARKS = ("scan_cost", "scan_timing", "latency_core", "narration", "voice", "startup",
              "latency_app")
NOTES = [
    "scan_cost: simulated learners (CLEAN hand unless said) on the real filter, scanner, "
    "workspace presenter and editor, FakeClock, scan interval 1 s, every level of every "
    "pack; per block = totals over all levels / all placed blocks (Run included).",
    "scan_timing: a one-switch learner pressing for a stop on time or 0-300 ms after the "
    "highlight left it, events 0-100 ms late, FakeClock; ours chooses what was lit at the "
    "press (grace 0.25 s), the baseline what is lit when the press is processed.",
    "latency figures: the profile's deliberate delays (debounce, acceptance, post-acceptance, "
    "long hold) are set to 0 — they are the learner's chosen timing, not the app's cost.",
    "latency_app, startup: real Kivy windows on Xvfb with Mesa llvmpipe (software OpenGL, no "
    "GPU) on a shared 2-core machine; vsync off, maxfps 60. Memory is each process's own "
    "VmHWM.",
    "narration: espeak-ng into a real-time file sink (no sound card); 'stopped' is when the "
    "narrator reports the old utterance finished (cut).",
    "voice: the held-out half of tests/adapters/speech_corpus.py (voices and talk never used "
    "for tuning), two voices, clean and 10 dB babble; the baseline's transcript counts only "
    "when it is a command phrase; 'voice trained': each voice's model trained on its 36 "
    "training clips (other speed and pitch than the test clips), with the trained threshold.",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=BENCHMARKS,
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    args = parser.parse_args(argv)
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    names = args.only or list(BENCHMARKS)
    figures: list[Figure] = []
    appendices: list[str] = []
    started = time.monotonic()
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        t0 = time.monotonic()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            found = module.run(quick=args.quick)
            figures.extend(found)
            if hasattr(module, "appendix"):
                appendices.append(module.appendix(found))
        except Exception as error:  # one broken benchmark must not hide the others
            traceback.print_exc()
            figures.append(blocked(name, "(whole benchmark)", f"{type(error).__name__}: {error}"))
        print(f"   {name} took {time.monotonic() - t0:.1f} s", file=sys.stderr, flush=True)
    seconds = time.monotonic() - started
    full = not args.only and not args.quick  # only a full run is "latest" and goes in the README
    json_path, md_path = write_results(figures, seconds=seconds, quick=args.quick, notes=NOTES,
                                       readme=README if full else None,
                                       stem="latest" if full else "partial",
                                       appendix="".join(appendices))
    print(md_path.read_text(encoding="utf-8"))
    print(f"wrote {json_path} and {md_path} in {seconds:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

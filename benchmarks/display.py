"""A virtual screen for the app benchmarks and a launcher that measures a child process.

One Xvfb (Mesa llvmpipe for OpenGL) serves every child of a run, so its own start-up is
not counted in the app's; an existing ``DISPLAY`` is used as it is.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1280x800x24"


@contextmanager
def virtual_display() -> Iterator[str]:
    """Yield a ``DISPLAY`` value: the current one, or a private Xvfb started here."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        raise RuntimeError("no DISPLAY and Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN,
                               "+extension", "GLX", "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class ChildRun:
    launched: float  # time.monotonic() just before the child was started
    result: dict[str, Any]
    max_rss_mb: float  # wait4's ru_maxrss: includes the parent's peak at fork (Linux)
    seconds: float
    returncode: int
    stderr: str


def child_env(display: str, *, kivy_home: Path, data_dir: Path, maxfps: int = 60) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DISPLAY": display, "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1",
                "KIVY_NO_FILELOG": "1", "KIVY_HOME": str(kivy_home),
                "CITIZENCODE_DATA_DIR": str(data_dir), "BENCH_MAXFPS": str(maxfps),
                "PYTHONDONTWRITEBYTECODE": "1"})
    env.pop("KIVY_USE_DEFAULTCONFIG", None)
    return env


def launch(args: list[str], env: dict[str, str], timeout: float = 120.0) -> ChildRun:
    """Run ``python -m app.probe *args``; its last stdout line is JSON."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launched = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "app.probe", *args],
                                cwd=ROOT, env=env, stdout=out, stderr=err)
        deadline = launched + timeout
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - launched
        out.seek(0)
        err.seek(0)
        lines = [line for line in out.read().decode(errors="replace").splitlines()
                 if line.startswith("{")]
        result = json.loads(lines[-1]) if lines else {}
        return ChildRun(launched, result, (usage.ru_maxrss / 1024) if usage else float("nan"),
                        seconds, proc.returncode, err.read().decode(errors="replace")[-2000:])

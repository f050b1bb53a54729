"""The built wheel, installed into a fresh venv without the optional parts (numpy, pocketsphinx,
PyAudio, SpeechRecognition, evdev) and without espeak-ng on the PATH, starts the app to the
learner picker: every optional part degrades with a status, never an ImportError.

The fresh venv gets only the distributions the wheel's metadata requires (its dependencies
and theirs, resolved from the metadata, no extras), taken from this venv through a ``.pth``
file: a dependency missing from pyproject.toml is missing there too, and nothing is
downloaded.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = [pytest.mark.slow, pytest.mark.app]

ROOT = Path(__file__).resolve().parents[1]
OPTIONAL = ("numpy", "pocketsphinx", "pyaudio", "speech_recognition", "evdev")  # modules
EXTRAS = {"numpy", "pocketsphinx", "pyaudio", "speechrecognition", "evdev"}  # distributions

# Runs inside the fresh venv: the real app, stopped once the first screen is drawn.
START = f"""
import json, sys
OPTIONAL = {OPTIONAL!r}
from app.kivy_config import configure
configure(800, 600)
from kivy.clock import Clock
from app.kivy_app import CitizenCodeApp
from app.options import parse_args
app = CitizenCodeApp(parse_args(["--data-dir", sys.argv[1]]))
seen = {{}}
def look(_dt):
    controller = app.controller
    seen["screen"] = controller.screen
    seen["statuses"] = [part.key for part in controller.shown_statuses()]
    # a learner who plays by voice, with no voice part installed: said, and play goes on
    from dataclasses import replace
    from accessibility.profiles import preset, profile_to_dict
    learner = controller.add_learner("Sam")
    controller.store.update_learner(replace(learner, profile=profile_to_dict(preset("voice"))))
    controller.choose_learner(learner.id)
    seen["then"] = controller.screen
    seen["status_line"] = [part.key for part in controller.status_line()]
    seen["loaded"] = sorted(m for m in OPTIONAL if m in sys.modules)
    app.stop()
Clock.schedule_once(look, 3)
app.run()
print("RESULT " + json.dumps(seen, default=str))
"""


def required_distributions(name: str) -> set[str]:
    """``name``'s dependencies, transitively, without extras, for this platform."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        dist = metadata.distribution(todo.pop())
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(requirement.name)
            if key not in seen:
                seen.add(key)
                todo.append(key)
    return seen


def expose(distributions: set[str], folder: Path) -> None:
    """Links each distribution's top-level files of this venv into ``folder``."""
    folder.mkdir()
    for name in distributions:
        dist = metadata.distribution(name)
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops - {"__pycache__"}:
            source = Path(str(dist.locate_file(top)))
            target = folder / top
            if source.exists() and not target.exists():
                target.symlink_to(source)


def test_the_wheel_starts_without_the_optional_parts(tmp_path: Path) -> None:
    source, wheels = tmp_path / "source", tmp_path / "wheels"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "results", "screenshots"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "-o", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=120)
    wheel = next(wheels.glob("citizencode_access-*.whl"))
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=120)
    installed = subprocess.run([str(python), "-c", "import importlib.metadata as m; "
                                "print('\\n'.join(m.requires('citizencode-access')))"],
                               check=True, capture_output=True, text=True).stdout
    required = set()
    for text in installed.splitlines():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            required.add(canonicalize_name(requirement.name))
    required |= {d for r in set(required) for d in required_distributions(r)}
    assert not required & EXTRAS, required
    deps = tmp_path / "deps"
    expose(required, deps)
    site = next((fresh / "lib").glob("python3.*")) / "site-packages"
    (site / "deps.pth").write_text(str(deps) + "\n")

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PATH"] = str(fresh / "bin")  # no espeak-ng, no aplay: captions only, said so
    data = tmp_path / "data"
    run = subprocess.run([str(python), "-c", START, str(data)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    line = next(l for l in run.stdout.splitlines() if l.startswith("RESULT "))
    seen = json.loads(line.removeprefix("RESULT "))
    assert seen["screen"] == "learners", seen
    assert seen["then"] == "map", seen
    assert seen["status_line"][0] == "app.status.no_voice", seen
    assert seen["loaded"] == [], seen  # none of the optional parts was there to import
    assert "ImportError" not in run.stderr and "ModuleNotFoundError" not in run.stderr

"""Child process for the kill test: the real app, playing and saving until it is killed.

Prints one JSON line after each save it knows has finished (the app's own flows: a block
added saves the draft, a run saves an attempt)."""
from __future__ import annotations

import json
import sys
import tempfile
import os
from pathlib import Path

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="citizencode-kivy-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from accessibility.actions import Command  # noqa: E402
from tests.support.driver import RunningApp  # noqa: E402


def main() -> None:
    data = Path(sys.argv[1])
    running = RunningApp(data)
    controller = running.controller
    controller.choose_learner(controller.store.learners()[0].id)
    status = controller.store.status  # read-only, waiting for a lock (issue 17), or None
    print(json.dumps({"status": None if status is None else status.key}), flush=True)
    learner = controller.learner.id
    blocks = 0
    while True:
        controller.open_level("junior_01")
        controller.command(Command("add:move_forward"))
        blocks = len(controller.session.editor.blocks())
        print(json.dumps({"draft": blocks, "level": "junior_01"}), flush=True)
        controller.command(Command("run"))
        before = controller.store.progress(learner).get("junior_01")
        running.wait_for(lambda: controller.session is None or not controller.session.running,
                         10.0)
        progress = controller.store.progress(learner)["junior_01"]
        assert before is None or progress.attempts > before.attempts
        print(json.dumps({"attempts": progress.attempts}), flush=True)
        if blocks >= 2:
            controller.command(Command("undo"))


if __name__ == "__main__":
    main()

"""Screenshots of the real app for the README, taken the way a child would get there.

    scripts/screenshots.sh            # python -m tests.support.screenshots, under Xvfb if needed

Each picture is a fresh app on a fresh data folder; the program shown is built through the
same presenter targets a tap or a switch would choose.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="citizencode-kivy-"))

from app.kivy_config import configure  # noqa: E402

configure(1280, 800)

from accessibility.presenters.voice_training_presenter import (  # noqa: E402
    VoiceTrainingPresenter)
from accessibility.profiles import edited, preset  # noqa: E402
from adapters.speech.grammar import every_phrase  # noqa: E402
from tests.support.driver import RunningApp, prepare_learner  # noqa: E402
from app.options import Options  # noqa: E402
from app.voice_training_flow import VOICE_TRAINING  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def shot(name: str, profile: str, actions: Callable[[RunningApp], None], *,
         locale: str = "en", **changes: object) -> Path:
    data = Path(tempfile.mkdtemp(prefix="citizencode-shot-"))
    prepare_learner(data, edited(preset(profile), **changes), name="Zoë")
    running = RunningApp(data, Options(data_dir=data, locale=locale, speech=False,
                                       voice_input=False))
    try:
        actions(running)
        running.wait(0.8)
        path = running.screenshot(OUT / f"{name}.png")
        print(f"saved {path.relative_to(ROOT)}")
        return path
    finally:
        running.close()


def choose(running: RunningApp, *targets: str) -> None:
    for target in targets:
        running.settle()
        assert running.controller.activate(target), f"{target} is not on the screen"
        running.frames(3)


def learner(running: RunningApp) -> None:
    choose(running, f"learner:{running.controller.store.learners()[0].id}")


def junior(running: RunningApp) -> None:
    learner(running)
    choose(running, "level:junior_10", "palette:move_forward", "palette:repeat",
           "param:count:4", "palette:move_forward", "palette:turn_left")


def teens(running: RunningApp) -> None:
    learner(running)
    running.controller.open_level("teens_07")
    choose(running, "palette:repeat_until_goal", "palette:if_path", "param:direction:ahead",
           "palette:move_forward")


def python(running: RunningApp) -> None:
    learner(running)
    running.controller.open_level("python_05")
    session = running.controller.session
    session.type_python('for i in range(4):\n    for j in range(2):\n        paint("yellow")\n'
                        "        move_forward()\n    turn_right()\n")
    running.app.screens["workspace"].ids.python_input.text = session.python_text().text
    choose(running, "control:step", "control:step", "control:step")


def settings(running: RunningApp) -> None:
    learner(running)
    running.controller.open_settings()


def voice_training(running: RunningApp) -> None:
    """The training screen as the settings' "Train voice commands" opens it; built directly,
    because that button waits for a listening microphone and screenshots run without one."""
    learner(running)
    controller = running.controller
    presenter = VoiceTrainingPresenter(every_phrase("en"), controller.learner.name,
                                       on_say=controller.devices.say,
                                       on_finish=lambda recordings: None,
                                       on_leave=controller.show_map)
    controller.show(VOICE_TRAINING, presenter)
    presenter.start()


def level_map(running: RunningApp) -> None:
    learner(running)


def complete(running: RunningApp) -> None:
    learner(running)
    choose(running, "level:junior_01", *["palette:move_forward"] * 3, "control:run")
    running.wait_for(lambda: running.controller.screen == "complete", 20.0)


def back_stop(running: RunningApp) -> None:
    """A scanning learner inside the palette, the light on its Back stop."""
    from accessibility.actions import Action
    from accessibility.scanner import BACK_ID
    learner(running)
    choose(running, "level:junior_03", "palette:move_forward", "palette:move_forward")
    access = running.controller.access
    access.set_model(running.controller.model, focus="palette")
    while access.scanner.highlighted is None or access.scanner.highlighted.id != BACK_ID:
        access.scanner.handle(Action.NEXT)
    running.frames(3)


def repeat_dialog(running: RunningApp) -> None:
    """"How many times?" over the palette and the program: the squares stay in sight."""
    learner(running)
    running.controller.open_level("junior_09")
    choose(running, "palette:repeat")


def running_program(running: RunningApp) -> None:
    """While the program runs (here one step at a time), Run reads Stop."""
    learner(running)
    choose(running, "level:junior_03", *["palette:move_forward"] * 3, "palette:turn_left",
           *["palette:move_forward"] * 2, "control:step", "control:step")


def outcome(running: RunningApp) -> None:
    """A run that fell short: its outcome stays in the captions until the child acts."""
    learner(running)
    choose(running, "level:junior_04", "palette:move_forward", "control:run")
    running.wait_for(lambda: not running.controller.session.running, 10.0)


def hint(running: RunningApp) -> None:
    """The hint rings the squares it speaks of and marks the block to add."""
    learner(running)
    choose(running, "level:junior_04", "control:hint")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    shot("learner_picker", "two_switch_step", lambda running: running.wait(1.0))
    shot("workspace_junior", "single_switch_autoscan", junior)
    shot("workspace_teens", "touch", teens)
    shot("workspace_python", "touch", python)
    shot("high_contrast", "two_switch_step", junior, theme="high_contrast")
    shot("educator_settings", "touch", settings)
    shot("voice_training", "voice", voice_training)
    shot("workspace_back_stop", "two_switch_step", back_stop)
    shot("workspace_repeat_dialog", "touch", repeat_dialog)
    shot("workspace_running", "touch", running_program)
    shot("workspace_outcome", "touch", outcome)
    shot("workspace_hint", "touch", hint)
    for locale in ("de", "fr"):  # the longest languages: nothing may be cut
        shot(f"learner_picker_{locale}", "touch", lambda running: running.wait(0.5),
             locale=locale)
        shot(f"level_map_{locale}", "touch", level_map, locale=locale)
        shot(f"workspace_{locale}", "two_switch_step", junior, locale=locale)
        shot(f"workspace_teens_{locale}", "touch", teens, locale=locale)
        shot(f"workspace_python_{locale}", "touch", python, locale=locale)
        shot(f"level_complete_{locale}", "touch", complete, locale=locale)
        shot(f"educator_settings_{locale}", "touch", settings, locale=locale)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Screenshots of the real app for the README, taken the way a child would get there.

    scripts/screenshots.sh            # python -m app.screenshots, under Xvfb if needed
    scripts/screenshots.sh --matrix   # every screen x theme x size x locale, in matrix/

Each picture is a fresh app on a fresh data folder; the program shown is built through the
same presenter targets a tap or a switch would choose.
"""
from __future__ import annotations

import argparse
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
from adapters.speech_grammar import every_phrase  # noqa: E402
from app.driver import RunningApp, prepare_learner, use_screen  # noqa: E402
from app.options import Options  # noqa: E402
from app.voice_training_flow import VOICE_TRAINING  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
MATRIX = OUT / "matrix"
THEMES = {"light": "default", "dark": "dark", "high_contrast": "high_contrast"}
SIZES = ((800, 480), (1280, 800), (3840, 2160))
MAX_WIDTH = 1920  # a 4K picture is saved at half size: the docs stay small


def shot(name: str, profile: str, actions: Callable[[RunningApp], None], *,
         locale: str = "en", out: Path = OUT, **changes: object) -> Path:
    data = Path(tempfile.mkdtemp(prefix="citizencode-shot-"))
    prepare_learner(data, edited(preset(profile), **changes), name="Zoë")
    running = RunningApp(data, Options(data_dir=data, locale=locale, speech=False,
                                       voice_input=False))
    try:
        actions(running)
        running.wait(0.8)
        path = optimise(running.screenshot(out / f"{name}.png"))
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
    presenter = VoiceTrainingPresenter(every_phrase(controller.services.translator.locale),
                                       controller.learner.name,
                                       on_say=controller.narrator.say,
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
    running.wait_for(lambda: running.app.screens["complete"].ids.stars.landed, 10.0)


def optimise(path: Path) -> Path:
    """Smaller on disk: at most ``MAX_WIDTH`` wide, 256 colours, compressed."""
    from PIL import Image
    image = Image.open(path).convert("RGB")
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, image.height * MAX_WIDTH // image.width),
                             Image.LANCZOS)
    image.quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    return path


SCREENS: dict[str, tuple[str, Callable[[RunningApp], None]]] = {
    "learner_picker": ("touch", lambda running: running.wait(0.5)),
    "level_map": ("touch", level_map),
    "workspace_junior": ("two_switch_step", junior),
    "workspace_python": ("touch", python),
    "level_complete": ("touch", complete),
    "educator_settings": ("touch", settings),
    "voice_training": ("voice", voice_training),
}


def matrix(screens: list[str]) -> None:
    """Every screen in light, dark and high contrast, at the three sizes, in French and
    German: docs/screenshots/matrix/<screen>_<theme>_<size>_<locale>.png."""
    MATRIX.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        use_screen(width, height)
        for screen in screens:
            profile, actions = SCREENS[screen]
            for theme_name, theme in THEMES.items():
                for locale in ("fr", "de"):
                    shot(f"{screen}_{theme_name}_{width}x{height}_{locale}", profile, actions,
                         locale=locale, out=MATRIX, theme=theme)
    use_screen(1280, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.screenshots")
    parser.add_argument("--matrix", nargs="*", metavar="SCREEN", choices=list(SCREENS),
                        help="every theme, size and locale of these screens (default: all)")
    args = parser.parse_args(argv)
    if args.matrix is not None:
        matrix(args.matrix or list(SCREENS))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    shot("learner_picker", "two_switch_step", lambda running: running.wait(1.0))
    shot("workspace_junior", "single_switch_autoscan", junior)
    shot("workspace_teens", "touch", teens)
    shot("workspace_python", "touch", python)
    shot("high_contrast", "two_switch_step", junior, theme="high_contrast")
    shot("educator_settings", "touch", settings)
    shot("voice_training", "voice", voice_training)
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

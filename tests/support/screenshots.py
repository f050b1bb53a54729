"""Screenshots of the real app for the README, taken the way a child would get there.

    scripts/screenshots.sh            # python -m tests.support.screenshots, under Xvfb if needed
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
from adapters.speech.grammar import every_phrase  # noqa: E402
from tests.support.driver import RunningApp, prepare_learner, use_screen  # noqa: E402
from app.options import Options  # noqa: E402
from app.voice_training_flow import VOICE_TRAINING  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
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


def data_activity(running: RunningApp) -> None:
    """A junior data level: the pictogram of coloured stars, part collected, the question
    still to answer with the Answer block."""
    learner(running)
    running.controller.open_level("junior_data_03")
    choose(running, "palette:repeat", "param:count:3", "palette:move_forward",
           "palette:collect")
    choose(running, *["control:step"] * 5)


def sorting(running: RunningApp) -> None:
    """A junior sorting level: coloured stars and the bins they go into."""
    learner(running)
    running.controller.open_level("junior_data_sort_01")
    choose(running, "palette:move_forward", "palette:collect", "palette:move_forward",
           "palette:drop", "control:step", "control:step", "control:step")


def settings(running: RunningApp) -> None:
    learner(running)
    running.controller.open_settings()


def _a_class(running: RunningApp) -> int:
    """Three children with a few weeks of play, guided help fading, for the teacher's pages."""
    store = running.controller.store
    zoe = store.learners()[0].id
    others = [store.add_learner(name, avatar, "en", {}).id
              for name, avatar in (("Émile", "owl"), ("Noah", "frog"))]
    days = ("2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-06")
    helps = ((0, 2, 2, 2), (1, 3, 2, 0), (2, 3, 1, 0), (4, 2, 0, 0), (5, 1, 0, 0))
    levels = ("junior_01", "junior_02", "junior_03", "junior_07", "junior_09")
    for learner, scale in ((zoe, 0), (others[0], 1)):
        for level, help_ in zip(levels[: 5 - scale * 2], helps):
            store.record_attempt(learner, level, solved=True, stars=3 - scale, blocks=4,
                                 seconds=60, help=help_)
    store.record_attempt(others[1], "teens_01", solved=False, stars=0, blocks=2, seconds=30)
    conn = store._connection  # the sessions on their days (a screenshot, not the app)
    for learner in (zoe, others[0]):
        ids = [row[0] for row in conn.execute(
            "SELECT id FROM attempt_log WHERE learner_id = ? ORDER BY id", (learner,))]
        for row_id, day in zip(ids, days):
            conn.execute("UPDATE attempt_log SET at = ? WHERE id = ?",
                         (day + "T10:00:00+01:00", row_id))
    conn.commit()
    return zoe


def _open_class(running: RunningApp) -> int:
    zoe = _a_class(running)
    choose(running, f"learner:{zoe}")
    running.controller.open_settings()
    choose(running, "settings:class")
    return zoe


def class_view(running: RunningApp) -> None:
    _open_class(running)


def assign_levels(running: RunningApp) -> None:
    zoe = _open_class(running)
    running.controller.store.assign_levels(zoe, ["junior_03", "junior_01", "junior_05",
                                                 "teens_02"])
    choose(running, f"class:assign:{zoe}")


def report(running: RunningApp) -> None:
    zoe = _open_class(running)
    choose(running, f"class:report:{zoe}")


def settings_section(section: str) -> Callable[[RunningApp], None]:
    def show(running: RunningApp) -> None:
        settings(running)
        choose(running, f"section:{section}")
    return show


def new_player(running: RunningApp) -> None:
    settings(running)
    choose(running, "settings:add_learner")
    running.app.screens["new_player"]._field.text = "Léa"


def remove_player(running: RunningApp) -> None:
    zoe = _open_class(running)
    choose(running, f"class:remove:{zoe}")


def class_sync(running: RunningApp) -> None:
    """The class sync page: the school's LRS typed in and saved (sending still off, so no
    network here), the class's results waiting."""
    zoe = _a_class(running)
    from app.sync.record import Played, queue_attempt
    for number in range(1, 4):
        queue_attempt(running.controller.store, Played(zoe, "junior_01", "x", "en"),
                      number=number, solved=number == 3, stars=3, blocks=3, seconds=30.0)
    choose(running, f"learner:{zoe}")
    running.controller.open_settings()
    choose(running, "section:player", "settings:sync")
    page = running.controller.presenter
    for name, text in (("endpoint", "https://lrs.academie.example/xAPI"),
                       ("username", "ulis-college-5b"), ("password", "not-a-real-one")):
        running.app.screens["sync"].fields[name].text = text
    page.save(quiet=True)


TEACHER_SHOTS: tuple[tuple[str, Callable[[RunningApp], None]], ...] = (
    ("teacher_class_view", class_view), ("teacher_assign", assign_levels),
    ("teacher_report", report), ("teacher_new_player", new_player),
    ("teacher_remove_player", remove_player), ("teacher_class_sync", class_sync),
    *[(f"educator_settings_{name}", settings_section(name))
      for name in ("access", "look", "sound", "player")])


def voice_training(running: RunningApp) -> None:
    """The training screen as the settings' "Train voice commands" opens it; built directly,
    because that button waits for a listening microphone and screenshots run without one."""
    learner(running)
    controller = running.controller
    presenter = VoiceTrainingPresenter(every_phrase(controller.services.translator.locale),
                                       controller.learner.name,
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
    running.wait_for(lambda: running.app.screens["complete"].ids.stars.landed, 10.0)


def career(running: RunningApp) -> None:
    learner(running)
    choose(running, "track:made", "map:careers", "career:next", "career:next")


def maker(running: RunningApp) -> None:
    learner(running)
    choose(running, "track:made", "map:maker", "tool:wall", "cell:1:3", "cell:2:3", "cell:3:5",
           "tool:star", "cell:3:2", "tool:paint:blue", "cell:1:5", "cell:2:5",
           "block:repeat", "maker:test")


def made_levels(running: RunningApp) -> None:
    maker(running)
    choose(running, "maker:save", "maker:back")


def canvas(running: RunningApp) -> None:
    learner(running)
    choose(running, "track:made", "level:made_canvas")
    session = running.controller.session
    session.type_python('for i in range(4):\n    paint("blue")\n    move_forward()\n'
                        'turn_right()\nmove_forward()\nfor i in range(4):\n'
                        '    paint("yellow")\n    turn_right()\n    move_forward()\n')
    running.app.screens["workspace"].ids.python_input.text = session.python_text().text
    choose(running, *["control:step"] * 9)


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
    "career_card": ("two_switch_step", career),
    "level_maker": ("touch", maker),
    "level_map_made": ("touch", made_levels),
    "free_canvas": ("touch", canvas),
    "new_player": ("touch", new_player),
    "remove_player": ("touch", remove_player),
    "class_view": ("touch", class_view),
    "assign_levels": ("touch", assign_levels),
    "report": ("touch", report),
    **{f"settings_{name}": ("touch", settings_section(name))
       for name in ("access", "look", "sound", "player")},
    "class_sync": ("touch", class_sync),
    "workspace_teens": ("touch", teens),
    "workspace_data": ("touch", data_activity),
    "workspace_sorting": ("touch", sorting),
}


def matrix(screens: list[str], sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
    """Every screen in light, dark and high contrast, at the three sizes, in French and
    German: docs/screenshots/matrix/<screen>_<theme>_<size>_<locale>.png."""
    MATRIX.mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        use_screen(width, height)
        for screen in screens:
            profile, actions = SCREENS[screen]
            for theme_name, theme in THEMES.items():
                for locale in ("fr", "de"):
                    shot(f"{screen}_{theme_name}_{width}x{height}_{locale}", profile, actions,
                         locale=locale, out=MATRIX, theme=theme)
    use_screen(1280, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.screenshots")
    parser.add_argument("--matrix", nargs="*", metavar="SCREEN", choices=list(SCREENS),
                        help="every theme, size and locale of these screens (default: all)")
    parser.add_argument("--size", action="append", choices=[f"{w}x{h}" for w, h in SIZES],
                        help="only this size of the matrix (repeat for more)")
    args = parser.parse_args(argv)
    if args.matrix is not None:
        sizes = tuple(size for size in SIZES if f"{size[0]}x{size[1]}" in args.size) \
            if args.size else SIZES
        matrix(args.matrix or list(SCREENS), sizes)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    shot("learner_picker", "two_switch_step", lambda running: running.wait(1.0))
    shot("workspace_junior", "single_switch_autoscan", junior)
    shot("workspace_teens", "touch", teens)
    shot("workspace_python", "touch", python)
    shot("workspace_data", "touch", data_activity)
    shot("workspace_sorting", "touch", sorting)
    shot("high_contrast", "two_switch_step", junior, theme="high_contrast")
    shot("educator_settings", "touch", settings)
    shot("voice_training", "voice", voice_training)
    shot("career_card", "two_switch_step", career)
    shot("level_maker", "touch", maker)
    shot("level_map_made", "touch", made_levels)
    shot("free_canvas", "touch", canvas)
    for name, actions in TEACHER_SHOTS:
        shot(name, "touch", actions)
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

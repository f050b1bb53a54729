"""No label is cut on any screen in the longest languages (German, French, Dutch)."""
from __future__ import annotations

import pytest

from app.driver import RunningApp
from app.options import Options
from app.ui.widgets import TargetButton

pytestmark = [pytest.mark.app]


def cut_labels(running: RunningApp) -> list[str]:
    running.settle()
    running.wait(0.3)  # the fitting runs on the next frames
    screen = running.app.screens[running.controller.screen]
    return [w.text for w in screen.walk()
            if isinstance(w, TargetButton) and not w.disabled and not w.fits]


@pytest.mark.parametrize("locale", ["de", "fr", "nl"])
def test_every_screen_fits_its_words(tmp_path, locale) -> None:
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale=locale, speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        cut = {"learners": cut_labels(running)}
        controller.activate(f"learner:{controller.store.learners()[0].id}")
        cut["map"] = cut_labels(running)
        for level in ("teens_07", "python_05", "junior_13"):
            controller.open_level(level)
            cut[level] = cut_labels(running)
        controller.activate("palette:repeat")  # the parameter choices
        cut["parameters"] = cut_labels(running)
        controller.activate("param:count:4")
        controller.activate("palette:move_forward")  # inside the loop: "Continue after …"
        assert controller.model.find("palette:exit") is not None
        cut["inside a loop"] = cut_labels(running)
        controller.open_settings()
        cut["settings"] = cut_labels(running)
        assert not any(cut.values()), cut
    finally:
        running.close()

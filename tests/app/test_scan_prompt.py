"""Issue 19 in the real app: an auto-scan learner never faces a screen without a highlight
or a lit prompt; when the loops run out the prompt is shown, captioned, and a press resumes."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.profiles import edited
from accessibility.scanner import PAUSED_KEY
from tests.app.kivy_harness import RunningApp, fast, prepare_learner

pytestmark = [pytest.mark.app]


def test_the_paused_scanner_shows_and_captions_a_lit_prompt_and_a_press_resumes(
        tmp_path: Path) -> None:
    prepare_learner(tmp_path, edited(fast("single_switch_autoscan"), scan_loops=1))
    running = RunningApp(tmp_path)
    try:
        app, controller = running.app, running.controller
        scanner = controller.access.scanner
        assert scanner is not None
        running.frames(3)
        # first start: the scan runs at once (it used to wait for a first press)
        assert scanner.highlighted is not None and app.scan_prompt.opacity == 0
        assert running.wait_for(lambda: controller.access.scanner.paused, 20.0)
        running.frames(3)
        prompt = app.services.translator.t(PAUSED_KEY)
        assert app.scan_prompt.opacity == 1 and app.scan_prompt.text == prompt
        assert running.wait_for(lambda: app.root_view.ids.caption.text == prompt, 5.0)
        assert app.scan_prompt.parent is app.root_view  # drawn over the screen
        running.post("kb", "space")
        running.frames(3)
        scanner = controller.access.scanner
        assert scanner.highlighted is not None and not scanner.paused
        assert app.scan_prompt.opacity == 0
    finally:
        running.close()

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
        # first start: the scan ran at once (it used to wait for a first press), and the
        # screen shows a highlight or the prompt (one loop of one learner is 0.7 s)
        assert scanner.stats.moves >= 1
        assert (scanner.highlighted is not None) != (app.scan_prompt.opacity == 1)
        assert running.wait_for(lambda: controller.access.scanner.paused, 20.0)
        running.frames(3)
        prompt = app.services.translator.t(PAUSED_KEY)
        assert app.scan_prompt.opacity == 1 and app.scan_prompt.text == prompt
        assert running.wait_for(lambda: app.root_view.ids.caption.text == prompt, 5.0)
        assert app.scan_prompt.parent is app.root_view  # drawn over the screen
        running.post("kb", "space")
        # the first frame after the press is decided shows the light again (polled frame by
        # frame: a fixed count of frames could outlast the 0.7 s loop on a busy machine,
        # and the scanner pause again)
        scanner = controller.access.scanner
        assert running.wait_for(lambda: scanner.highlighted is not None and not scanner.paused
                                and app.scan_prompt.opacity == 0, 5.0)
    finally:
        running.close()


def test_a_key_press_drained_after_the_move_chooses_the_stop_lit_when_pressed(
        tmp_path: Path) -> None:
    """The issue's press in the real app: stamped while the first stop was lit, reaching
    the hub only after the highlight left it (a late frame). With one learner on the
    picker the highlight leaves it when the loops run out: the press still chooses it
    instead of only waking the paused scanner (what resolving at processing time does)."""
    import time

    from adapters.events import InputEvent

    prepare_learner(tmp_path, fast("single_switch_autoscan"))
    running = RunningApp(tmp_path)
    try:
        scanner = running.controller.access.scanner
        assert scanner is not None
        lit: list[tuple[float, str | None]] = []
        chosen: list[str] = []
        scanner.on_highlight(lambda node: lit.append((time.monotonic(),
                                                      node.id if node else None)))
        scanner.on_select(lambda node: chosen.append(node.id))
        def moved_on() -> bool:
            return len({node for _, node in lit}) >= 2

        assert running.wait_for(moved_on, 10.0)  # the first stop lost the highlight
        change = next(i for i in range(1, len(lit)) if lit[i][1] != lit[i - 1][1])
        (started, first), (moved, _second) = lit[0], lit[change]
        assert moved - started >= 0.5 and first is not None
        hub = running.app.services.hub
        # 0.2 s before the move: at least 0.3 s into a 0.5 s turn, past the 0.25 s grace
        hub.post(InputEvent("kb", "space", True, moved - 0.2))
        hub.post(InputEvent("kb", "space", False, moved - 0.1))
        running.frames(5)
        assert chosen[:1] == [first]
    finally:
        running.close()

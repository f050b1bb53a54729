"""Switching language at run time in the real app: screen text, captions, the narrator's
voice and every screen's words change at once, without a restart."""
from __future__ import annotations

import pytest

from accessibility.narrator import Channel
from accessibility.translator import Translator
from app.controller import MAP, SETTINGS
from tests.support.driver import RunningApp
from app.options import Options

pytestmark = [pytest.mark.app]


def labels(running: RunningApp) -> set[str]:
    screen = running.app.screens[running.controller.screen]
    return {getattr(w, "text", "") for w in screen.walk() if getattr(w, "text", "")}


def test_language_changes_at_run_time_everywhere(tmp_path) -> None:
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, speech=False, voice_input=False,
                                           locale=None))
    try:
        controller = running.controller
        controller.set_locale("en")
        controller.activate(f"learner:{controller.store.learners()[0].id}")
        running.settle()
        english, french = Translator("en"), Translator("fr")
        assert english.t("app.map.back") in labels(running)
        captions = []
        controller.narrator.on_caption(captions.append)

        controller.open_settings()
        running.settle()
        assert controller.screen == SETTINGS
        controller.activate("locale:fr")  # live preview: the settings screen is French now
        running.frames(3)
        assert french.t("app.settings.save") in labels(running)
        controller.activate("settings:save")
        running.settle()
        assert controller.screen == MAP
        shown = labels(running)
        assert french.t("app.map.back") in shown and english.t("app.map.back") not in shown
        assert french.t("levels.junior_01.title") in " ".join(shown)

        controller.narrator.wait_idle(5.0)
        running.frames(3)
        assert captions and captions[-1].text == french.t("app.settings.saved")
        voice = controller.narrator.voice(controller.translator.locale, Channel.MAIN)
        assert voice.voice == "fr"
        assert controller.store.learner(controller.learner.id).locale == "fr"
    finally:
        running.close()

"""The teacher's pages in the real window, in the longest languages: every page drawn from
its model, no label cut, the charts drawn, and the report saved by a tap on a folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.profiles import preset
from app.options import Options
from app.ui.chart import IndependenceChart
from tests.app.test_layout_fits import cut_labels
from tests.app.kivy_harness import LiveSwitchUser, fast
from tests.support.driver import RunningApp, prepare_learner

pytestmark = [pytest.mark.app]


@pytest.mark.slow  # every page drawn twice
@pytest.mark.parametrize("locale", ["de", "fr"])
def test_the_teachers_pages_fit_their_words(tmp_path: Path, locale: str) -> None:
    prepare_learner(tmp_path, preset("touch"), name="Zoë")
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale=locale, speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        zoe = controller.store.learners()[0].id
        controller.store.record_attempt(zoe, "junior_01", solved=True, stars=3, blocks=3,
                                        seconds=9, help=(1, 2, 0, 0))
        controller.open_settings()
        cut = {}
        for section in ("access", "look", "sound", "player"):
            assert controller.activate(f"section:{section}")
            cut[section] = cut_labels(running)
        assert controller.activate("settings:class")
        cut["class"] = cut_labels(running)
        charts = [w for w in running.app.screens["class"].walk()
                  if isinstance(w, IndependenceChart)]
        assert len(charts) == 1 and charts[0].scores == [0.778]  # 1 - (0 + 2/3 * 2/3 ...)
        for page in (f"class:assign:{zoe}", f"class:report:{zoe}", f"class:remove:{zoe}"):
            assert controller.activate(page)
            cut[page] = cut_labels(running)
            controller.go_back()
        assert controller.screen == "class"
        assert not any(cut.values()), cut
        assert controller.activate(f"class:report:{zoe}")
        running.touch("report:folder:0")  # a tap on the data folder's button
        running.settle()
        [report] = tmp_path.glob("report-*.html")
        assert f'lang="{locale}"' in report.read_text(encoding="utf-8")
    finally:
        running.close()


def test_the_name_typed_for_a_new_player_is_kept(tmp_path: Path) -> None:
    """Typed into the real field, kept through a redraw (the animal chosen after), added."""
    prepare_learner(tmp_path, preset("touch"), name="Zoë")
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="en", speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        running.settle()
        caption = running.app.root_view.ids.caption
        assert caption.text  # the child's greeting on the picker
        controller.open_settings()
        running.frames(2)
        assert caption.text == ""  # the child's last words do not follow the teacher
        assert controller.activate("section:player")
        running.touch("settings:add_learner")
        assert controller.screen == "new_player"
        field = running.app.screens["new_player"]._field
        field.insert_text("Léa  Dubois")  # as the keyboard types it
        running.touch("player:avatar:cat")  # the page is drawn again: the name stays
        assert running.app.screens["new_player"]._field.text == "Léa  Dubois"
        running.touch("player:add")
        assert controller.screen == "settings"
        added = [l for l in controller.store.learners() if l.name == "Léa Dubois"]
        assert len(added) == 1 and added[0].avatar == "cat"
    finally:
        running.close()


@pytest.mark.slow  # the light moves in real time
def test_a_scanning_teacher_walks_the_sections_and_sees_each_one(tmp_path: Path) -> None:
    """Two switches on the settings: the light enters the Look section, its tab is shown,
    the theme chosen there is the draft's; then on to Sound (the sections keep one order:
    one that moved with the tab sent the light back and forth between two)."""
    prepare_learner(tmp_path, fast("two_switch_step"))
    running = RunningApp(tmp_path, Options(data_dir=tmp_path, locale="en", speech=False,
                                           voice_input=False))
    try:
        controller = running.controller
        controller.choose_learner(controller.store.learners()[0].id)
        controller.open_settings()
        assert controller.presenter.section == "access"
        user = LiveSwitchUser(running)
        user.choose("theme:high_contrast", timeout=60.0)
        assert controller.presenter.section == "look"
        assert controller.presenter.draft.profile.theme == "high_contrast"
        assert "theme:high_contrast" in running.app.highlighter.widgets  # drawn, not hidden
        user.choose("toggle:earcons", timeout=60.0)
        assert controller.presenter.section == "sound"
        assert not controller.presenter.draft.profile.earcons  # it was on
    finally:
        running.close()

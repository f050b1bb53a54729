"""The teacher's screens without a window: class view, assign and unlock, the progress
report (its HTML parsed and checked against the store), new and removed players, and the
settings' sections. A real SQLite file, the real packs, the app's controller."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from accessibility.profiles import edited, preset, profile_to_dict
from app.controller import MAP, SETTINGS, WORKSPACE
from app.storage.migrations import LATEST_VERSION, schema_version
from app.storage.store import ProgressStore
from app.teacher.folders import candidate_folders
from app.teacher.progress_data import independence_score
from app.teacher_flow import ASSIGN, CLASS, CONFIRM, NEW_PLAYER, REPORT
from tests.app.test_controller import app, pump  # noqa: F401  (the fixture)

__all__ = ["app"]


def _class_view(controller) -> None:
    controller.open_settings()
    assert controller.screen == SETTINGS
    assert controller.activate("settings:class")
    assert controller.screen == CLASS


def _two_children(controller) -> tuple[int, int]:
    store = controller.store
    first = store.learners()[0].id
    other = store.add_learner("Émile", "owl", "fr", {}).id
    store.record_attempt(first, "junior_01", solved=False, stars=0, blocks=2, seconds=5,
                         help=(1, 2, 0, 0))
    store.record_attempt(first, "junior_01", solved=True, stars=3, blocks=3, seconds=4,
                         help=(3, 0, 0, 0))
    store.record_attempt(first, "junior_09", solved=True, stars=2, blocks=6, seconds=9,
                         help=(0, 1, 1, 1))
    store.record_attempt(other, "teens_02", solved=True, stars=1, blocks=8, seconds=20)
    return first, other


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.lang = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang", "")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_the_class_view_lists_every_learner_with_their_figures(app) -> None:
    controller, clock, server = app
    first, other = _two_children(controller)
    _class_view(controller)
    rows = {g.id: g for g in controller.model.children[1].children}
    row = rows[f"class:child:{first}"]
    assert row.params["stars"] == 5 and row.params["solved"] == 2
    assert row.params["attempts"] == 3
    summary = controller.presenter.child(first)
    progress = controller.store.progress(first)
    assert summary.attempts == sum(p.attempts for p in progress.values())
    assert summary.last_played == progress["junior_09"].updated[:10]
    # one session (today): 4 independent, 3 spoken, 1 highlight, 1 shown of 9 steps
    assert summary.independence == (round(independence_score((4, 3, 1, 1)), 3),)
    assert controller.presenter.child(other).independence == ()  # never guided
    assert controller.activate("class:back")
    assert controller.screen == SETTINGS


def test_a_child_sees_only_the_levels_assigned_in_the_teachers_order(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    _class_view(controller)
    assert controller.activate(f"class:assign:{learner.id}")
    assert controller.screen == ASSIGN
    assert controller.model.find("assign:level:junior_02").params["chosen"]  # all open
    assert controller.activate("assign:level:junior_02")  # closed: the others stay open
    assert controller.activate("assign:earlier:junior_03")  # before junior_01 now
    assert not controller.model.find("assign:level:junior_02").params["chosen"]
    assert controller.activate("assign:save")
    assert controller.screen == CLASS  # and the row says how many are open
    order = controller.store.assigned_levels(learner.id)
    assert "junior_02" not in order  # closed; junior_03 moved just before junior_01
    assert order[order.index("junior_03") + 1] == "junior_01"
    controller.settings.cancel()
    controller.choose_learner(learner.id)
    assert controller.screen == MAP
    tiles = [t.id for t in controller.model.children[0].children]
    assert "level:junior_02" not in tiles
    assert tiles.index("level:junior_03") < tiles.index("level:junior_01")
    assert controller.model.find("level:junior_02") is None


def test_an_assignment_in_another_track_shows_that_track_and_nothing_else(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    controller.store.assign_levels(learner.id, ["teens_02", "junior_05"])
    controller.choose_learner(learner.id)
    assert [t.id for t in controller.model.children[0].children] == ["level:junior_05"]
    tracks = {t.id: t for t in controller.model.children[1].children}
    assert not tracks["track:python"].enabled  # nothing open there
    assert controller.activate("track:teens")
    assert [t.id for t in controller.model.children[0].children] == ["level:teens_02"]
    controller.store.assign_levels(learner.id, ["teens_02"])
    controller.show_map("junior")  # the junior track is empty: the teens track is shown
    assert [t.id for t in controller.model.children[0].children] == ["level:teens_02"]


def test_the_report_is_saved_as_html_whose_figures_are_the_stores(app, tmp_path) -> None:
    controller, clock, server = app
    first, other = _two_children(controller)
    store = controller.store
    store._connection.execute(  # the first attempt was on an earlier day: two sessions
        "UPDATE attempt_log SET at = '2026-11-20T10:00:00+01:00' WHERE id = 1")
    store._connection.commit()
    _class_view(controller)
    assert controller.activate(f"class:report:{first}")
    assert controller.screen == REPORT
    folder = controller.model.find("report:folder:0")
    assert folder.params["path"] == str(controller.services.data_dir)
    assert folder.params["folder"].endswith(controller.services.data_dir.name)
    assert controller.activate("report:folder:0")
    [saved] = list(Path(controller.services.data_dir).glob("report-*.html"))
    assert "Sam" in saved.name or saved.name.startswith("report-")
    page = Tables()
    page.feed(saved.read_text(encoding="utf-8"))
    assert page.lang == "en" and len(page.tables) == 2
    skills, sessions = page.tables
    assert skills[0][:5] == ["Skill", "Levels open", "Levels solved", "Stars", "Attempts"]
    by_skill = {row[0]: row for row in skills[1:]}
    packs = controller.packs
    progress = store.progress(first)
    for concept, title in (("sequence", "One step after another"), ("loops", "Loops")):
        mine = [p for p in progress.values() if packs.level(p.level_id).concept == concept]
        row = by_skill[title]
        assert int(row[2]) == sum(p.solved for p in mine)
        assert int(row[3]) == sum(p.stars for p in mine)
        assert int(row[4]) == sum(p.attempts for p in mine)
    assert packs.level("junior_01").concept == "sequence"
    assert packs.level("junior_09").concept == "loops"
    assert by_skill["One step after another"][5:] == ["4", "2", "0", "0"]  # help summed
    assert by_skill["Loops"][5:] == ["0", "1", "1", "1"]
    days = [row[0] for row in sessions[1:]]
    assert days[0] == "2026-11-20" and len(set(days)) == 2
    assert sessions[1][5:] == ["1", "2", "0", "0"]  # the first session's help
    assert "svg" in saved.read_text(encoding="utf-8")  # the independence chart
    assert controller.screen == REPORT  # the notice says where; the teacher stays


def test_a_report_that_cannot_be_written_says_so_and_keeps_nothing_half(app, tmp_path) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    gone = tmp_path / "pulled_stick"
    assert controller.teacher.save_report(learner, gone) is None
    said = controller.devices.status_line()[0]
    assert said.key == "teacher.report.failed" and said.params["folder"] == str(gone)


def test_usb_sticks_and_the_data_folder_are_offered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    stick = tmp_path / "media" / "alice" / "STICK"
    for folder in (data, stick):
        folder.mkdir(parents=True)
    locked = tmp_path / "media" / "alice" / "LOCKED"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        found = candidate_folders(data, home=tmp_path / "nohome",
                                  media_roots=(tmp_path / "media", tmp_path / "run"))
    finally:
        locked.chmod(0o700)
    assert found[0] == data and stick in found
    import os
    if os.geteuid() != 0:  # root may write anywhere
        assert locked not in found


def test_a_new_player_is_named_first_and_keeps_the_typed_name(app) -> None:
    controller, clock, server = app
    before = len(controller.store.learners())
    controller.open_settings()
    assert controller.activate("settings:add_learner")
    assert controller.screen == NEW_PLAYER
    assert not controller.model.find("player:add").enabled  # no name yet: nobody is added
    controller.presenter.set_name("  Zoë   Martin ")
    assert controller.activate("player:avatar:owl")
    assert controller.activate("player:add")
    assert controller.screen == SETTINGS
    names = {l.name: l for l in controller.store.learners()}
    assert len(names) == before + 1 and names["Zoë Martin"].avatar == "owl"
    said = controller.devices.status_line()[0]
    assert said.key == "app.settings.learner_added" and said.params["name"] == "Zoë Martin"


def test_removing_a_player_asks_first_then_removes_their_data_and_voice(app) -> None:
    controller, clock, server = app
    first, other = _two_children(controller)
    store = controller.store
    store.assign_levels(other, ["teens_02"])
    store.save_draft(other, "teens_03", [])
    store.set_setting(f"learner.{other}.track", "teens")
    voices = controller.services.data_dir / "voices" / str(other) / "fr"
    voices.mkdir(parents=True)
    (voices / "adapted.bin").write_bytes(b"x")
    _class_view(controller)
    assert controller.activate(f"class:remove:{other}")
    assert controller.screen == CONFIRM
    assert controller.model.children[0].id == "confirm:no"  # a stray press keeps everything
    assert controller.activate("confirm:no")
    assert store.learner(other) is not None and controller.screen == CLASS
    assert controller.activate(f"class:remove:{other}")
    assert controller.activate("confirm:yes")
    assert controller.screen == CLASS and store.learner(other) is None
    assert f"class:child:{other}" not in {g.id for g in controller.model.children[1].children}
    assert store.progress(other) == {} and store.assigned_levels(other) == []
    assert store.attempt_log(other) == [] and store.draft(other, "teens_03") is None
    assert store.get_setting(f"learner.{other}.track") is None
    assert not voices.parent.exists()
    assert store.learner(first) is not None and store.attempt_log(first)


def test_settings_come_in_sections_with_save_first_and_timings_with_units(app) -> None:
    controller, clock, server = app
    controller.open_settings()
    model = controller.model
    assert [t.id for t in model.children[0].children] == ["settings:save", "settings:cancel"]
    assert [t.id for t in model.children[1].children] == [
        "section:access", "section:look", "section:sound", "section:player"]
    assert model.children[2].id == "settings:section:access"
    stepper = model.find_group("step:scan_interval")
    assert stepper.params["value"] == "1.0 s"
    assert controller.translator.t(model.find("step:scan_interval:up").label_key,
                                   **stepper.params) == "More (1.0 s)"
    assert controller.activate("step:scan_interval:up")
    assert controller.model.find_group("step:scan_interval").params["value"] == "1.25 s"
    assert controller.model.find_group("step:earcon_volume").params["value"] == "60 %"
    assert controller.activate("locale:fr")  # the live preview: French numbers
    assert controller.model.find_group("step:scan_interval").params["value"] == "1,25 s"
    assert controller.activate("section:player")
    assert controller.presenter.section == "player"
    assert [g.id for g in controller.model.children[2:]] == [  # the order stays
        f"settings:section:{name}" for name in ("access", "look", "sound", "player")]
    assert controller.model.find("settings:class") is not None


def test_guided_steps_are_logged_with_the_help_they_needed(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    profile = edited(preset("touch"), guided_mode=True)
    controller.store.update_learner(replace(learner, profile=profile_to_dict(profile)))
    controller.choose_learner(learner.id)
    controller.open_level("junior_01")
    session = controller.session
    assert controller.screen == WORKSPACE and session.guided is not None
    for _ in range(3):
        assert controller.activate(f"guided:block:{session.guided.state.step.block}")
    assert controller.activate("control:run")
    pump(controller, clock, 6.0)
    [logged] = controller.store.attempt_log(learner.id)
    assert logged.solved and logged.help == (0, 3, 0, 0)  # the spoken prompt each time


def test_an_older_file_gains_the_teacher_tables_and_keeps_its_progress(tmp_path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as store:
        learner = store.add_learner("Sam", "fox", "en", {})
        store.record_attempt(learner.id, "junior_01", solved=True, stars=3, blocks=3,
                             seconds=2)
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE assignments; DROP TABLE attempt_log; DROP TABLE badges; "
                       "DROP TABLE xapi_outbox; PRAGMA user_version = 2;")  # before steps 3-5
    conn.close()
    with ProgressStore(path) as store:
        assert schema_version(store._connection) == LATEST_VERSION
        assert store.progress(learner.id)["junior_01"].stars == 3
        assert store.assigned_levels(learner.id) == [] and store.attempt_log(learner.id) == []


def test_a_name_is_escaped_in_the_page_and_cannot_leave_the_folder(app) -> None:
    from datetime import date

    from app.teacher_flow import report_file_name
    controller, clock, server = app
    learner = controller.store.add_learner("<b>Zoë</b> & ../../etc", "fox", "en", {})
    page = controller.teacher.report_html(learner)
    assert "<b>Zoë</b>" not in page and "&lt;b&gt;Zoë&lt;/b&gt; &amp; ../../etc" in page
    name = report_file_name(learner.name, date(2026, 12, 6))
    assert "/" not in name and name.endswith("-2026-12-06.html") and "Zoë" in name
    saved = controller.teacher.save_report(learner, controller.services.data_dir)
    assert saved is not None and saved.parent == controller.services.data_dir


def test_a_whole_track_is_opened_or_closed_at_once(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    _class_view(controller)
    assert controller.activate(f"class:assign:{learner.id}")
    assert controller.model.find("assign:whole:teens").label_key == "teacher.assign.track_close"
    assert controller.activate("assign:whole:teens")  # closed: junior and python stay
    assert controller.model.find("assign:whole:teens").label_key == "teacher.assign.track_open"
    assert controller.activate("assign:whole:junior")
    assert controller.activate("assign:whole:python")  # the last open levels stay open
    assert controller.activate("assign:save")
    every = {track: [lv.id for lv in levels] for track, levels in controller.packs.tracks.items()}
    assert controller.store.assigned_levels(learner.id) == every["python"]


def test_the_player_being_set_up_can_be_removed_from_the_settings(app) -> None:
    controller, clock, server = app
    learner = controller.store.learners()[0]
    controller.choose_learner(learner.id)
    controller.open_settings()
    assert controller.activate("settings:remove_learner")
    assert controller.screen == CONFIRM
    assert controller.activate("confirm:yes")
    assert controller.screen == SETTINGS and controller.learner is None
    assert controller.store.learner(learner.id) is None
    assert controller.activate("settings:save")  # nobody to save for: the picker
    assert controller.screen == "learners"


def test_every_level_counts_in_one_of_the_reports_skills_each_with_a_name() -> None:
    """The report's rows are the issue's skills (and the first switch steps): a level's
    finer concept is counted in one of them, never in a row of "Other"s."""
    from accessibility.translator import LOCALES, Translator
    from app.teacher.progress_data import SKILLS, skill_key, skill_of
    from levels.packs import load_packs
    concepts = {level.concept for level in load_packs().levels()}
    assert {skill_of(concept) for concept in concepts} <= set(SKILLS)
    assert skill_of("data_histogram") == "data" and skill_of("") == "other"
    for locale in LOCALES:
        translator = Translator(locale)
        names = [translator.t(skill_key(skill, translator.has)) for skill in SKILLS]
        assert len(set(names)) == len(SKILLS), (locale, names)
        assert skill_key("no_such_skill", translator.has) == "teacher.report.other_skill"

"""Issue 17 at the app's start: a damaged cell, a stored profile with NaN/inf, a locked file
never stop the game; what lasts is shown for as long as it lasts."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from accessibility.profiles import preset, profile_to_dict
from app.devices import NOTICE_SECONDS
from app.storage import ProgressStore
from app.storage.notices import PROFILE_RESET, SAVED_AGAIN, WAITING
from tests.app.test_controller import make_app


def _learner(path: Path, profile: dict) -> int:
    with ProgressStore(path) as store:
        kid = store.add_learner("Zoé", "fox", "fr", profile).id
        store.set_setting("last_learner", str(kid))
    return kid


def test_a_name_that_is_not_utf8_does_not_stop_the_start(tmp_path: Path) -> None:
    kid = _learner(tmp_path / "progress.sqlite3", profile_to_dict(preset("touch")))
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    conn.execute("UPDATE learners SET name = CAST(X'5a6fff' AS TEXT) WHERE id = ?", (kid,))
    conn.commit()
    conn.close()
    controller, _clock, _server = make_app(tmp_path)
    try:
        assert [l.name for l in controller.store.learners()] == ["Zo\ufffd"]
    finally:
        controller.services.close()


@pytest.mark.parametrize("field, value", [
    ("scan_interval", float("nan")), ("text_scale", float("inf")),
    ("scan_loops", float("nan")), ("target_size_mm", float("-inf")),
    ("debounce", float("nan")), ("highlight_thickness", float("inf")),
])
def test_a_stored_profile_with_nan_or_inf_falls_back_with_a_notice(
        tmp_path: Path, field: str, value: float) -> None:
    stored = profile_to_dict(preset("single_switch_autoscan"))
    stored[field] = value  # json.dumps writes NaN / Infinity, which json.loads reads back
    _learner(tmp_path / "progress.sqlite3", stored)
    controller, _clock, _server = make_app(tmp_path)
    try:
        assert controller.profile == preset("touch")  # the learner's default, not a crash
        notice = controller.status_line()[0].key  # the newest notice comes first
        assert notice == PROFILE_RESET or notice.startswith("access.error.")
    finally:
        controller.services.close()


def test_waiting_for_a_lock_is_shown_for_as_long_as_it_lasts(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _learner(path, profile_to_dict(preset("touch")))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    controller, clock, _server = make_app(tmp_path)
    try:
        controller.choose_learner(controller.store.learners()[0].id)  # saves: it must wait
        clock.advance(NOTICE_SECONDS * 3)  # long after a notice would have gone
        assert WAITING in [part.key for part in controller.status_line()]
        other.execute("ROLLBACK")
        other.close()
        assert controller.store._watcher.free.wait(5)
        controller.store.learners()  # the next call goes back to the file
        assert WAITING not in [part.key for part in controller.status_line()]
        assert controller.store.notice.key == SAVED_AGAIN  # the app hears it (store_notice)
    finally:
        controller.services.close()

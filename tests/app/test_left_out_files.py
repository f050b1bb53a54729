"""Issue 17: a level file or a switch-profile file that cannot be read is left out at start
and the game plays on; the teacher reads which file and the command that checks it for as
long as the game runs, not only in a log."""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

from accessibility.clock import FakeClock
from accessibility.narrator import Narrator
from accessibility.speech_output import RecordingServer
from accessibility.translator import LOCALES, Translator
from adapters.hub import InputHub
from app import devices
from app.controller import AppController
from app.options import Options
from app.services import Services
from app.storage.store import ProgressStore
from hardware.device_profiles import PROFILES_DIR, load_profiles
from levels.packs import PACKS_DIR, load_packs


def _app(tmp_path: Path, monkeypatch) -> AppController:
    levels = tmp_path / "packs" / "junior"
    shutil.copytree(PACKS_DIR / "junior", levels)
    (levels / "99_typo.yml").write_text("id: junior_99\nmap: [unclosed\n", encoding="utf-8")
    profiles = tmp_path / "profiles"
    shutil.copytree(PROFILES_DIR, profiles)
    (profiles / "broken.yml").write_text("id: broken\nbaudrate: .inf\n", encoding="utf-8")
    monkeypatch.setattr(devices, "load_profiles", functools.partial(load_profiles, profiles))
    translator = Translator("en")
    services = Services(Options(voice_input=False), translator,
                        Narrator(translator, RecordingServer()), InputHub(),
                        ProgressStore(tmp_path / "progress.sqlite3"),
                        load_packs(tmp_path / "packs"), tmp_path)
    controller = AppController(services, FakeClock())
    controller.start()
    return controller


def test_files_left_out_at_start_stay_in_the_status_line(tmp_path: Path, monkeypatch) -> None:
    controller = _app(tmp_path, monkeypatch)
    try:
        assert controller.services.packs.tracks["junior"]  # the good levels still load
        parts = {part.key: part.params for part in controller.status_line()}
        assert parts["app.status.bad_level_files"] == {"count": 1, "file": "99_typo.yml"}
        assert parts["app.status.bad_profile_files"] == {"count": 1, "file": "broken.yml"}
        controller.clock.advance(devices.NOTICE_SECONDS * 10)  # not a notice: it stays
        assert "app.status.bad_level_files" in [p.key for p in controller.status_line()]
        for locale in LOCALES:  # the words say which file and how to check it
            text = Translator(locale).t("app.status.bad_level_files", count=1,
                                        file="99_typo.yml")
            assert "99_typo.yml" in text and "python -m levels check" in text
            text = Translator(locale).t("app.status.bad_profile_files", count=2,
                                        file="broken.yml")
            assert "2" in text and "python -m hardware profiles" in text
    finally:
        controller.services.close()


def test_nothing_left_out_says_nothing(tmp_path: Path) -> None:
    assert devices.left_out_files([], []) == []

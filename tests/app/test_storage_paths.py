"""Where the progress file lives: --data-dir option > CITIZENCODE_DATA_DIR > platformdirs."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from app.storage.paths import APP_NAME, DB_FILENAME, ENV_VAR, data_dir, database_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform folders into tmp_path so nothing is created in the real home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    return tmp_path


def test_the_option_wins_over_the_environment(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(home / "from-env"))
    chosen = data_dir(str(home / "from-option"))
    assert chosen == home / "from-option" and chosen.is_dir()
    assert not (home / "from-env").exists()


def test_the_environment_wins_over_the_platform(home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(home / "from-env"))
    assert data_dir() == home / "from-env" and (home / "from-env").is_dir()
    assert data_dir(None) == home / "from-env"
    assert data_dir("") == home / "from-env"  # an empty option is no option


def test_the_platform_folder_is_the_default(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "  ")  # blank counts as unset
    expected = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert expected == home / "xdg" / APP_NAME
    assert data_dir() == expected and expected.is_dir()
    assert database_path() == expected / DB_FILENAME


def test_a_folder_that_cannot_be_made_is_returned_not_raised(home: Path) -> None:
    blocker = home / "a-file"
    blocker.write_text("not a folder")
    assert data_dir(blocker / "data") == blocker / "data"  # the store then falls back


def test_home_is_expanded(home: Path) -> None:
    assert data_dir("~/class") == home / "home" / "class"


def test_storage_imports_without_kivy() -> None:
    code = ("import sys, app.storage, app.storage.export; "
            "sys.exit(any(m == 'kivy' or m.startswith('kivy.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0

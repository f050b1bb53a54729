"""Where progress lives: one folder per user, chosen by option, environment or platform.

The order is the one a teacher or a test needs: the ``--data-dir`` option wins (a USB stick,
a shared class folder), then ``CITIZENCODE_DATA_DIR`` (a kiosk set-up, the test suite), then
the platform's user data folder.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

ENV_VAR = "CITIZENCODE_DATA_DIR"
APP_NAME = "citizencode"
DB_FILENAME = "progress.sqlite3"

log = logging.getLogger(__name__)


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder (override > environment variable > platformdirs), created if missing.

    A folder that cannot be created is still returned: the store then falls back to memory
    and tells the teacher, which is better than the app refusing to start.
    """
    if override is not None and str(override).strip():
        chosen = Path(override)
    elif os.environ.get(ENV_VAR, "").strip():
        chosen = Path(os.environ[ENV_VAR])
    else:
        chosen = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    chosen = chosen.expanduser()
    try:
        chosen.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("cannot create data folder %s: %s", chosen, error)
    return chosen


def database_path(directory: str | Path | None = None) -> Path:
    """The progress database inside ``data_dir(directory)``."""
    return data_dir(directory) / DB_FILENAME


def learner_voice_dir(directory: Path, learner_id: int) -> Path:
    """A learner's trained voices (one folder per locale, ``adapters.speech.training``):
    beside the progress file, so they stay on the device and move with it."""
    return directory / "voices" / str(learner_id)

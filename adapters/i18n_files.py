"""Where the translation files (``namespace.locale.yml``) are, for every room that reads them.

In a clone they are ``i18n/`` beside the packages. An installed wheel cannot put them there:
``site-packages/i18n`` is the python-i18n library itself. So the wheel installs them as data
files under the environment's prefix (``share/citizencode-access/i18n``, see pyproject.toml).
It lives in ``adapters`` because that is the lowest room that reads them (voice phrases).
"""
from __future__ import annotations

import sys
from pathlib import Path


def i18n_dir() -> Path:
    """The folder of translation files: the clone's, else the installed data files."""
    beside = Path(__file__).resolve().parent.parent / "i18n"
    if any(beside.glob("*.en.yml")):  # not python-i18n's package of the same name
        return beside
    return Path(sys.prefix) / "share" / "citizencode-access" / "i18n"


I18N_DIR = i18n_dir()

"""Where the acoustic model and pronunciation dictionary for a locale come from.

pocketsphinx ships US English only; other languages need a CMUSphinx model that a teacher
or an installer puts on the machine. The places searched, in order: folders given by the
caller, the folders in ``CITIZENCODE_SPEECH_MODELS`` (``os.pathsep``-separated), then
``<user data dir>/citizencode/models``. In each, ``<locale>/`` must hold a folder with the
acoustic model (the one containing ``mdef``) and a ``*.dict`` pronunciation dictionary,
which is how CMUSphinx language packs unpack. English falls back to the bundled model.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MODELS_ENV = "CITIZENCODE_SPEECH_MODELS"
APP_NAME = "citizencode"


@dataclass(frozen=True)
class SpeechModel:
    """An acoustic model folder and the dictionary that goes with it."""

    locale: str
    acoustic: Path
    dictionary: Path
    bundled: bool = False
    trained: bool = False  # adapted to one learner's voice (``training``)


def user_models_dir() -> Path:
    """``<user data dir>/citizencode/models`` (platformdirs), where teachers put models."""
    try:
        from platformdirs import user_data_dir
    except ImportError:  # platformdirs is a dependency, but a missing one must not crash
        return Path.home() / ".local" / "share" / APP_NAME / "models"
    return Path(user_data_dir(APP_NAME)) / "models"


def search_roots(model_dirs: Sequence[Path | str] | None = None) -> list[Path]:
    roots = [Path(p) for p in (model_dirs or ())]
    roots += [Path(p) for p in os.environ.get(MODELS_ENV, "").split(os.pathsep) if p]
    roots.append(user_models_dir())
    return roots


def install_folder(locale: str, model_dirs: Sequence[Path | str] | None = None) -> Path:
    """Where a teacher should put the model for ``locale`` (named in status messages)."""
    return search_roots(model_dirs)[0] / locale


def _files(folder: Path, max_depth: int = 3) -> list[Path]:
    """Files under ``folder``, following symlinks (models are often linked in), shallow."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        depth = len(Path(root).relative_to(folder).parts)
        if depth >= max_depth:
            dirs.clear()
        found += [Path(root) / name for name in files]
    return sorted(found)


def _in_folder(locale: str, folder: Path) -> SpeechModel | None:
    if not folder.is_dir():
        return None
    files = _files(folder)
    acoustic = next((p.parent for p in files if p.name == "mdef"), None)
    dictionaries = [p for p in files if p.suffix == ".dict" and not p.name.startswith("noise")]
    if acoustic is None or not dictionaries:
        log.warning("speech model folder %s lacks %s", folder,
                    "an acoustic model (mdef)" if acoustic is None else "a .dict dictionary")
        return None
    return SpeechModel(locale, acoustic, dictionaries[0])


def bundled_model(locale: str) -> SpeechModel | None:
    """pocketsphinx's own US English model, for ``en`` only."""
    if locale != "en":
        return None
    try:
        from pocketsphinx import get_model_path
    except ImportError:
        return None
    acoustic = Path(get_model_path("en-us/en-us"))
    dictionary = Path(get_model_path("en-us/cmudict-en-us.dict"))
    if (acoustic / "mdef").exists() and dictionary.exists():
        return SpeechModel(locale, acoustic, dictionary, bundled=True)
    return None


def find_model(locale: str, model_dirs: Sequence[Path | str] | None = None) -> SpeechModel | None:
    """The first usable model for ``locale``, or None (the adapter then says where to put one)."""
    for root in search_roots(model_dirs):
        model = _in_folder(locale, root / locale)
        if model is not None:
            return model
    return bundled_model(locale)

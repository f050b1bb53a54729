"""Where a report may be saved: the data folder, the home folder's documents, and every
mounted USB stick (``/media/*``, ``/media/<user>/*``, ``/run/media/<user>/*``).

Only folders that exist and can be written to are offered, so a choice never fails on
permissions; writing can still fail (a stick pulled out), and the caller says so.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MEDIA_ROOTS: tuple[Path, ...] = (Path("/media"), Path("/run/media"))


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _mounted(roots: Iterable[Path]) -> list[Path]:
    """Sticks one or two levels down (``/media/STICK``, ``/media/user/STICK``)."""
    found: list[Path] = []
    for root in roots:
        try:
            first = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for entry in first:
            if _writable(entry) and os.path.ismount(entry):
                found.append(entry)
                continue
            try:
                found.extend(sorted(p for p in entry.iterdir() if _writable(p)))
            except OSError:
                continue
    return found


def candidate_folders(data_dir: Path, *, home: Path | None = None,
                      media_roots: Iterable[Path] = MEDIA_ROOTS) -> list[Path]:
    """The folders to offer, the data folder first, each once."""
    home = home if home is not None else Path.home()
    candidates = [data_dir, home / "Documents", home, *_mounted(media_roots)]
    seen: dict[Path, None] = {}
    for folder in candidates:
        if _writable(folder):
            seen.setdefault(folder, None)
    return list(seen)

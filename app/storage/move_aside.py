"""Keep a file we cannot use, under a dated name next to it, so no earlier stars are lost.

``progress.sqlite3`` becomes ``progress.damaged-2025-03-14_101500.sqlite3`` (or
``.newer-…``); its ``-wal``/``-shm``/``-journal`` companions move with it. They move first:
a stale -wal left beside a new, empty database would be replayed into it.
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

SIDECARS = ("-wal", "-shm", "-journal")


def _with_sidecars(path: Path) -> list[Path]:
    return [path] + [path.with_name(path.name + suffix) for suffix in SIDECARS]


def aside_name(path: Path, reason: str, now: datetime | None = None) -> Path:
    """A free name beside ``path`` saying why and when (a counter if the second is taken)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    for attempt in range(1, 1000):
        counter = "" if attempt == 1 else f"-{attempt}"
        candidate = path.with_name(f"{path.stem}.{reason}-{stamp}{counter}{path.suffix}")
        if not any(p.exists() for p in _with_sidecars(candidate)):
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def move_aside(path: Path, reason: str, now: datetime | None = None) -> Path:
    """Rename ``path`` and its companions; return the new name. ``OSError`` if it cannot."""
    target = aside_name(path, reason, now)
    for suffix in SIDECARS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target

"""The notices the store can raise, as i18n keys in the ``storage`` namespace.

Each says what happened and what to do, in words for a teacher. Parameters are plain
strings so the app can show and speak them without knowing about paths.
"""
from __future__ import annotations

from pathlib import Path

from app.storage.models import StoreNotice

DAMAGED = "storage.notice.damaged"
NEWER = "storage.notice.newer"
CANNOT_MOVE = "storage.notice.cannot_move"
NOT_SAVED = "storage.notice.not_saved"
STOPPED_SAVING = "storage.notice.stopped_saving"
EXPORT_DONE = "storage.export.done"  # count, file: for the app after export_csv
EXPORT_FAILED = "storage.export.failed"  # file


def damaged(kept_as: Path) -> StoreNotice:
    return StoreNotice(DAMAGED, {"file": kept_as.name, "folder": str(kept_as.parent)})


def newer(kept_as: Path, version: int | None) -> StoreNotice:
    return StoreNotice(NEWER, {"file": kept_as.name, "folder": str(kept_as.parent),
                               "version": "?" if version is None else str(version)})


def cannot_move(path: Path) -> StoreNotice:
    return StoreNotice(CANNOT_MOVE, {"file": path.name, "folder": str(path.parent)})


def not_saved(path: Path) -> StoreNotice:
    return StoreNotice(NOT_SAVED, {"folder": str(path.parent)})


def stopped_saving(path: Path) -> StoreNotice:
    return StoreNotice(STOPPED_SAVING, {"folder": str(path.parent)})


PROFILE_RESET = "storage.notice.profile_reset"
READ_ONLY = "storage.notice.read_only"  # status, for as long as the file is only read
WAITING = "storage.notice.waiting"  # status, while saves wait for another copy's lock
SAVED_AGAIN = "storage.notice.saved_again"
SECOND_COPY = "storage.notice.second_copy"  # folder: refused before the window opens
OOPS = "storage.notice.oops"  # the crash guard, to the child


def profile_reset(name: str) -> StoreNotice:
    return StoreNotice(PROFILE_RESET, {"name": name})


def read_only(path: Path) -> StoreNotice:
    return StoreNotice(READ_ONLY, {"folder": str(path.parent)})


def waiting(path: Path) -> StoreNotice:
    return StoreNotice(WAITING, {"file": path.name})


def saved_again() -> StoreNotice:
    return StoreNotice(SAVED_AGAIN, {})


def second_copy(folder: Path) -> StoreNotice:
    return StoreNotice(SECOND_COPY, {"folder": str(folder)})

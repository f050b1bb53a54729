"""Persistence: learners, progress, drafts and settings in SQLite; no Kivy here.

The app opens ``ProgressStore(database_path(option))`` and shows ``store.notice`` if set.
"""
from __future__ import annotations

from app.storage.models import Learner, LevelProgress, StoreNotice
from app.storage.paths import DB_FILENAME, ENV_VAR, data_dir, database_path
from app.storage.store import ProgressStore, UnknownLearner

__all__ = ["DB_FILENAME", "ENV_VAR", "Learner", "LevelProgress", "ProgressStore",
           "StoreNotice", "UnknownLearner", "data_dir", "database_path"]

"""The app's services, built once at start-up and passed explicitly (no singletons).

Each part that can be missing on a classroom machine (speech, a microphone, a writable
disk) degrades to a status the app shows; none of them stops the app.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from accessibility.narrator import Narrator
from accessibility.signal import Signal
from accessibility.translator import Translator
from adapters.hub import InputHub
from app.options import Options, system_language
from app.platforms import Platform, current_platform, speech_server
from app.storage.paths import data_dir
from app.storage.models import StoreNotice
from app.storage.store import ProgressStore
from app.sync.worker import SyncWorker
from levels.packs import Packs, load_packs

log = logging.getLogger(__name__)

DATABASE_NAME = "progress.sqlite3"


@dataclass
class Services:
    options: Options
    translator: Translator
    narrator: Narrator
    hub: InputHub
    store: ProgressStore
    packs: Packs
    data_dir: Path
    store_notice: Signal[[StoreNotice]] = field(default_factory=Signal)  # a disk failing later
    platform: Platform = field(default_factory=current_platform)
    sync: SyncWorker | None = None  # sends queued xAPI statements when the teacher allows

    def wake_sync(self) -> None:
        if self.sync is not None:
            self.sync.wake()

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.hub.stop_all()
        self.narrator.close()
        self.store.close()


def build_services(options: Options, *, wake_hub: Callable[[], None] | None = None,
                   wake_narrator: Callable[[], None] | None = None) -> Services:
    """Everything the app needs; ``wake_*`` are called from other threads (Kivy triggers)."""
    translator = Translator(options.locale or system_language())
    platform = current_platform()
    narrator = Narrator(translator, speech_server(platform, options.speech), wake=wake_narrator)
    directory = data_dir(options.data_dir)
    store_notice: Signal[[StoreNotice]] = Signal()
    store = ProgressStore(directory / DATABASE_NAME, on_notice=store_notice.emit)
    packs = load_packs()
    for problem in packs.problems:
        log.error("level problem: %s [%s] %s: %s", problem.file, problem.level, problem.field,
                  problem.key)
    # the worker reads the file itself; in memory there is no file and nothing to send
    sync = None if store.in_memory else SyncWorker(store.path)
    if sync is not None:
        sync.start()
    return Services(options, translator, narrator, InputHub(wake=wake_hub), store, packs,
                    directory, store_notice, platform, sync)

"""The teacher's sync control wired to the store and the sender thread, its status line,
and the connection test run off the UI thread for the "Class sync" page.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from accessibility.clock import Clock
from accessibility.message import MessageSink
from accessibility.presenters.sync_page_presenter import SyncStatus
from accessibility.presenters.sync_presenter import SyncForm, SyncSettingsPresenter
from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.sender import Outcome, Round, check

POLL_S = 0.2  # how often the UI looks for the test's answer


def sync_presenter(store: ProgressStore, *, wake: Callable[[], None],
                   on_message: MessageSink,
                   send_now: Callable[[], None] | None = None) -> SyncSettingsPresenter:
    """Saving a change wakes the sender, so "on" takes effect at once and "off" stays off;
    "send now" wakes it too (``send_now`` also, say, reads the status again after)."""
    def save(form: outbox.SyncConfig) -> None:
        store.run_write(lambda conn: outbox.save_config(conn, form))
        wake()
    return SyncSettingsPresenter(store.run_write(outbox.load_config), on_save=save,
                                 on_send_now=send_now or wake, on_message=on_message)


def sync_status(store: ProgressStore, last: Round | None) -> tuple[str, dict[str, object]]:
    """What the teacher reads about sync: an i18n key (namespace ``sync``) and its params."""
    config = store.run_write(outbox.load_config)
    counts = store.run_write(outbox.counts)
    if not config.ready:
        return "sync.status.disabled", {}
    outcome = Outcome.DONE if last is None or last.outcome is Outcome.OFF else last.outcome
    if outcome is Outcome.DONE and counts["rejected"]:
        return "sync.status.rejected", {"rejected": counts["rejected"]}
    if outcome is Outcome.DONE:
        return "sync.status.done", {"sent": 0 if last is None else last.sent}
    return f"sync.status.{outcome.value}", {"waiting": counts["waiting"]}


def page_status(store: ProgressStore, last: Round | None) -> SyncStatus:
    key, params = sync_status(store, last)
    return SyncStatus(key, params, store.run_write(outbox.counts)["waiting"])


def run_check(clock: Clock, form: SyncForm, done: Callable[[str], None],
              checker: Callable[[SyncForm], str] = check) -> None:
    """The connection test on its own thread (a dead network may take seconds to say so);
    the answer is handed to ``done`` on the app's thread, through the clock."""
    found: list[str] = []
    threading.Thread(target=lambda: found.append(checker(form)), name="lrs-check",
                     daemon=True).start()

    def look() -> None:
        if found:
            done(found[0])
        else:
            clock.call_later(POLL_S, look)
    clock.call_later(POLL_S, look)

"""The teacher's sync control wired to the store and the sender thread, and its status line.

Kept here so the settings screen (being reorganised) only has to show
``sync_presenter(...).group()`` and the text fields that call ``set_address``.
"""
from __future__ import annotations

from collections.abc import Callable

from accessibility.message import MessageSink
from accessibility.presenters.sync_presenter import SyncSettingsPresenter
from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.sender import Outcome, Round


def sync_presenter(store: ProgressStore, *, wake: Callable[[], None],
                   on_message: MessageSink) -> SyncSettingsPresenter:
    """Saving a change wakes the sender, so "on" takes effect at once and "off" stays off."""
    def save(form: outbox.SyncConfig) -> None:
        store.run_write(lambda conn: outbox.save_config(conn, form))
        wake()
    return SyncSettingsPresenter(store.run_write(outbox.load_config), on_save=save,
                                 on_send_now=wake, on_message=on_message)


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

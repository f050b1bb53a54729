"""The teacher's classroom sync settings: on/off, the LRS address, user name and password.

The "Class sync" page (``sync_page_presenter``) and ``python -m app.sync`` both change them
through this. The password is kept only to be saved and is never part of a model (the page
says whether one is saved). Turning sync on needs a usable address first, so nothing can
leave the device by a stray press.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from accessibility.message import Message, MessageSink

SCHEMES = ("https://", "http://")


@dataclass(frozen=True)
class SyncForm:
    """What the teacher set (``repr`` hides the password)."""

    enabled: bool = False
    endpoint: str = ""
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def ready(self) -> bool:
        """Nothing leaves the device unless sync is on and has an http(s) address."""
        return self.enabled and self.endpoint.startswith(SCHEMES)


def address_problem(endpoint: str, username: str) -> Message | None:
    """What is wrong with a typed address and user name, said so the teacher can fix it
    (None: usable, or no address at all, which turns sync off)."""
    endpoint = endpoint.strip()
    if not endpoint:
        return None
    if any(char.isspace() for char in endpoint):
        return Message("sync.error.spaces", {"address": endpoint})
    if not endpoint.startswith(SCHEMES) or not endpoint.split("://", 1)[1].strip("/"):
        return Message("sync.error.address", {"address": endpoint})
    if not username.strip():
        return Message("sync.error.no_user")
    return None


class SyncSettingsPresenter:
    def __init__(self, form: SyncForm, *, on_save: Callable[[SyncForm], None],
                 on_send_now: Callable[[], None], on_message: MessageSink) -> None:
        self.form = form
        self._on_save = on_save
        self._on_send_now = on_send_now
        self._on_message = on_message
        self.changed: Callable[[], None] = lambda: None  # the screen showing it redraws

    def send_now(self) -> None:
        self._on_send_now()

    def toggle(self) -> None:
        if not self.form.enabled and not replace(self.form, enabled=True).ready:
            self._on_message(Message("sync.error.no_address"))
            return
        self._save(replace(self.form, enabled=not self.form.enabled))

    def set_address(self, endpoint: str, username: str, password: str | None = None) -> bool:
        """Keep what the teacher typed; ``password=None`` keeps the saved one."""
        endpoint = endpoint.strip()
        problem = address_problem(endpoint, username)
        if problem is not None:
            self._on_message(problem)
            return False
        return self._save(SyncForm(self.form.enabled and bool(endpoint), endpoint,
                                   username.strip(),
                                   self.form.password if password is None else password))

    def password_label(self) -> str:
        return "sync.settings.password_saved" if self.form.password else "sync.settings.password"

    def _save(self, form: SyncForm) -> bool:
        """Saved, or said why not (a full disk, a read-only folder): nothing half-changed."""
        try:
            self._on_save(form)
        except OSError:
            self._on_message(Message("sync.error.not_saved"))
            return False
        self.form = form
        self.changed()
        return True

"""The teacher's control for classroom sync, as a scan group: on/off and "send now".

The address, user name and password are typed in the settings view's text fields and given
to ``set_address``; the password is kept only to be saved and is never part of the model
(its label says whether one is saved). Turning sync on needs an http(s) address first, so
nothing can leave the device by a stray press.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from accessibility.message import Message, MessageSink
from accessibility.scan_model import Group, Target

GROUP_ID = "settings:sync"
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




class SyncSettingsPresenter:
    def __init__(self, form: SyncForm, *, on_save: Callable[[SyncForm], None],
                 on_send_now: Callable[[], None], on_message: MessageSink) -> None:
        self.form = form
        self._on_save = on_save
        self._on_send_now = on_send_now
        self._on_message = on_message
        self.changed: Callable[[], None] = lambda: None  # the screen showing it redraws

    def group(self) -> Group:
        """The entry the settings screen shows in its model."""
        state = "sync.settings.enabled" if self.form.enabled else "sync.settings.disabled"
        return Group(GROUP_ID, "sync.settings.title", [
            Target("sync:toggle", state, self.toggle),
            Target("sync:send_now", "sync.settings.send_now", self._on_send_now,
                   enabled=self.form.enabled),
        ])

    def toggle(self) -> None:
        if not self.form.enabled and not replace(self.form, enabled=True).ready:
            self._on_message(Message("sync.error.no_address"))
            return
        self._save(replace(self.form, enabled=not self.form.enabled))

    def set_address(self, endpoint: str, username: str, password: str | None = None) -> bool:
        """Keep what the teacher typed; ``password=None`` keeps the saved one."""
        endpoint = endpoint.strip()
        if endpoint and not endpoint.startswith(SCHEMES):
            self._on_message(Message("sync.error.address", {"address": endpoint}))
            return False
        self._save(SyncForm(self.form.enabled and bool(endpoint), endpoint, username.strip(),
                            self.form.password if password is None else password))
        return True

    def password_label(self) -> str:
        return "sync.settings.password_saved" if self.form.password else "sync.settings.password"

    def _save(self, form: SyncForm) -> None:
        self.form = form
        self._on_save(form)
        self.changed()

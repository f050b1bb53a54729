"""The teacher's "Class sync" page (device-wide, behind the educator's lock): sending on or
off, the LRS address, user name and password, a connection test, and what waits to be sent.

The three text fields are the view's; it hands every change to ``set_field``. What is typed
is kept only when saved (or when sending is turned on, or the connection tested, with it).
The password typed is never shown back: the page says whether one is saved, and a new one
replaces it. The test runs off the UI thread (``on_check``) and its answer comes back to
``checked`` in the teacher's language.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accessibility.message import Message, MessageSink
from accessibility.presenters.base import ScreenPresenter
from accessibility.presenters.commands import CommandTable, ScreenCommand
from accessibility.presenters.sync_presenter import (SyncForm, SyncSettingsPresenter,
                                                     address_problem)
from accessibility.scan_model import Group, Target

ROOT_ID = "sync"
FIELDS = ("endpoint", "username", "password")
# what a connection test can find (``sync.check.<result>``)
CHECK_RESULTS = ("reached", "refused", "offline", "server", "not_lrs")


@dataclass(frozen=True)
class SyncStatus:
    """The sync status line (an i18n key and its values) and the statements waiting."""

    key: str
    params: dict[str, object]
    waiting: int


Checker = Callable[[SyncForm, Callable[[str], None]], None]


class SyncPagePresenter(ScreenPresenter):
    def __init__(self, sync: SyncSettingsPresenter, *, status: Callable[[], SyncStatus],
                 on_check: Checker, on_back: Callable[[], None],
                 on_message: MessageSink) -> None:
        super().__init__()
        self.sync = sync
        sync.changed = lambda: self._publish(focus=None)
        self.typed = {"endpoint": sync.form.endpoint, "username": sync.form.username,
                      "password": ""}
        self.checking = False
        self.checked = ""  # the last test's result (``CHECK_RESULTS``), "" before one
        self._status = status
        self._on_check = on_check
        self._on_back = on_back
        self._on_message = on_message

    def set_field(self, name: str, text: str) -> None:
        if name in self.typed:
            self.typed[name] = text

    def model(self) -> Group:
        """Save, test and leave on top (what is typed is saved or tested from there); the
        view's fields; then sending on or off."""
        form, status = self.sync.form, self._status()
        return Group(ROOT_ID, "sync.page.title", [
            Group("sync:actions", "sync.page.actions", [
                Target("sync:save", "sync.page.save", self.save),
                Target("sync:check", "sync.page.checking" if self.checking
                       else "sync.page.check", self.check, enabled=not self.checking),
                Target("sync:back", "sync.page.back", self._on_back)]),
            Group("sync:sending", "sync.page.sending", [
                Target("sync:toggle", "sync.settings.enabled" if form.enabled
                       else "sync.settings.disabled", self.toggle,
                       params={"chosen": form.enabled}),
                Target("sync:send_now", "sync.settings.send_now", self.send_now,
                       enabled=form.ready)])],
            params={"status_key": status.key, "status": status.params,
                    "waiting": status.waiting, "checked": self.checked,
                    "password_saved": bool(form.password),
                    "password_typed": bool(self.typed["password"])})

    def commands(self) -> CommandTable:
        return CommandTable([ScreenCommand("back", self._on_back, "sync.page.back",
                                           in_help=False)])

    # -- what the teacher does ------------------------------------------------------------

    def save(self, quiet: bool = False) -> bool:
        """Keep what is typed; a bad address or an empty user name is said, not kept."""
        password = self.typed["password"] or None  # nothing typed: the saved one stays
        if not self.sync.set_address(self.typed["endpoint"], self.typed["username"],
                                     password):
            return False
        self.typed["password"] = ""
        if not quiet:
            self._on_message(Message("sync.page.saved"))
        self._publish(focus=None)  # the password field empties, "a password is saved"
        return True

    def toggle(self) -> None:
        """On: with what is typed (saved first). Off: at once, whatever is typed."""
        if not self.sync.form.enabled and self._edited() and not self.save(quiet=True):
            return
        self.sync.toggle()

    def send_now(self) -> None:
        self.sync.send_now()
        self._publish(focus=None)

    def check(self) -> None:
        """Test what is typed (the saved password if none is typed); nothing is saved."""
        endpoint, username = self.typed["endpoint"].strip(), self.typed["username"]
        problem = (address_problem(endpoint, username) if endpoint
                   else Message("sync.error.no_address"))
        if problem is not None:
            self._on_message(problem)
            return
        form = SyncForm(True, endpoint, username.strip(),
                        self.typed["password"] or self.sync.form.password)
        self.checking, self.checked = True, ""
        self._publish(focus=None)
        self._on_check(form, self.checked_with(endpoint))

    def checked_with(self, endpoint: str) -> Callable[[str], None]:
        def done(result: str) -> None:
            self.checking = False
            self.checked = result if result in CHECK_RESULTS else "offline"
            self._on_message(Message(f"sync.check.{self.checked}", {"address": endpoint}))
            self._publish(focus=None)
        return done

    def _edited(self) -> bool:
        form = self.sync.form
        return (self.typed["endpoint"].strip() != form.endpoint
                or self.typed["username"].strip() != form.username
                or bool(self.typed["password"]))

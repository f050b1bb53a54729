"""The teacher's sync settings and "Class sync" page, without a window: off by default, not
on without a usable address and user name, bad input said plainly, the password never in
the model, the connection test's answer said in words."""
from __future__ import annotations

from accessibility.presenters.sync_page_presenter import SyncPagePresenter, SyncStatus
from accessibility.presenters.sync_presenter import (SyncForm, SyncSettingsPresenter,
                                                     address_problem)


def make(form: SyncForm | None = None):
    saved: list[SyncForm] = []
    said: list[tuple[str, dict]] = []
    sent: list[bool] = []
    presenter = SyncSettingsPresenter(form or SyncForm(), on_save=saved.append,
                                      on_send_now=lambda: sent.append(True),
                                      on_message=lambda message: said.append(
                                          (message.key, dict(message.params))))
    return presenter, saved, said, sent


def page(form: SyncForm | None = None):
    sync, saved, said, sent = make(form)
    checks: list[tuple[SyncForm, object]] = []
    presenter = SyncPagePresenter(
        sync, status=lambda: SyncStatus("sync.status.disabled", {}, 3),
        on_check=lambda form, done: checks.append((form, done)), on_back=lambda: None,
        on_message=sync._on_message)
    return presenter, saved, said, sent, checks


def test_what_is_wrong_with_an_address_is_said() -> None:
    assert address_problem("", "") is None  # no address: sync off, nothing to fix
    assert address_problem("lrs.school.example", "prof").key == "sync.error.address"
    assert address_problem("ftp://lrs.school.example", "prof").key == "sync.error.address"
    assert address_problem("https://", "prof").key == "sync.error.address"
    assert address_problem("https://lrs school.example", "prof").key == "sync.error.spaces"
    assert address_problem("https://lrs.school.example/xAPI", " ").key == "sync.error.no_user"
    assert address_problem(" https://lrs.school.example/xAPI ", "prof") is None


def test_turning_on_needs_an_address_first() -> None:
    presenter, saved, said, _ = make()
    presenter.toggle()
    assert saved == [] and said == [("sync.error.no_address", {})]
    assert not presenter.set_address("lrs.school.example", "prof", "pw")
    assert said[-1] == ("sync.error.address", {"address": "lrs.school.example"})
    assert presenter.set_address(" https://lrs.school.example/xAPI ", "prof", "pw")
    presenter.toggle()
    assert saved[-1] == SyncForm(True, "https://lrs.school.example/xAPI", "prof", "pw")
    assert saved[-1].ready


def test_a_save_that_fails_changes_nothing_and_is_said() -> None:
    said: list[str] = []

    def full_disk(_form: SyncForm) -> None:
        raise OSError(28, "No space left on device")
    presenter = SyncSettingsPresenter(SyncForm(), on_save=full_disk, on_send_now=lambda: None,
                                      on_message=lambda message: said.append(message.key))
    assert not presenter.set_address("https://lrs.example", "prof", "pw")
    assert presenter.form == SyncForm() and said == ["sync.error.not_saved"]


def test_the_page_saves_what_is_typed_and_never_shows_the_password() -> None:
    presenter, saved, said, _, _ = page()
    shown = []
    presenter.model_changed.connect(lambda root, focus: shown.append(root))
    toggle = presenter.model().find("sync:toggle")
    assert toggle.label_key == "sync.settings.disabled"
    assert not presenter.model().find("sync:send_now").enabled
    presenter.set_field("endpoint", "lrs.school.example")
    presenter.model().find("sync:save").activate()
    assert saved == [] and said[-1][0] == "sync.error.address"
    presenter.set_field("endpoint", "https://lrs.school.example/xAPI")
    presenter.set_field("username", "")
    presenter.model().find("sync:save").activate()
    assert saved == [] and said[-1][0] == "sync.error.no_user"
    presenter.set_field("username", "class5b")
    presenter.set_field("password", "hunter2")
    presenter.model().find("sync:save").activate()
    assert saved[-1] == SyncForm(False, "https://lrs.school.example/xAPI", "class5b", "hunter2")
    assert said[-1][0] == "sync.page.saved" and not saved[-1].enabled  # saved, still off
    root = shown[-1]
    assert root.params["password_saved"] and not root.params["password_typed"]
    assert "hunter2" not in repr(root) and "hunter2" not in repr(presenter.model())
    assert root.params["waiting"] == 3
    presenter.set_field("username", "class5c")  # a new user, no new password: it stays
    presenter.model().find("sync:save").activate()
    assert saved[-1].password == "hunter2" and saved[-1].username == "class5c"


def test_turning_on_takes_what_is_typed_and_off_is_at_once() -> None:
    presenter, saved, said, sent, _ = page()
    presenter.set_field("endpoint", "https://lrs.school.example/xAPI")
    presenter.set_field("username", "class5b")
    presenter.set_field("password", "pw")
    presenter.model().find("sync:toggle").activate()
    assert saved[-1] == SyncForm(True, "https://lrs.school.example/xAPI", "class5b", "pw")
    assert presenter.model().find("sync:toggle").label_key == "sync.settings.enabled"
    presenter.model().find("sync:send_now").activate()
    assert sent == [True]
    presenter.set_field("endpoint", "not an address")  # typed, not saved: "off" still works
    presenter.model().find("sync:toggle").activate()
    assert not saved[-1].enabled and saved[-1].endpoint == "https://lrs.school.example/xAPI"


def test_on_with_a_bad_address_stays_off() -> None:
    presenter, saved, said, _, _ = page()
    presenter.set_field("endpoint", "lrs.school.example")
    presenter.set_field("username", "class5b")
    presenter.model().find("sync:toggle").activate()
    assert saved == [] and said[-1][0] == "sync.error.address"
    assert not presenter.sync.form.enabled


def test_the_connection_test_says_what_happened() -> None:
    presenter, saved, said, _, checks = page(
        SyncForm(False, "https://lrs.example/xAPI", "prof", "saved-pw"))
    presenter.set_field("endpoint", "")
    presenter.model().find("sync:check").activate()
    assert checks == [] and said[-1][0] == "sync.error.no_address"
    presenter.set_field("endpoint", "https://lrs.example/xAPI")
    presenter.model().find("sync:check").activate()
    [(form, done)] = checks
    assert form.password == "saved-pw" and saved == []  # tested, nothing saved
    checking = presenter.model().find("sync:check")
    assert checking.label_key == "sync.page.checking" and not checking.enabled
    for result in ("refused", "offline", "not_lrs", "server", "reached"):
        done(result)
        assert said[-1] == (f"sync.check.{result}", {"address": "https://lrs.example/xAPI"})
        assert presenter.model().params["checked"] == result
    assert presenter.model().find("sync:check").enabled

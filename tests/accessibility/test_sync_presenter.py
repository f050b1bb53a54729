"""The teacher's sync control: off by default, cannot be turned on without an address."""
from __future__ import annotations

from accessibility.presenters.sync_presenter import SyncForm, SyncSettingsPresenter


def make(form: SyncForm | None = None):
    saved: list[SyncForm] = []
    said: list[tuple[str, dict]] = []
    sent: list[bool] = []
    presenter = SyncSettingsPresenter(form or SyncForm(), on_save=saved.append,
                                      on_send_now=lambda: sent.append(True),
                                      on_message=lambda message: said.append(
                                          (message.key, dict(message.params))))
    return presenter, saved, said, sent


def test_turning_on_needs_an_address_first() -> None:
    presenter, saved, said, _ = make()
    [toggle, send] = presenter.group().children
    assert toggle.label_key == "sync.settings.disabled" and not send.enabled
    toggle.activate()
    assert saved == [] and said == [("sync.error.no_address", {})]
    assert not presenter.set_address("lrs.school.example", "prof", "pw")
    assert said[-1] == ("sync.error.address", {"address": "lrs.school.example"})
    assert presenter.set_address(" https://lrs.school.example/xAPI ", "prof", "pw")
    presenter.group().children[0].activate()
    assert saved[-1] == SyncForm(True, "https://lrs.school.example/xAPI", "prof", "pw")
    assert saved[-1].ready and presenter.group().children[0].label_key == "sync.settings.enabled"


def test_the_password_is_kept_unless_retyped_and_never_shown() -> None:
    presenter, saved, _, sent = make(SyncForm(True, "https://lrs.example", "prof", "hunter2"))
    presenter.set_address("https://lrs.example", "prof2")
    assert saved[-1].password == "hunter2" and "hunter2" not in repr(saved[-1])
    assert presenter.password_label() == "sync.settings.password_saved"
    presenter.group().children[1].activate()
    assert sent == [True]
    presenter.set_address("", "prof2")  # no address: sync goes off
    assert not saved[-1].enabled

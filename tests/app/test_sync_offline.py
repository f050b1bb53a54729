"""The no-network proof: with sync off (the default), or on without an address, playing,
asking for hints and the sender's rounds open no AF_INET/AF_INET6 socket at all.

Python's audit hooks see every socket made in the process, from any thread; a positive
control shows the hook does see the sender's socket once the teacher turns sync on.
"""
from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest

from app.sync import outbox
from app.sync.sender import Outcome, Sender
from app.sync.statements import Learning, hint_statement
from app.sync.worker import SyncWorker
from tests.app.test_controller import make_app, pump

INET = {int(socket.AF_INET), int(socket.AF_INET6)}
_seen: list[tuple[str, object]] | None = None


def _audit(event: str, args: tuple) -> None:
    if _seen is None:
        return
    if event == "socket.__new__" and int(args[1]) in INET:
        _seen.append((event, args[1]))
    elif event in ("socket.connect", "socket.getaddrinfo"):
        _seen.append((event, args[1] if len(args) > 1 else args))


sys.addaudithook(_audit)  # cannot be removed: it records only while ``_seen`` is a list


@pytest.fixture
def inet_sockets():
    global _seen
    _seen = []
    yield _seen
    _seen = None


def wait_for_round(worker: SyncWorker, count: int) -> None:
    deadline = time.monotonic() + 30.0  # a bound for a busy machine, not a measurement
    while worker.rounds < count and time.monotonic() < deadline:
        time.sleep(0.01)
    assert worker.rounds >= count


def play_with_sync(tmp_path: Path, config: outbox.SyncConfig | None) -> SyncWorker:
    controller, clock, _server = make_app(tmp_path)
    store = controller.store
    if config is not None:
        store.run_write(lambda conn: outbox.save_config(conn, config))
    worker = SyncWorker(store.path, interval=3600)
    controller.services.sync = worker
    worker.start()
    try:
        wait_for_round(worker, 1)
        controller.activate(controller.model.children[0].id)
        controller.activate("level:junior_01")
        controller.session.hint()
        for _ in range(3):
            controller.activate("palette:move_forward")
        controller.activate("control:run")
        pump(controller, clock, 6.0)  # the finished run wakes the worker
        wait_for_round(worker, 2)
        assert store.run_write(outbox.counts)["waiting"] == 3  # queued all the same
    finally:
        controller.services.close()  # stops the worker
    return worker


def test_sync_off_opens_no_network_socket(tmp_path: Path, inet_sockets) -> None:
    worker = play_with_sync(tmp_path, None)
    assert worker.last.outcome is Outcome.OFF
    assert inet_sockets == []


def test_sync_on_without_an_address_opens_no_network_socket(tmp_path: Path,
                                                             inet_sockets) -> None:
    worker = play_with_sync(tmp_path, outbox.SyncConfig(True, "", "teacher", "pw"))
    assert worker.last.outcome is Outcome.OFF
    assert inet_sockets == []


def test_the_hook_sees_the_sender_once_sync_is_on(tmp_path: Path, inet_sockets) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inet_sockets.clear()
    controller, _clock, _server = make_app(tmp_path)
    try:
        controller.store.run_write(lambda conn: outbox.save_config(conn, outbox.SyncConfig(
            True, f"http://127.0.0.1:{port}/xAPI", "teacher", "pw")))
        controller.store.run_write(lambda conn: outbox.enqueue(conn, [hint_statement(
            Learning("t", "l", "junior_01", "x", "en"), 1, "2026-01-01T00:00:00+00:00")]))
        assert Sender(controller.store.path).run().outcome is Outcome.OFFLINE
    finally:
        controller.services.close()
    assert any(event == "socket.__new__" for event, _ in inet_sockets)


def test_the_teacher_turns_sync_on_in_the_settings_and_the_sender_is_woken(
        tmp_path: Path) -> None:
    controller, _clock, _server = make_app(tmp_path)
    woken: list[bool] = []
    controller.services.wake_sync = lambda: woken.append(True)  # type: ignore[method-assign]
    try:
        controller.activate(controller.model.children[0].id)
        controller.open_settings()
        assert controller.activate("section:player")
        assert controller.activate("settings:sync")
        assert controller.screen == "sync"
        assert controller.activate("sync:toggle")  # no address yet: refused, said
        assert not controller.store.run_write(outbox.load_config).enabled and not woken
        page = controller.presenter
        page.set_field("endpoint", "https://lrs.school.example/xAPI")
        page.set_field("username", "prof")
        page.set_field("password", "pw")
        assert controller.activate("sync:toggle")
        config = controller.store.run_write(outbox.load_config)
        assert config.ready and config.password == "pw" and woken
        assert controller.model.find("sync:toggle").label_key == "sync.settings.enabled"
        controller.go_back()
        assert controller.screen == "settings"
    finally:
        controller.services.close()


def test_the_sync_page_without_an_address_opens_no_network_socket(tmp_path: Path,
                                                                  inet_sockets) -> None:
    """User name and password typed, no address: on, test and send now all stay local."""
    controller, clock, _server = make_app(tmp_path)
    worker = SyncWorker(controller.store.path, interval=3600)
    controller.services.sync = worker
    worker.start()
    try:
        wait_for_round(worker, 1)
        controller.activate(controller.model.children[0].id)
        controller.open_settings()
        assert controller.activate("section:player") and controller.activate("settings:sync")
        page = controller.presenter
        page.set_field("username", "prof")
        page.set_field("password", "pw")
        assert controller.activate("sync:toggle")
        assert controller.activate("sync:check")
        assert not controller.model.find("sync:send_now").enabled
        pump(controller, clock, 2.0)
        page.send_now()  # even if it were pressed: the sender finds sync off
        wait_for_round(worker, 2)
        assert not controller.store.run_write(outbox.load_config).enabled
        assert worker.last.outcome is Outcome.OFF
    finally:
        controller.services.close()
    assert inet_sockets == []

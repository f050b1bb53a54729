"""Classroom sync against a real Ralph LRS on 127.0.0.1: a played level arrives once, and a
network cut mid-sync plus a kill -9 of the syncing process lose nothing and duplicate
nothing."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.__main__ import main as sync_main
from app.sync.record import Played, queue_attempt
from app.sync.sender import Outcome, Sender, check
from app.sync.statements import ATTEMPTED, COMPLETED
from tests.app.ralph_lrs import PASSWORD, USERNAME, Ralph
from tests.app.test_controller import make_app, pump

pytest.importorskip("ralph")
CHILD = Path(__file__).with_name("sync_child.py")


def turn_on(store: ProgressStore, endpoint: str, password: str = PASSWORD) -> None:
    store.run_write(lambda conn: outbox.save_config(
        conn, outbox.SyncConfig(True, endpoint, USERNAME, password)))


def waiting_ids(store: ProgressStore) -> list[str]:
    return [sid for sid, _ in store.run_write(lambda conn: outbox.waiting(conn, 1000))]


def test_a_played_level_reaches_ralph_once_with_a_pseudonym(tmp_path: Path, ralph: Ralph) -> None:
    controller, clock, _server = make_app(tmp_path / "app")
    try:
        controller.activate(controller.model.children[0].id)
        controller.rename_learner("Zoé Martin")
        controller.activate("level:junior_01")
        controller.session.hint()
        for _ in range(3):
            controller.activate("palette:move_forward")
        controller.activate("control:run")
        pump(controller, clock, 6.0)
        store = controller.store
        assert len(waiting_ids(store)) == 3  # a hint, attempted, completed
        assert Sender(store.path).run().outcome is Outcome.OFF  # off: nothing leaves
        assert ralph.statements() == []

        turn_on(store, ralph.endpoint, password="wrong")
        assert Sender(store.path).run().outcome is Outcome.REFUSED
        turn_on(store, ralph.endpoint)
        first = Sender(store.path).run()
        assert (first.outcome, first.sent) == (Outcome.DONE, 3)
        assert Sender(store.path).run().sent == 0  # nothing twice
        stored = ralph.statements()
    finally:
        controller.services.close()
    assert len(stored) == 3 and len({s["id"] for s in stored}) == 3
    by_verb = {s["verb"]["id"]: s for s in stored}
    done = by_verb[COMPLETED]
    assert done["result"]["score"]["raw"] == 3 and done["result"]["success"] is True
    assert done["object"]["id"].endswith("/levels/junior_01")
    assert by_verb[ATTEMPTED]["context"]["language"] == "en"
    account = done["actor"]["account"]
    assert "Zo" not in json.dumps(stored) and "Martin" not in json.dumps(stored)
    assert {s["actor"]["account"]["name"] for s in stored} == {account["name"]}


def test_a_cut_network_and_a_killed_app_deliver_every_statement_exactly_once(
        tmp_path: Path, ralph: Ralph) -> None:
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        kid = store.add_learner("Kid", "cat", "fr", {})
        for number in range(1, 21):  # 20 runs, every other one solved: 30 statements
            queue_attempt(store, Played(kid.id, f"level_{number % 4}", "Niveau", "fr"),
                          number=number, solved=number % 2 == 0, stars=2, blocks=3, seconds=4.0)
        queued = waiting_ids(store)
        assert len(queued) == 30
        turn_on(store, ralph.endpoint)

        # 1. the LRS goes away after the second batch of 5: the round stops, nothing lost
        cut = Sender(store.path, batch=5, after_post=lambda ids: (
            ralph.kill() if len(waiting_ids(store)) == 25 else None)).run()
        assert (cut.outcome, cut.sent) == (Outcome.OFFLINE, 10)
        assert len(waiting_ids(store)) == 20

        # 2. back online; the syncing process is killed after the LRS's OK for its third
        #    batch, before it could mark it sent
        ralph.start()
        child = subprocess.Popen([sys.executable, str(CHILD), str(store.path), "5", "3"],
                                 stdout=subprocess.PIPE, text=True)
        try:
            said = json.loads(child.stdout.readline())
        finally:
            child.kill()  # SIGKILL
            child.wait(30)
        assert len(said["posted"]) == 3
        assert len(waiting_ids(store)) == 10  # the third batch is in Ralph but not marked

        # 3. the next round sends the rest; the LRS keeps one copy of what it had
        last = Sender(store.path, batch=5).run()
        assert last.outcome is Outcome.DONE and waiting_ids(store) == []
    stored = ralph.statements()
    assert Counter(s["id"] for s in stored) == Counter(queued)


def test_the_terminal_turns_sync_on_and_sends(tmp_path: Path, ralph: Ralph,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    with ProgressStore(data / "progress.sqlite3") as store:
        kid = store.add_learner("Kid", "cat", "de", {})
        queue_attempt(store, Played(kid.id, "junior_01", "Erster Schritt", "de"), number=1,
                      solved=True, stars=3, blocks=3, seconds=2.0)
    said: list[str] = []
    base = ["--data-dir", str(data), "--locale", "de"]
    assert sync_main(["send", *base], say=said.append) == 0  # off: nothing leaves
    assert said[-1].startswith("Das Senden ist aus") and ralph.statements() == []
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
    assert sync_main(["on", "--endpoint", "lrs.example", "--username", USERNAME,
                      "--password-stdin", *base], say=said.append) == 2
    assert "lrs.example" in said[-1]
    assert sync_main(["on", "--endpoint", ralph.endpoint, "--username", USERNAME,
                      "--password-stdin", *base], say=said.append) == 0
    assert sync_main(["send", *base], say=said.append) == 0
    assert said[-1] == "Alle Ergebnisse wurden gesendet. Diesmal gesendet: 2."
    assert PASSWORD not in " ".join(said)
    assert len(ralph.statements()) == 2
    assert sync_main(["off", *base], say=said.append) == 0
    assert said[-1].startswith("Das Senden ist aus")


def test_the_connection_test_says_what_it_found(tmp_path: Path, ralph: Ralph) -> None:
    """Against the real Ralph: reached, wrong password, not an LRS (its root answers 404
    for statements), and a port nobody listens on; nothing is sent by a test."""
    def found(endpoint: str, password: str = PASSWORD) -> str:
        return check(outbox.SyncConfig(True, endpoint, USERNAME, password), timeout=10.0)
    root = ralph.endpoint.rsplit("/xAPI", 1)[0]
    assert found(ralph.endpoint) == "reached"
    assert found(ralph.endpoint, "wrong") == "refused"
    assert found(root + "/__heartbeat__") == "not_lrs"
    ralph.kill()
    assert found(ralph.endpoint) == "offline"
    ralph.start()
    assert ralph.statements() == []

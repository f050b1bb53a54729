"""The pure parts of sync: statements, their stable ids, the queue and the settings."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from accessibility.translator import Translator
from app.storage.store import ProgressStore
from app.sync import outbox
from app.sync.record import Played, queue_attempt, queue_hint
from app.sync.sender import Outcome, Round
from app.sync.settings import sync_status
from app.sync.statements import (
    ASKED,
    ATTEMPTED,
    COMPLETED,
    Attempt,
    Learning,
    attempt_statements,
    hint_statement,
    statement_id,
)

LEARNING = Learning("tablet-1", "learner-1", "loops_02", "Deux tours", "fr")
STAMP = "2026-12-06T10:00:00+01:00"


def test_an_unsolved_run_is_attempted_and_a_solved_one_completed_with_its_stars() -> None:
    [tried] = attempt_statements(LEARNING, Attempt(1, False, 0, 4, 12.5, STAMP))
    assert tried["verb"]["id"] == ATTEMPTED and tried["result"]["success"] is False
    tried2, done = attempt_statements(LEARNING, Attempt(2, True, 3, 4, 8.0, STAMP))
    assert done["verb"]["id"] == COMPLETED
    assert done["result"]["score"] == {"raw": 3, "min": 0, "max": 3, "scaled": 1.0}
    assert done["result"]["duration"] == "PT8.00S"
    assert done["object"]["definition"]["name"] == {"fr": "Deux tours"}
    assert done["context"] == {"platform": "CitizenCode Access", "language": "fr"}
    assert len({tried["id"], tried2["id"], done["id"]}) == 3
    assert hint_statement(LEARNING, 1, STAMP)["verb"]["id"] == ASKED


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 10_000), st.sampled_from([ATTEMPTED, COMPLETED, ASKED]))
def test_ids_are_stable_and_name_only_what_they_are_about(number: int, verb: str) -> None:
    assert statement_id(LEARNING, verb, number) == statement_id(LEARNING, verb, number)
    other = Learning("tablet-1", "learner-2", "loops_02", "Deux tours", "fr")
    assert statement_id(other, verb, number) != statement_id(LEARNING, verb, number)
    assert statement_id(LEARNING, verb, number + 1) != statement_id(LEARNING, verb, number)


def test_the_queue_keeps_an_id_once_and_never_a_name(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        kid = store.add_learner("Zoé Dupont", "cat", "fr", {})
        played = Played(kid.id, "junior_01", "Premier pas", "fr")
        queue_attempt(store, played, number=1, solved=True, stars=2, blocks=3, seconds=5.0)
        queue_attempt(store, played, number=1, solved=True, stars=2, blocks=3, seconds=5.0)
        queue_hint(store, played)
        queue_hint(store, played)
        found = store.run_write(lambda conn: outbox.waiting(conn, 100))
        assert len(found) == 4  # attempted + completed once, two hints
        text = json.dumps([body for _, body in found])
        assert "Zoé" not in text and "Dupont" not in text
        actors = {json.dumps(body["actor"]) for _, body in found}
        assert len(actors) == 1
        assert store.run_write(outbox.counts) == {"waiting": 4, "sent": 0, "rejected": 0}


def test_settings_are_off_by_default_and_the_password_is_not_shown(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert store.run_write(outbox.load_config) == outbox.SyncConfig()
        config = outbox.SyncConfig(True, "https://lrs.school.example/xAPI/", "prof", "hunter2")
        store.run_write(lambda conn: outbox.save_config(conn, config))
        assert store.run_write(outbox.load_config) == config and config.ready
    assert "hunter2" not in repr(config)
    assert not outbox.SyncConfig(True, "ftp://x", "a", "b").ready
    assert not outbox.SyncConfig(False, "https://x", "a", "b").ready


def test_the_status_line_says_what_the_last_round_did(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert sync_status(store, None) == ("sync.status.disabled", {})
        store.run_write(lambda conn: outbox.save_config(
            conn, outbox.SyncConfig(True, "https://lrs.example/xAPI", "prof", "pw")))
        queue_hint(store, Played(store.add_learner("A", "cat", "fr", {}).id, "l", "L", "fr"))
        assert sync_status(store, Round(Outcome.OFFLINE)) == ("sync.status.offline",
                                                              {"waiting": 1})
        assert sync_status(store, Round(Outcome.DONE, 4)) == ("sync.status.done", {"sent": 4})
        assert sync_status(store, Round(Outcome.REFUSED))[0] == "sync.status.refused"
    keys = ["sync.status.disabled"] + [f"sync.status.{o.value}" for o in Outcome
                                       if o is not Outcome.OFF]
    for locale in ("fr", "de"):  # every outcome has words, not the missing-key ellipsis
        for key in keys:
            assert Translator(locale).t(key, waiting=1, sent=1) not in ("", "…")

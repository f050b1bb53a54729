"""Chapter badges: earned when a chapter's levels are all solved, kept in the SQLite file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from app.storage import ProgressStore
from app.storage.badges import award, badges
from app.storage.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from levels.badges import chapters, new_badges
from levels.packs import load_packs


def test_chapters_follow_the_packs_concepts() -> None:
    found = chapters(load_packs().tracks)
    junior = [c for c in found if c.track == "junior"]
    assert {c.concept for c in junior} >= {"sequence", "loops"}
    first = junior[0]
    assert not new_badges(found, set(first.level_ids[:-1]), set())
    assert new_badges(found, set(first.level_ids), set()) == [first]
    assert not new_badges(found, set(first.level_ids), {first.badge})


def test_badges_are_kept_across_a_reopen_and_an_old_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, MIGRATIONS[:3])  # a file from before badges, with a learner in it
    conn.execute("INSERT INTO learners VALUES (1, 'Zoë', 'fox', 'fr', '{}', 'now')")
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        assert store.notice is None and store.learner(1) is not None
        assert badges(store, 1) == set()
        award(store, 1, "junior.loops")
        award(store, 1, "junior.loops")  # twice is harmless
    with ProgressStore(path) as again:
        assert badges(again, 1) == {"junior.loops"}
    check = sqlite3.connect(path)
    assert schema_version(check) == LATEST_VERSION
    check.close()

"""Issue 17: a progress file in a read-only folder, its last saves still in the -wal.

A real read-only bind mount (``unshare -m``, skipped where the kernel does not allow it):
``mode=ro`` cannot open a -wal without its -shm there, and ``immutable=1`` ignores the -wal.
The class list must still show, the status say so for as long as it lasts, saves go on in
memory, and the file is never written."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage import ProgressStore
from app.storage.notices import NOT_SAVED, READ_ONLY

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import json, sys
from pathlib import Path
from app.storage import ProgressStore
store = ProgressStore(Path(sys.argv[1]) / "progress.sqlite3")
kid = store.learners()[0].id
for n in range(3):
    store.record_attempt(kid, "junior_01", solved=True, stars=2, blocks=4, seconds=1)
print(json.dumps({"names": [l.name for l in store.learners()], "notice": store.notice.key,
                  "status": store.status.key, "in_memory": store.in_memory,
                  "attempts": store.progress(kid)["junior_01"].attempts}))
store.close()
"""


def _saves_only_in_the_wal(folder: Path, scratch: Path) -> None:
    """What a killed session leaves: the file and a -wal holding everything, no -shm."""
    store = ProgressStore(scratch / "progress.sqlite3")
    store._connection.execute("PRAGMA wal_autocheckpoint = 0")
    for name in ("Zoé", "Lucas", "Emma"):
        store.add_learner(name, "fox", "fr", {})
    for name in ("progress.sqlite3", "progress.sqlite3-wal"):
        shutil.copyfile(scratch / name, folder / name)
    store.close()


def _in_read_only_folder(folder: Path) -> subprocess.CompletedProcess:
    script = (f'mount --bind -o ro "{folder}" "{folder}" && '
              f'exec "{sys.executable}" -c \'{CHILD}\' "{folder}"')
    return subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, text=True,
                          capture_output=True, timeout=60, check=False)


def test_a_read_only_folder_shows_the_class_from_the_wal(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace here: {probe.stderr.decode().strip()}")
    folder, scratch = tmp_path / "class", tmp_path / "scratch"
    folder.mkdir()
    scratch.mkdir()
    _saves_only_in_the_wal(folder, scratch)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = _in_read_only_folder(folder)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["names"] == ["Emma", "Lucas", "Zoé"]  # 00b907f: [] (an empty class)
    assert seen["notice"] == NOT_SAVED and seen["status"] == READ_ONLY and seen["in_memory"]
    assert seen["attempts"] == 3  # the session goes on, in memory
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # never written
    assert not os.path.exists(folder / "progress.sqlite3-queue")

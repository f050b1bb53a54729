"""Done-when for issue 5: kill the game mid-save, restart it, and nothing saved is lost.

A child Python process opens the store and saves in a loop, printing ``begin …`` before each
call and ``ack …`` after it returned (so after COMMIT), flushing each line. The parent reads
the lines and SIGKILLs the child at a random moment; then, like the next start of the app,
it reopens the file: every acknowledged save must be there, the one in flight may or may not
be, ``integrity_check`` is ok and there is no notice.

Three ways to land the kill where it hurts: the parent kills just after a big save began
(~240 kB of draft, ~60 pages per transaction); the child kills itself from SQLite's progress
handler inside a save, at a random VM instruction or right after the save's pages reached
the disk before COMMIT; and the child dies inside a schema migration, or at a random moment
of start-up, while a version-1 file is being upgraded.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.storage import ProgressStore
from app.storage.migrations import LATEST_VERSION, schema_version
from tests.app.test_storage_recovery import _version_1_file

ROOT = Path(__file__).resolve().parents[2]
LEVELS = 5
BIG_FILLER = 60  # blocks per big draft, 4 kB of text each: ~60 pages written per transaction

CHILD = r"""
import os, signal, struct, sys
from pathlib import Path
from app.storage import ProgressStore

path, learner, big, first, levels, filler_size = Path(sys.argv[1]), *map(int, sys.argv[2:7])
kill_at, kill_tick = int(sys.argv[7]), int(sys.argv[8])
# kill_tick 0: the parent kills. > 0: die at that SQLite tick of the save number kill_at.
# < 0: die |kill_tick| - 1 ticks after that save's first uncommitted frame reached the -wal.
out = sys.stdout
def say(line):
    out.write(line + "\n")
    out.flush()

def read(file):
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return b""

def uncommitted_frames(wal):
    # frames of the current WAL generation after its last commit frame
    data = read(wal)
    if len(data) < 32:
        return 0
    page, salts, offset, after = struct.unpack(">I", data[8:12])[0], data[16:24], 32, 0
    while offset + 24 + page <= len(data) and data[offset + 8:offset + 16] == salts:
        after = 0 if struct.unpack(">I", data[offset + 4:offset + 8])[0] else after + 1
        offset += 24 + page
    return after

if kill_at < 0:  # die inside migration step -kill_at: its statements ran, COMMIT did not
    import contextlib
    import app.storage.migrations as migrations
    real_transaction = migrations.transaction
    @contextlib.contextmanager
    def dying_transaction(conn):
        with real_transaction(conn):
            yield conn
            if migrations.schema_version(conn) == -kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
    migrations.transaction = dying_transaction
say("opening")
store = ProgressStore(path)
if store.notice is not None:
    say("notice " + store.notice.key)
    sys.exit(3)
say("ready")
conn = store._connection
wal = Path(str(path) + "-wal")
ticks, spilled_at, files_before = 0, None, None
def tick():
    # SQLite calls this between VM instructions: dying here is dying inside a statement
    global ticks, spilled_at
    ticks += 1
    if kill_tick > 0 and ticks == kill_tick:
        os.kill(os.getpid(), signal.SIGKILL)
    if ticks > 1000:  # safety: never run on if the spill was not seen
        os.kill(os.getpid(), signal.SIGKILL)
    if kill_tick < 0:
        # the first change on disk (the -wal, or the file itself with another journal)
        if spilled_at is None and (read(path), read(wal)) != files_before:
            spilled_at = ticks
            say("spilled %d" % uncommitted_frames(wal))
        if spilled_at is not None and ticks - spilled_at == -kill_tick - 1:
            os.kill(os.getpid(), signal.SIGKILL)
    return 0
if kill_tick:
    conn.execute("PRAGMA cache_size = 5")  # spill pages to the -wal before COMMIT
def filler(n):
    # big: cheap to encode, long to write, so the kill lands in SQLite rather than in json;
    # n in every block, or SQLite would rewrite only the overflow pages that changed
    if big:
        text = "%d " % n + "move_forward " * 330
        return [{"block": "say", "params": {"text": text}}] * filler_size
    return [{"block": "repeat", "params": {"times": 3}, "body": ["move_forward", "turn_left"]}] * 2
n = first
while True:
    level = "kill_%d" % (n % levels)
    say("begin attempt %d %s" % (n, level))
    store.record_attempt(learner, level, solved=n % 3 != 0, stars=n % 4, blocks=n % 50 + 1,
                         seconds=0.5)
    say("ack attempt %d %s" % (n, level))
    say("begin draft %d %s" % (n, level))
    if kill_tick and n == first + kill_at:
        files_before = (read(path), read(wal))
        conn.set_progress_handler(tick, 1)
    store.save_draft(learner, level, [{"block": "marker", "params": {"n": n}}] + filler(n))
    say("ack draft %d %s" % (n, level))
    n += 1
"""


@dataclass
class Round:
    """What the parent saw of one child before and after killing it."""

    acked_attempts: dict[str, int] = field(default_factory=dict)
    last_draft: dict[str, int] = field(default_factory=dict)
    in_flight: tuple[str, int, str] | None = None  # (kind, n, level) begun, not acknowledged
    lines: int = 0
    ready: bool = False
    spilled: int | None = None  # uncommitted -wal frames when the save first reached the disk


def _spawn(path: Path, learner: int, big: bool, first: int,
           kill_at: int = 0, kill_tick: int = 0) -> subprocess.Popen[str]:
    args = [path, learner, int(big), first, LEVELS, BIG_FILLER, kill_at, kill_tick]
    return subprocess.Popen([sys.executable, "-c", CHILD, *map(str, args)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _take(seen: Round, line: str) -> None:
    if not line.endswith("\n"):
        return  # a line cut by the kill was never acknowledged in full
    words = line.split()
    seen.lines += 1
    if words[0] == "ready":
        seen.ready = True
    elif words[0] == "spilled":
        seen.spilled = int(words[1])
    elif words[0] == "notice":
        pytest.fail(f"the child opened the store with a notice: {line}")
    elif words[0] == "begin":
        seen.in_flight = (words[1], int(words[2]), words[3])
    elif words[0] == "ack":
        kind, n, level = words[1], int(words[2]), words[3]
        assert seen.in_flight == (kind, n, level)
        seen.in_flight = None
        if kind == "attempt":
            seen.acked_attempts[level] = seen.acked_attempts.get(level, 0) + 1
        else:
            seen.last_draft[level] = n


def _kill(child: subprocess.Popen[str], seen: Round, by_parent: bool = True) -> None:
    """SIGKILL the child (or wait for it to kill itself), then read what it acknowledged."""
    fired = threading.Event()

    def stop() -> None:  # a child that never dies fails the test instead of hanging it
        fired.set()
        child.kill()
    watchdog = threading.Timer(30, stop)
    watchdog.start()
    if by_parent:
        child.send_signal(signal.SIGKILL)
    for line in child.stdout:  # acknowledgements already in the pipe count too
        _take(seen, line)
    child.wait(timeout=10)
    watchdog.cancel()
    assert not fired.is_set(), "the child was still running after 30 s"
    assert child.returncode == -signal.SIGKILL, child.stderr.read()


def _read_until(child: subprocess.Popen[str], seen: Round, done) -> None:
    while not done(seen):
        line = child.stdout.readline()
        if not line:
            child.wait(timeout=10)
            pytest.fail(f"the child stopped by itself ({child.returncode}): {child.stderr.read()}")
        _take(seen, line)


def _reopen(path: Path) -> ProgressStore:
    """The next start of the app: no notice, the current schema, a sound file."""
    store = ProgressStore(path)
    assert store.notice is None and not store.in_memory
    conn = store._connection
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert schema_version(conn) == LATEST_VERSION
    return store


def _state(store: ProgressStore, learner: int) -> tuple[dict[str, int], dict[str, int]]:
    progress = store.progress(learner)
    for level in progress.values():  # attempts and time were written in one transaction
        assert level.seconds == pytest.approx(0.5 * level.attempts)
    drafts = {}
    for n in range(LEVELS):
        program = store.draft(learner, f"kill_{n}")
        if program is not None:
            assert program[0]["block"] == "marker" and len(program) in (3, BIG_FILLER + 1)
            drafts[f"kill_{n}"] = program[0]["params"]["n"]
    return {k: v.attempts for k, v in progress.items()}, drafts


def _check_nothing_acknowledged_was_lost(before: tuple[dict[str, int], dict[str, int]],
                                         after: tuple[dict[str, int], dict[str, int]],
                                         seen: Round, seed: int) -> None:
    (attempts_before, drafts_before), (attempts_after, drafts_after) = before, after
    kind, n, flying = seen.in_flight or ("", -1, "")
    for level in {f"kill_{i}" for i in range(LEVELS)}:
        gained = attempts_after.get(level, 0) - attempts_before.get(level, 0)
        acked = seen.acked_attempts.get(level, 0)
        maybe = 1 if (kind, flying) == ("attempt", level) else 0
        assert acked <= gained <= acked + maybe, (
            f"seed {seed}: {level} gained {gained} attempts, {acked} acknowledged")
        allowed = {seen.last_draft.get(level, drafts_before.get(level))}
        if (kind, flying) == ("draft", level):
            allowed.add(n)
        assert drafts_after.get(level) in allowed, (
            f"seed {seed}: {level} draft {drafts_after.get(level)}, expected one of {allowed}")


def _kept(before: tuple[dict[str, int], dict[str, int]],
          after: tuple[dict[str, int], dict[str, int]], seen: Round) -> bool | None:
    """Whether the save the kill interrupted made it (either is correct), for the log."""
    if seen.in_flight is None:
        return None
    kind, n, level = seen.in_flight
    if kind == "draft":
        return after[1].get(level) == n
    gained = after[0].get(level, 0) - before[0].get(level, 0)
    return gained > seen.acked_attempts.get(level, 0)


def test_killing_the_game_mid_save_loses_nothing_that_was_saved(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as store:
        learner = store.add_learner("Zoë", "fox", "fr", {}).id
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    kills_inside_a_save = 0
    plan = [False] * 3 + [True] * 7  # big transactions in the later rounds
    for number, big in enumerate(plan):
        with _reopen(path) as store:
            before = _state(store, learner)
        child = _spawn(path, learner, big, first=number * 1_000_000)
        seen = Round()
        acks = rng.randint(2, 12) if big else rng.randint(10, 300)
        _read_until(child, seen, lambda s: s.lines >= 2 + 4 * acks)  # 4 lines per loop
        if big:  # kill just after a big save began: inside its transaction
            _read_until(child, seen, lambda s: (s.in_flight or ("",))[0] == "draft")
            time.sleep(rng.uniform(0, 0.0015))
        else:
            time.sleep(rng.uniform(0, 0.003))
        _kill(child, seen)
        kills_inside_a_save += seen.in_flight is not None
        assert seen.ready and sum(seen.acked_attempts.values()) >= acks
        with _reopen(path) as store:
            after = _state(store, learner)
            _check_nothing_acknowledged_was_lost(before, after, seen, seed)
        print(f"kill {number} ({'big' if big else 'small'} saves): "
              f"{sum(seen.acked_attempts.values())} attempts and {len(seen.last_draft)} levels' "
              f"drafts acknowledged, killed inside {seen.in_flight}, "
              f"in-flight save kept: {_kept(before, after, seen)}")
    assert kills_inside_a_save >= 2, f"seed {seed}: the kills all fell between saves"


def test_a_kill_inside_a_transaction_after_pages_were_written(tmp_path: Path) -> None:
    """The child kills itself from SQLite's progress handler in the middle of a big save:
    at a random instruction, or just after the save's pages spilled into the -wal (a tiny
    page cache forces that), so half a transaction is on disk when the process dies."""
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as store:
        learner = store.add_learner("Zoë", "fox", "fr", {}).id
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    for number in range(8):
        after_spill = number % 2 == 0
        with _reopen(path) as store:
            before = _state(store, learner)
        tick = -rng.randint(1, 4) if after_spill else rng.randint(1, 45)
        child = _spawn(path, learner, True, first=number * 1_000_000,
                       kill_at=rng.randint(1, 4), kill_tick=tick)
        seen = Round()
        _kill(child, seen, by_parent=False)
        assert seen.ready and seen.in_flight is not None, f"seed {seed}: {seen}"
        with _reopen(path) as store:
            after = _state(store, learner)
            _check_nothing_acknowledged_was_lost(before, after, seen, seed)
        kept = _kept(before, after, seen)
        if after_spill:  # died before COMMIT with the pages on disk: replay must skip them
            assert seen.spilled is not None and seen.in_flight[0] == "draft" and kept is False, (
                f"seed {seed}: {seen}")
        print(f"self-kill {number} at tick {tick}: in {seen.in_flight}, "
              f"uncommitted -wal frames at the spill: {seen.spilled}, save kept: {kept}")


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("when", ["inside-migration-2", "random-1", "random-2", "random-3"])
def test_killing_the_game_while_it_migrates_a_file(tmp_path: Path, when: str) -> None:
    path = tmp_path / "progress.sqlite3"
    _version_1_file(path)  # learner 7, one solved level; opening it runs migration 2
    inside = when == "inside-migration-2"
    child = _spawn(path, 7, False, first=0, kill_at=-2 if inside else 0)
    seen = Round()
    _read_until(child, seen, lambda s: s.lines >= 1)  # "opening": the migration starts now
    if inside:
        _kill(child, seen, by_parent=False)
        assert not seen.ready and _user_version(path) == 1  # the half step was rolled back
    else:
        time.sleep(random.uniform(0, 0.012))
        _kill(child, seen)
    with _reopen(path) as store:
        progress = store.progress(7)
        level = progress.pop("loops_01")  # the version-1 progress survived
        assert (level.stars, level.attempts, level.best_blocks) == (3, 4, 6)
        assert store.get_setting("last_learner") == "7"
        saved = sum(p.attempts for p in progress.values())
        assert sum(seen.acked_attempts.values()) <= saved <= sum(seen.acked_attempts.values()) + 1
    assert not [p for p in os.listdir(tmp_path) if ".damaged-" in p]

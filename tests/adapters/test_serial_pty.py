"""The serial adapter over real pseudo-terminals: press, release, unplug, replug, garbage."""
from __future__ import annotations

import random
import re
import threading
from pathlib import Path
from typing import Iterator

import pytest

from adapters.events import StatusKind
from adapters.reconnecting import Backoff
from adapters.serial_adapter import FoundPort, SerialAdapter
from tests.adapters.helpers import PtySwitchBox, Recorder

FAST = Backoff(initial=0.02, maximum=0.05)


@pytest.fixture
def box(tmp_path: Path) -> Iterator[PtySwitchBox]:
    device = PtySwitchBox(tmp_path)
    yield device
    device.close()


def start(adapter: SerialAdapter) -> Recorder:
    recorder = Recorder()
    adapter.start(recorder.on_event, recorder.on_status)
    return recorder


def test_press_and_release_with_hello(box: PtySwitchBox) -> None:
    adapter = SerialAdapter(box.path, backoff=FAST)
    rec = start(adapter)
    try:
        connected = rec.wait_status(StatusKind.CONNECTED)
        # a port of no known board, before its HELLO: named by its port alone
        assert connected.message_key == "adapters.serial.connected_port"
        assert connected.params == {"port": box.path}
        assert box.read_available() == b"?\n"  # asks the box to say who it is
        box.write(b"HELLO micro:bit v2\r\nA 1\r\nA 0\r\nP0 1\nP0 0\n")
        events = rec.wait_events(4)
        assert [(e.source, e.control, e.pressed) for e in events] == [
            ("serial(microbit)", "a", True), ("serial(microbit)", "a", False),
            ("serial(microbit)", "p0", True), ("serial(microbit)", "p0", False),
        ]
        assert [e.id for e in events[:1]] == ["serial(microbit):a"]
        assert all(e.t > 0 for e in events)
        assert events == sorted(events, key=lambda e: e.t)
        named = rec.wait_status(StatusKind.CONNECTED, after=2)
        assert named.message_key == "adapters.serial.connected"
        assert named.params == {"device": "micro:bit v2", "port": box.path}
    finally:
        adapter.stop()
    assert adapter.status.kind is StatusKind.STOPPED
    assert rec.statuses[0].kind is StatusKind.STARTING


def test_timestamp_is_the_read_time_on_the_adapters_clock(box: PtySwitchBox) -> None:
    ticks = iter(range(100, 10_000))
    adapter = SerialAdapter(box.path, family="arduino", backoff=FAST,
                            clock=lambda: float(next(ticks)))
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        box.write(b"P2 1\n")
        first = rec.wait_events(1)[0]
        box.write(b"P2 0\n")
        second = rec.wait_events(2)[1]
    finally:
        adapter.stop()
    assert first.source == "serial(arduino)"  # the profile's family until a HELLO says otherwise
    assert first.t >= 100 and second.t > first.t


def test_repeated_press_and_stray_release_are_not_presses(box: PtySwitchBox) -> None:
    adapter = SerialAdapter(box.path, family="microbit", backoff=FAST)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        box.write(b"B 0\nA 1\nA 1\nA 1\nA 0\nA 0\nB 1\nB 0\n")
        rec.wait_events(4)
        adapter_events = rec.presses()
    finally:
        adapter.stop()
    assert adapter_events == [("serial(microbit)", "a", True), ("serial(microbit)", "a", False),
                              ("serial(microbit)", "b", True), ("serial(microbit)", "b", False)]


def test_unplug_while_held_then_replug_without_restart(box: PtySwitchBox) -> None:
    adapter = SerialAdapter(box.path, backoff=FAST)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        box.write(b"HELLO microbit\nA 1\n")
        rec.wait_events(1)
        box.unplug()
        lost = rec.wait_status(StatusKind.LOST)
        assert lost.message_key == "adapters.serial.lost"
        assert lost.detail  # the OS error, for the log
        # the held switch is let go: nothing downstream believes it is stuck down
        events = rec.wait_events(2)
        assert (events[1].control, events[1].pressed) == ("a", False)
        lost_at = len(rec.statuses)

        box.plug()
        rec.wait_status(StatusKind.CONNECTED, after=lost_at)
        box.write(b"B 1\nB 0\n")
        events = rec.wait_events(4)
    finally:
        adapter.stop()
    # the family the box announced before the unplug is kept for the box that comes back
    assert [(e.source, e.control, e.pressed) for e in events[2:]] == [
        ("serial(microbit)", "b", True), ("serial(microbit)", "b", False)]
    kinds = [s.kind for s in rec.statuses]
    assert kinds.count(StatusKind.LOST) == 1  # retries while away do not repeat the message


def test_missing_port_waits_then_connects_when_it_appears(tmp_path: Path) -> None:
    box = PtySwitchBox(tmp_path)
    box.unplug()
    adapter = SerialAdapter(box.path, backoff=FAST)
    rec = start(adapter)
    try:
        waiting = rec.wait_status(StatusKind.LOST)
        assert waiting.message_key == "adapters.serial.waiting"
        assert waiting.params == {"port": box.path}
        box.plug()
        rec.wait_status(StatusKind.CONNECTED)
        box.write(b"A 1\n")
        assert rec.wait_events(1)[0].source == "serial(unknown)"
    finally:
        adapter.stop()
        box.close()


def test_finder_follows_the_box_to_its_new_port(tmp_path: Path) -> None:
    """Auto-detection: after a replug the box is looked up again (it may have a new name)."""
    first, second = PtySwitchBox(tmp_path / "a"), None
    current: list[FoundPort | None] = [FoundPort(first.path, "microbit", "BBC micro:bit")]
    adapter = SerialAdapter(finder=lambda: current[0], backoff=FAST)
    rec = start(adapter)
    try:
        assert rec.wait_status(StatusKind.CONNECTED).params == {
            "device": "BBC micro:bit", "port": first.path}
        first.write(b"HELLO gadget\nA 1\nA 0\n")
        assert rec.wait_events(2)[0].id == "serial(gadget):a"
        current[0] = None
        first.unplug()
        rec.wait_status(StatusKind.LOST)
        second = PtySwitchBox(tmp_path / "b")
        current[0] = FoundPort(second.path, "microbit", "BBC micro:bit")
        assert rec.wait_status(StatusKind.CONNECTED, after=3).params == {
            "device": "BBC micro:bit", "port": second.path}
        second.write(b"B 1\n")
        # another port, maybe another box: its profile names it until it greets
        assert rec.wait_events(3)[2].id == "serial(microbit):b"
    finally:
        adapter.stop()
        first.close()
        if second is not None:
            second.close()


def test_stop_returns_quickly_while_a_read_is_blocked(box: PtySwitchBox) -> None:
    import time

    adapter = SerialAdapter(box.path, read_timeout=5.0, backoff=FAST)
    rec = start(adapter)
    rec.wait_status(StatusKind.CONNECTED)
    began = time.monotonic()
    adapter.stop()
    assert time.monotonic() - began < 1.0  # cancel_read, not the 5 s timeout
    assert adapter.status.message_key == "adapters.serial.stopped"


# -- garbage ---------------------------------------------------------------------------------

PROTOCOL_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9]{0,7} [01]\r?")
NEAR_MISSES = [
    b"#A 1", b"A 1 ", b" A 1", b"A 2", b"A  1", b"A\t1", b"A 1x", b"a1", b"AAAAAAAAA 1",
    b"A 1\x00", b"\xffA 1", b"A 1\r\r", b"HELLO", b"HELLO 1 extra", b"A 1" * 40, b"P0 -1",
    b"\x1b[0mA 1", b"A 11", b"1 1", b"_A 1",
]


def _garbage(rng: random.Random, size: int) -> bytes:
    """Noise like a wrong baud rate gives: random bytes, newlines now and then, near misses."""
    parts = [rng.randbytes(rng.randint(0, 300)) for _ in range(size // 150)]
    for i in range(0, len(parts), 3):
        parts[i] += b"\n" + rng.choice(NEAR_MISSES)
    noise = b"".join(parts)
    # an independent check of the oracle: no whole line of the noise is a protocol line
    assert not any(PROTOCOL_LINE.fullmatch(line) for line in noise.split(b"\n"))
    return noise


def _stream(seed: int, total: int) -> tuple[bytes, list[tuple[str, bool]]]:
    """Noise mixed with press/release pairs; a pair only counts when it starts on a fresh
    line (the noise before it ended with a newline). Returns the bytes and the presses."""
    rng = random.Random(seed)
    chunks: list[bytes] = []
    expected: list[tuple[str, bool]] = []
    size = 0
    while size < total:
        noise = _garbage(rng, rng.randint(150, 4000))
        control = rng.choice(["A", "B", "P0", "P1", "P2"])
        pair = f"{control} 1\n{control} 0\n".encode()
        framed = rng.random() < 0.6
        if framed:
            noise += b"\n"
            expected += [(control.lower(), True), (control.lower(), False)]
        else:
            noise = noise.rstrip(b"\n") + rng.choice([b"x", b"\xff", b"A", b" "])
            # the first line merges with the noise and is dropped; the release has nothing held
        chunks += [noise, pair]
        size += len(noise) + len(pair)
    return b"".join(chunks), expected


def test_garbage_yields_exactly_the_framed_presses(box: PtySwitchBox) -> None:
    stream, expected = _stream(seed=20240611, total=300_000)
    assert len(stream) >= 300_000 and len(expected) >= 100
    adapter = SerialAdapter(box.path, family="arduino", backoff=FAST)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        writer = threading.Thread(target=box.write, args=(stream + b"\nEND 1\n",))
        writer.start()
        rec.wait_for(lambda: any(e.control == "end" for e in rec.events), timeout=20)
        writer.join()
    finally:
        adapter.stop()
    got = [(e.control, e.pressed) for e in rec.events if e.control != "end"]
    assert got == expected
    assert all(s.kind is not StatusKind.LOST for s in rec.statuses)


def test_a_port_held_by_another_program_is_busy_until_it_is_let_go(box: PtySwitchBox) -> None:
    first = SerialAdapter(box.path, backoff=FAST)
    rec_first = start(first)
    second = SerialAdapter(box.path, name="second", backoff=FAST)
    try:
        rec_first.wait_status(StatusKind.CONNECTED)
        rec_second = start(second)
        busy = rec_second.wait_status(StatusKind.ERROR)
        assert (busy.message_key, busy.params) == ("adapters.serial.busy", {"port": box.path})
        first.stop()
        rec_second.wait_status(StatusKind.CONNECTED)
        box.write(b"A 1\n")
        assert rec_second.wait_events(1)[0].control == "a"
    finally:
        first.stop()
        second.stop()


def test_permission_denied_names_the_group_and_the_udev_rule() -> None:
    import errno

    import serial

    def denied(port: str, baudrate: int, timeout: float) -> object:
        raise serial.SerialException(errno.EACCES, f"could not open port {port}: Permission denied")

    adapter = SerialAdapter("/dev/ttyACM0", backoff=FAST, opener=denied)  # type: ignore[arg-type]
    rec = start(adapter)
    try:
        error = rec.wait_status(StatusKind.ERROR)
    finally:
        adapter.stop()
    assert error.message_key == "adapters.serial.permission"
    assert error.params == {"port": "/dev/ttyACM0", "rule": "hardware/udev/99-citizencode.rules"}
    assert "Permission denied" in error.detail


def test_auto_mode_says_it_is_searching_when_no_box_is_plugged_in() -> None:
    adapter = SerialAdapter(finder=lambda: None, backoff=FAST)
    rec = start(adapter)
    try:
        assert rec.wait_status(StatusKind.LOST).message_key == "adapters.serial.searching"
    finally:
        adapter.stop()
    assert rec.statuses[0].message_key == "adapters.serial.searching"

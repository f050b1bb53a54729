"""The evdev adapter's logic with real evdev.InputEvent values through a device seam."""
from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest
from evdev import ecodes
import evdev

from adapters.evdev_adapter import EvdevAdapter
from adapters.evdev_codes import code_for_name, control_for_code
from adapters.evdev_device import DeviceSelector
from adapters.events import InputEvent, StatusKind
from adapters.reconnecting import Backoff
from tests.adapters.fake_evdev import FakeDevice, FakeOpener, key
from tests.adapters.helpers import Recorder

FAST = Backoff(initial=0.01, maximum=0.04)
SWITCH_KEYS = {"KEY_SPACE": "space", "KEY_ENTER": "return"}


def Evdev(selector: str, **kwargs: object) -> EvdevAdapter:  # noqa: N802
    """An adapter whose reads time out quickly, so ``stop`` returns at once."""
    return EvdevAdapter(selector, read_timeout=0.02, **kwargs)  # type: ignore[arg-type]


def start(adapter: EvdevAdapter) -> Recorder:
    rec = Recorder()
    adapter.start(rec.on_event, rec.on_status)
    return rec


def test_key_codes_get_the_names_bindings_use() -> None:
    assert control_for_code(ecodes.KEY_SPACE) == "space"
    assert control_for_code(ecodes.KEY_ENTER) == "return"
    assert control_for_code(ecodes.KEY_F1) == "f1"
    assert control_for_code(ecodes.KEY_1) == "1"
    assert control_for_code(ecodes.BTN_0) == "btn_0"  # not its range name BTN_MISC
    assert control_for_code(ecodes.BTN_TRIGGER) == "btn_trigger"  # not BTN_JOYSTICK
    assert control_for_code(ecodes.BTN_9) == "btn_9"
    assert control_for_code(0x2FE) == "key_766"
    assert code_for_name("KEY_SPACE") == 57 and code_for_name("btn_0") == 0x100
    with pytest.raises(ValueError):
        code_for_name("EV_KEY")


def test_presses_and_releases_with_kernel_monotonic_times() -> None:
    now = time.monotonic()
    device = FakeDevice()
    adapter = Evdev("Switch Interface", profile_id="switch_interface_keys",
                           keys=SWITCH_KEYS, grab=True, backoff=FAST, opener=FakeOpener(device))
    rec = start(adapter)
    try:
        assert rec.wait_status(StatusKind.CONNECTED).params == {"device": "Switch Interface"}
        assert device.grabbed
        device.feed(*key(ecodes.KEY_SPACE, 1, now - 0.5), *key(ecodes.KEY_SPACE, 2, now - 0.25),
                    *key(ecodes.KEY_SPACE, 2, now - 0.2), *key(ecodes.KEY_SPACE, 0, now - 0.1))
        device.feed(*key(ecodes.KEY_ENTER, 1, now), *key(ecodes.BTN_0, 1, now),
                    *key(ecodes.BTN_0, 0, now), *key(ecodes.KEY_ENTER, 0, now))
        events = rec.wait_events(6)
    finally:
        adapter.stop()
    assert [(e.id, e.pressed) for e in events] == [
        ("evdev(switch_interface_keys):space", True), ("evdev(switch_interface_keys):space", False),
        ("evdev(switch_interface_keys):return", True), ("evdev(switch_interface_keys):btn_0", True),
        ("evdev(switch_interface_keys):btn_0", False), ("evdev(switch_interface_keys):return", False)]
    assert events[0].t == pytest.approx(now - 0.5, abs=1e-5)  # the kernel's time, not read time
    assert events[1].t == pytest.approx(now - 0.1, abs=1e-5)
    assert device.closed
    assert adapter.status.message_key == "adapters.evdev.stopped"


def test_realtime_stamps_that_do_not_fit_our_clock_become_the_read_time() -> None:
    device = FakeDevice(monotonic=False)
    adapter = Evdev("/dev/input/event7", backoff=FAST, opener=FakeOpener(device),
                           clock=lambda: 1234.5)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        device.feed(*key(ecodes.BTN_TRIGGER, 1, 1_700_000_000.25))  # CLOCK_REALTIME
        event = rec.wait_events(1)[0]
    finally:
        adapter.stop()
    assert event == InputEvent("evdev(generic)", "btn_trigger", True, 1234.5)


def test_realtime_kernel_stamps_are_moved_onto_our_clock() -> None:
    device = FakeDevice(monotonic=False)
    adapter = Evdev("/dev/input/event7", backoff=FAST, opener=FakeOpener(device),
                    clock=lambda: 1234.5, wall=lambda: 1_700_000_000.5)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        device.feed(*key(ecodes.BTN_TRIGGER, 1, 1_700_000_000.25))  # 0.25 s before the read
        event = rec.wait_events(1)[0]
    finally:
        adapter.stop()
    assert event.t == pytest.approx(1234.25, abs=1e-5)


def test_implausible_kernel_time_is_not_trusted() -> None:
    device = FakeDevice(monotonic=True)
    adapter = Evdev("x", backoff=FAST, opener=FakeOpener(device), clock=lambda: 500.0)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        device.feed(*key(ecodes.KEY_SPACE, 1, 9_000.0))
        assert rec.wait_events(1)[0].t == 500.0
    finally:
        adapter.stop()


def test_only_mapped_keys_and_only_key_events_count() -> None:
    device = FakeDevice()
    adapter = Evdev("x", keys=SWITCH_KEYS, only_mapped=True, backoff=FAST,
                           opener=FakeOpener(device))
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        device.feed(*key(ecodes.KEY_A, 1, 1.0), *key(ecodes.KEY_A, 0, 1.0),
                    evdev.InputEvent(1, 0, ecodes.EV_REL, ecodes.REL_X, 5),
                    evdev.InputEvent(1, 0, ecodes.EV_ABS, ecodes.ABS_X, 5))
        device.feed(*key(ecodes.KEY_ENTER, 1, 2.0))
        events = rec.wait_events(1)
    finally:
        adapter.stop()
    assert [e.control for e in events] == ["return"]


def test_unplug_releases_held_keys_then_reconnects_with_backoff() -> None:
    first, second = FakeDevice(path="/dev/input/event7"), FakeDevice(path="/dev/input/event9")
    gone = FileNotFoundError(errno.ENOENT, "no input device matches", "0c45:7403")
    opener = FakeOpener(first, gone, gone, gone, second)
    adapter = Evdev("0c45:7403", profile_id="foot_switch", backoff=FAST, opener=opener)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        assert opener.selectors[0] == DeviceSelector(usb=(0x0C45, 0x7403))
        now = time.monotonic()
        first.feed(*key(ecodes.KEY_B, 1, now))
        rec.wait_events(1)
        first.unplug()
        lost = rec.wait_status(StatusKind.LOST)
        assert lost.message_key == "adapters.evdev.lost"
        assert rec.wait_events(2)[1] == InputEvent("evdev(foot_switch)", "b", False,
                                                   rec.events[1].t)
        rec.wait_status(StatusKind.CONNECTED, after=2)
        calls = opener.wait_calls(5)
        second.feed(*key(ecodes.KEY_C, 1, time.monotonic()))
        assert rec.wait_events(3)[2].control == "c"
        assert adapter.device_path == "/dev/input/event9"
    finally:
        adapter.stop()
    gaps = [b - a for a, b in zip(calls[1:], calls[2:])]
    assert gaps[0] >= 0.02 * 0.95 and gaps[1] >= 0.04 * 0.95 and gaps[2] >= 0.04 * 0.95
    kinds = [s.kind for s in rec.statuses]
    assert kinds.count(StatusKind.LOST) == 1  # "unplugged" stays; retries do not repeat it
    assert first.closed


def test_backoff_grows_to_its_ceiling() -> None:
    assert [d for _, d in zip(range(6), Backoff(0.25, 5.0).delays())] == [0.25, 0.5, 1.0, 2.0, 4.0, 5.0]
    opener = FakeOpener(FileNotFoundError(errno.ENOENT, "gone"))
    adapter = Evdev("x", backoff=Backoff(initial=0.01, maximum=0.04), opener=opener)
    rec = start(adapter)
    try:
        calls = opener.wait_calls(6)
    finally:
        adapter.stop()
    gaps = [b - a for a, b in zip(calls, calls[1:])]
    for gap, least in zip(gaps, [0.01, 0.02, 0.04, 0.04, 0.04]):
        assert gap >= least * 0.95
    waiting = [s for s in rec.statuses if s.kind is StatusKind.LOST]
    assert len(waiting) == 1 and waiting[0].message_key == "adapters.evdev.waiting"


def test_permission_denied_names_the_udev_rule_and_recovers_once_fixed() -> None:
    device = FakeDevice()
    denied = PermissionError(errno.EACCES, "Permission denied", "/dev/input/event3")
    opener = FakeOpener(denied, denied, device)
    adapter = Evdev("Switch Interface", backoff=FAST, opener=opener)
    rec = start(adapter)
    try:
        error = rec.wait_status(StatusKind.ERROR)
        assert error.message_key == "adapters.evdev.permission"
        assert error.params == {"path": "/dev/input/event3",
                                "rule": "hardware/udev/99-citizencode.rules"}
        assert (Path(__file__).resolve().parents[2] / error.params["rule"]).is_file()
        rec.wait_status(StatusKind.CONNECTED)
    finally:
        adapter.stop()


def test_a_device_grabbed_by_another_program_is_reported_and_retried() -> None:
    busy = FakeDevice(grab_error=OSError(errno.EBUSY, "Device or resource busy"))
    free = FakeDevice()
    adapter = Evdev("x", grab=True, backoff=FAST, opener=FakeOpener(busy, free))
    rec = start(adapter)
    try:
        assert rec.wait_status(StatusKind.ERROR).message_key == "adapters.evdev.busy"
        rec.wait_status(StatusKind.CONNECTED)
    finally:
        adapter.stop()
    assert busy.closed and free.grabbed


def test_after_dropped_events_held_keys_are_checked_against_the_kernel() -> None:
    device = FakeDevice()
    adapter = Evdev("x", backoff=FAST, opener=FakeOpener(device), clock=lambda: 7.0)
    rec = start(adapter)
    try:
        rec.wait_status(StatusKind.CONNECTED)
        device.feed(*key(ecodes.KEY_SPACE, 1, 1.0), *key(ecodes.KEY_1, 1, 1.0))
        rec.wait_events(2)
        device.keys_down = [ecodes.KEY_1]  # space was released while events were lost
        device.feed(evdev.InputEvent(2, 0, ecodes.EV_SYN, ecodes.SYN_DROPPED, 0),
                    *key(ecodes.KEY_2, 1, 2.0)[:2],  # part of the lost packet: ignored
                    evdev.InputEvent(2, 0, ecodes.EV_SYN, ecodes.SYN_REPORT, 0),
                    *key(ecodes.KEY_1, 0, 3.0))
        events = rec.wait_events(4)
    finally:
        adapter.stop()
    # space: released at read time by the resync; 1: its own release, at the kernel's time
    assert [(e.control, e.pressed, e.t) for e in events[2:]] == [("space", False, 7.0),
                                                                 ("1", False, 3.0)]


def test_the_real_device_path_missing_or_not_an_input_device(tmp_path: Path) -> None:
    """The thin real path: python-evdev's own errors become the right statuses."""
    missing = Evdev(str(tmp_path / "event99"), backoff=FAST)
    not_input = tmp_path / "event5"
    not_input.write_bytes(b"")
    wrong = Evdev(str(not_input), backoff=FAST)
    rec_missing, rec_wrong = start(missing), start(wrong)
    try:
        assert rec_missing.wait_status(StatusKind.LOST).message_key == "adapters.evdev.waiting"
        assert rec_wrong.wait_status(StatusKind.ERROR).message_key == "adapters.evdev.failed"
    finally:
        missing.stop()
        wrong.stop()

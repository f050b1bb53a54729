"""Adapters built from profiles: auto-detected serial box over a real pty, evdev key maps."""
from __future__ import annotations

import time
from pathlib import Path

from evdev import ecodes
from serial.tools.list_ports_common import ListPortInfo

from adapters.events import StatusKind
from adapters.reconnecting import Backoff
from hardware.connect import evdev_adapter, serial_adapter
from hardware.device_profiles import load_profiles
from tests.adapters.fake_evdev import FakeDevice, key
from tests.adapters.helpers import PtySwitchBox, Recorder
from tests.hardware.test_discovery import add_device, make_sysfs, remove_device

PROFILES = load_profiles()


def usb_port(device: str, vid: int, pid: int) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid = vid, pid
    return info


def test_auto_detected_microbit_over_a_real_pty(tmp_path: Path) -> None:
    box = PtySwitchBox(tmp_path)
    ports = [usb_port("/dev/ttyS0", 0, 0), usb_port(box.path, 0x0D28, 0x0204)]
    adapter = serial_adapter("auto", profiles=PROFILES, comports=lambda: ports,
                             backoff=Backoff(0.02, 0.05))
    rec = Recorder()
    adapter.start(rec.on_event, rec.on_status)
    try:
        connected = rec.wait_status(StatusKind.CONNECTED)
        assert connected.params == {"device": "BBC micro:bit", "port": box.path}
        box.write(b"A 1\nA 0\n")  # no HELLO: the profile gives the family
        events = rec.wait_events(2)
    finally:
        adapter.stop()
        box.close()
    assert [e.id for e in events] == ["serial(microbit):a", "serial(microbit):a"]


def test_a_port_chosen_by_hand_gets_its_family_from_the_matching_profile() -> None:
    ports = [usb_port("/dev/ttyUSB0", 0x1A86, 0x7523)]
    adapter = serial_adapter("/dev/ttyUSB0", profiles=PROFILES, comports=lambda: ports)
    assert adapter.source == "serial(arduino)" and adapter.baudrate == 115200
    unknown = serial_adapter("/dev/ttyUSB9", baudrate=9600, profiles=PROFILES, comports=lambda: ports)
    assert unknown.source == "serial(unknown)" and unknown.baudrate == 9600


def test_evdev_adapter_takes_the_profile_of_the_device_it_designates(tmp_path: Path) -> None:
    sysfs = make_sysfs(tmp_path, {5: ("Acme USB Switch Interface", 0x1234, 0x5678)})
    dev = tmp_path / "dev"
    adapter = evdev_adapter(f"{dev}/event5", profiles=PROFILES, sysfs=sysfs, dev=dev)
    assert adapter.source == "evdev(switch_interface_keys)"
    other = evdev_adapter("9999:0001", profiles=PROFILES, sysfs=sysfs, dev=dev)
    assert other.source == "evdev(generic)"
    chosen = evdev_adapter("9999:0001", profile_id="switch_interface_joystick",
                           profiles=PROFILES, sysfs=sysfs, dev=dev)
    assert chosen.source == "evdev(switch_interface_joystick)"


def test_auto_evdev_follows_whichever_known_switch_device_is_plugged_in(tmp_path: Path) -> None:
    """Nothing known plugged in (a keyboard only): 'no USB switch interface found'. Then a
    foot switch appears: read with its profile (grabbed, its own source); unplugged and a
    keys-type interface plugged instead: read with that one's profile, no restart."""
    sysfs = make_sysfs(tmp_path, {2: ("AT Translated Set 2 keyboard", 0x0001, 0x0001)})
    dev = tmp_path / "dev"
    devices = {f"{dev}/event4": FakeDevice("PCsensor FootSwitch", f"{dev}/event4"),
               f"{dev}/event6": FakeDevice("Acme USB Switch Interface", f"{dev}/event6")}
    adapter = evdev_adapter("auto", profiles=PROFILES, sysfs=sysfs, dev=dev,
                            opener=lambda selector: devices[selector.path],
                            backoff=Backoff(0.02, 0.05), read_timeout=0.02)
    rec = Recorder()
    adapter.start(rec.on_event, rec.on_status)
    try:
        assert rec.statuses[0].message_key == "adapters.evdev.searching"  # from the start
        assert rec.wait_status(StatusKind.LOST).message_key == "adapters.evdev.searching"
        add_device(sysfs, 4, ("PCsensor FootSwitch", 0x0C45, 0x7403))
        assert rec.wait_status(StatusKind.CONNECTED).params == {"device": "PCsensor FootSwitch"}
        foot = devices[f"{dev}/event4"]
        assert foot.grabbed
        foot.feed(*key(ecodes.KEY_SPACE, 1, time.monotonic()))
        assert rec.wait_events(1)[0].id == "evdev(foot_switch):space"
        seen = len(rec.statuses)
        remove_device(sysfs, 4)
        foot.unplug()
        add_device(sysfs, 6, ("Acme USB Switch Interface", 0x1234, 0x5678))
        keys = devices[f"{dev}/event6"]
        assert rec.wait_status(StatusKind.CONNECTED, after=seen).params == {
            "device": "Acme USB Switch Interface"}
        keys.feed(*key(ecodes.KEY_ENTER, 1, time.monotonic()),
                  *key(ecodes.KEY_A, 1, time.monotonic()))  # not one of its switch keys
        events = rec.wait_events(3)
    finally:
        adapter.stop()
    assert adapter.status.message_key == "adapters.evdev.stopped_any"
    assert [(e.id, e.pressed) for e in events] == [
        ("evdev(foot_switch):space", True), ("evdev(foot_switch):space", False),  # unplug
        ("evdev(switch_interface_keys):return", True)]

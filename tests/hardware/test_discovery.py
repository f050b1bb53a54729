"""Discovery against fake sysfs trees and real pyserial ListPortInfo objects."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from serial.tools.list_ports_common import ListPortInfo

from adapters.evdev_device import DeviceSelector, resolve, scan_input_devices
from hardware.device_profiles import load_profiles
from hardware.discovery import discover, match_serial, list_serial_ports, serial_finder

ROOT = Path(__file__).resolve().parents[2]
PROFILES = load_profiles()


def port(device: str, vid: int | None = None, pid: int | None = None, product: str = "") -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.product = vid, pid, product or None
    if vid is not None:
        info.apply_usb_info()
    return info


def make_sysfs(root: Path, devices: dict[int, tuple[str, int, int]]) -> Path:
    """A /sys/class/input look-alike: eventN/device/{name,phys,id/vendor,id/product}."""
    sysfs = root / "sys"
    for number, device in devices.items():
        add_device(sysfs, number, device)
    (sysfs / "input3").mkdir(parents=True)  # not an event device: ignored
    return sysfs


def add_device(sysfs: Path, number: int, device_info: tuple[str, int, int]) -> None:
    """Plug a device into a ``make_sysfs`` tree: (name, USB vendor, USB product)."""
    name, vendor, product = device_info
    device = sysfs / f"event{number}" / "device"
    (device / "id").mkdir(parents=True)
    (device / "name").write_text(name + "\n")
    (device / "phys").write_text(f"usb-0000:00:14.0-{number}/input0\n")
    (device / "id" / "vendor").write_text(f"{vendor:04x}\n")
    (device / "id" / "product").write_text(f"{product:04x}\n")


def remove_device(sysfs: Path, number: int) -> None:
    """Unplug a device from a ``make_sysfs`` tree."""
    shutil.rmtree(sysfs / f"event{number}")


def test_serial_ports_match_specific_before_generic() -> None:
    ports = [port("/dev/ttyUSB0", 0x1A86, 0x7523, "USB Serial"),
             port("/dev/ttyACM0", 0x0D28, 0x0204, "BBC micro:bit CMSIS-DAP"),
             port("/dev/ttyACM1", 0x2341, 0x0043, "Arduino Uno"),
             port("/dev/ttyS0")]
    matches = {p.device: match_serial(p, PROFILES) for p in list_serial_ports(lambda: ports)}
    assert (matches["/dev/ttyACM0"].profile.id, matches["/dev/ttyACM0"].how) == ("microbit", "usb")
    assert (matches["/dev/ttyACM1"].profile.id, matches["/dev/ttyACM1"].how) == ("arduino", "usb")
    assert (matches["/dev/ttyUSB0"].profile.id, matches["/dev/ttyUSB0"].how) == ("arduino", "usb_generic")
    assert matches["/dev/ttyS0"] is None
    # the finder prefers a board's own id to a shared USB-serial chip, whatever the order
    found = serial_finder(PROFILES, lambda: ports)()
    assert found is not None and (found.port, found.family) == ("/dev/ttyACM0", "microbit")
    assert serial_finder(PROFILES, lambda: [port("/dev/ttyS0")])() is None


def test_input_devices_are_found_in_sysfs_and_matched(tmp_path: Path) -> None:
    sysfs = make_sysfs(tmp_path, {
        3: ("AT Translated Set 2 keyboard", 0x0001, 0x0001),
        12: ("PCsensor FootSwitch", 0x0C45, 0x7403),
        5: ("Acme USB Switch Interface", 0x1234, 0x5678),
    })
    found = discover(PROFILES, comports=lambda: [port("/dev/ttyACM0", 0x0D28, 0x0204)],
                     sysfs=sysfs, dev=tmp_path / "dev")
    table = {f.device: (f.kind, f.profile, f.source, f.matched_by) for f in found}
    dev = tmp_path / "dev"
    assert list(table) == ["/dev/ttyACM0", f"{dev}/event3", f"{dev}/event5", f"{dev}/event12"]
    assert table["/dev/ttyACM0"] == ("serial", "microbit", "serial(microbit)", "usb")
    assert table[f"{dev}/event3"] == ("evdev", None, None, None)  # a keyboard is not taken
    assert table[f"{dev}/event5"] == ("evdev", "switch_interface_keys",
                                      "evdev(switch_interface_keys)", "name")
    assert table[f"{dev}/event12"] == ("evdev", "foot_switch", "evdev(foot_switch)", "usb")
    assert json.loads(json.dumps([f.to_json() for f in found]))[2]["usb"] == "1234:5678"


def test_selectors_resolve_by_path_ids_and_name(tmp_path: Path) -> None:
    sysfs = make_sysfs(tmp_path, {4: ("PCsensor FootSwitch", 0x0C45, 0x7403),
                                  6: ("Acme Switch Interface", 0x1234, 0x5678)})
    devices = scan_input_devices(sysfs, Path("/dev/input"))
    assert resolve(DeviceSelector.parse("0c45:7403"), devices) == "/dev/input/event4"
    assert resolve(DeviceSelector.parse("acme switch"), devices) == "/dev/input/event6"
    assert resolve(DeviceSelector.parse("/dev/input/event6"), devices) == "/dev/input/event6"
    try:
        resolve(DeviceSelector.parse("Big Red Button"), devices)
    except FileNotFoundError as exc:
        assert exc.filename == "Big Red Button"
    else:
        raise AssertionError("an absent device must not resolve")


def test_hardware_list_json_runs_on_this_machine() -> None:
    result = subprocess.run([sys.executable, "-m", "hardware", "list", "--json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert isinstance(listing, list)
    for entry in listing:
        assert {"kind", "device", "name", "usb", "profile", "source", "matched_by",
                "readable"} == set(entry)


def test_hardware_profiles_lists_control_ids() -> None:
    result = subprocess.run([sys.executable, "-m", "hardware", "profiles", "--json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    by_id = {p["id"]: p for p in json.loads(result.stdout)}
    assert "serial(microbit):a" in by_id["microbit"]["controls"]


def test_discovery_and_serial_load_where_python_evdev_does_not_exist() -> None:
    """python-evdev is Linux-only: a tablet without it still gets serial boxes and discovery."""
    code = ("import sys; sys.modules['evdev'] = None\n"
            "import adapters.hub, adapters.keyboard, adapters.serial_adapter, adapters.monitor\n"
            "import hardware.discovery, hardware.connect\n"
            "from hardware.__main__ import main; sys.exit(main(['list', '--json']))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)

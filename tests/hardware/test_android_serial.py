"""A switch box on an Android tablet's USB port: fake usb4a and usbserial4a, a real pty."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import serial

from adapters.events import StatusKind
from adapters.reconnecting import Backoff
from hardware.android_serial import ASK_PERMISSION, android_serial_adapter
from hardware.device_profiles import load_profiles
from tests.adapters.helpers import PtySwitchBox, Recorder

PROFILES = load_profiles()


class FakeUsbDevice:
    def __init__(self, name: str, vid: int, pid: int, product: str) -> None:
        self.name, self.vid, self.pid, self.product = name, vid, pid, product

    def getDeviceName(self) -> str:
        return self.name

    def getVendorId(self) -> int:
        return self.vid

    def getProductId(self) -> int:
        return self.pid

    def getProductName(self) -> str:
        return self.product

    def getManufacturerName(self) -> None:
        return None


class FakeUsb:
    """usb4a.usb: the devices on the USB port and the permission the person gave."""

    def __init__(self, devices: list[FakeUsbDevice]) -> None:
        self.devices = devices
        self.allowed: set[str] = set()
        self.asked: list[str] = []
        self.checks = 0
        self.retried = threading.Event()  # asked about permission three times

    def get_usb_device_list(self) -> list[FakeUsbDevice]:
        return list(self.devices)

    def get_usb_device(self, name: str) -> FakeUsbDevice | None:
        return next((d for d in self.devices if d.name == name), None)

    def has_usb_permission(self, device: FakeUsbDevice) -> bool:
        self.checks += 1
        if self.checks >= 3:
            self.retried.set()
        return device.name in self.allowed

    def request_usb_permission(self, device: FakeUsbDevice) -> None:
        self.asked.append(device.name)


class FakeSerial4a:
    """usbserial4a.serial4a: here the 'USB device' is a pty, opened with pyserial."""

    def __init__(self) -> None:
        self.opened: list[tuple[Any, ...]] = []

    def get_serial_port(self, name: str, baudrate: int, bytesize: int, parity: str,
                        stopbits: int, timeout: float) -> serial.Serial:
        self.opened.append((name, baudrate, bytesize, parity, stopbits))
        return serial.Serial(name, baudrate, bytesize, parity, stopbits, timeout=timeout)


def test_asks_permission_once_then_reads_the_micro_bit(tmp_path: Path) -> None:
    box = PtySwitchBox(tmp_path)
    usb = FakeUsb([FakeUsbDevice("/dev/bus/usb/001/002", 0x046D, 0xC52B, "Receiver"),
                   FakeUsbDevice(box.path, 0x0D28, 0x0204, "BBC micro:bit CMSIS-DAP")])
    serial4a = FakeSerial4a()
    adapter = android_serial_adapter(usb=usb, serial4a=serial4a, profiles=PROFILES,
                                     backoff=Backoff(0.01, 0.02))
    assert adapter is not None
    rec = Recorder()
    adapter.start(rec.on_event, rec.on_status)
    try:
        asking = rec.wait_status(StatusKind.ERROR, ASK_PERMISSION)
        assert asking.params == {"port": box.path}
        assert usb.retried.wait(5)  # it tried again and again: still one question
        assert usb.asked == [box.path] and serial4a.opened == []
        usb.allowed.add(box.path)  # the teacher tapped OK
        connected = rec.wait_status(StatusKind.CONNECTED)
        assert connected.params == {"device": "BBC micro:bit", "port": box.path}
        box.write(b"A 1\nA 0\n")
        events = rec.wait_events(2)
    finally:
        adapter.stop()
        box.close()
    assert [(e.id, e.pressed) for e in events] == [("serial(microbit):a", True),
                                                  ("serial(microbit):a", False)]
    assert serial4a.opened == [(box.path, 115200, 8, "N", 1)]


def test_without_usb4a_there_is_no_serial_adapter() -> None:
    assert android_serial_adapter() is None  # usb4a is an Android-only package

"""Serial switch boxes (micro:bit, Arduino) on an Android tablet, through USB host mode.

An Android app sees no ``/dev/ttyACM*``: it asks the system's UsbManager for the devices
plugged into the USB port (usb4a) and talks to them with usbserial4a's drivers (CDC-ACM,
FTDI, CP210x, CH34x), whose ports behave like pyserial's. So the ordinary ``SerialAdapter``
is reused as it is, with a ``finder`` that lists USB devices as if they were serial ports
(the hardware profiles match them by USB id, as on Linux) and an ``opener`` that asks the
person at the tablet for permission the first time a box is plugged in.

``usb`` and ``serial4a`` are the usb4a and usbserial4a modules (fakes in tests).
"""
from __future__ import annotations

import errno
import logging
from dataclasses import dataclass
from typing import Any

from adapters.events import StatusKind
from adapters.reconnecting import DeviceUnavailable
from adapters.serial_adapter import DEFAULT_BAUDRATE, SerialAdapter, SerialLike

log = logging.getLogger(__name__)

ASK_PERMISSION = "adapters.serial.android_permission"


@dataclass(frozen=True)
class UsbPort:
    """A USB device with the fields of pyserial's ``ListPortInfo`` that discovery reads."""

    device: str  # Android's device name, /dev/bus/usb/001/002
    vid: int
    pid: int
    product: str = ""
    manufacturer: str = ""

    @property
    def description(self) -> str:
        return self.product


class AndroidUsb:
    """The USB devices plugged into the tablet, and opening one as a serial port."""

    def __init__(self, usb: Any, serial4a: Any) -> None:
        self.usb = usb
        self.serial4a = serial4a
        self._asked: set[str] = set()  # devices the person was already asked about

    def comports(self) -> list[UsbPort]:
        return [UsbPort(str(d.getDeviceName()), int(d.getVendorId()), int(d.getProductId()),
                        str(d.getProductName() or ""), str(d.getManufacturerName() or ""))
                for d in self.usb.get_usb_device_list() if d]

    def open(self, port: str, baudrate: int, timeout: float) -> SerialLike:
        """Open ``port``; without permission yet, ask once (Android shows its own dialog)
        and say so: the adapter tries again until the permission is given."""
        device = self.usb.get_usb_device(port)
        if device is None:
            raise FileNotFoundError(errno.ENOENT, "USB device gone", port)
        if not self.usb.has_usb_permission(device):
            if port not in self._asked:
                self._asked.add(port)
                self.usb.request_usb_permission(device)
            raise DeviceUnavailable(StatusKind.ERROR, ASK_PERMISSION, {"port": port},
                                    "waiting for the USB permission")
        connection: SerialLike = self.serial4a.get_serial_port(
            port, baudrate, 8, "N", 1, timeout=timeout)
        return connection


def android_serial_adapter(*, name: str = "serial", usb: Any = None, serial4a: Any = None,
                           profiles: list[Any] | None = None, **kwargs: Any
                           ) -> SerialAdapter | None:
    """A ``SerialAdapter`` following any known switch box on the USB port, or None when
    usb4a/usbserial4a are not in the build (then switch boxes in keyboard mode still work)."""
    from hardware.discovery import serial_finder

    if usb is None or serial4a is None:
        try:
            from usb4a import usb  # type: ignore[no-redef]
            from usbserial4a import serial4a  # type: ignore[no-redef]
        except ImportError as error:
            log.warning("no USB serial on this Android build: %r", error)
            return None
    host = AndroidUsb(usb, serial4a)
    return SerialAdapter(finder=serial_finder(profiles, host.comports), opener=host.open,
                         baudrate=DEFAULT_BAUDRATE, name=name, **kwargs)

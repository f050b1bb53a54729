"""The shipped firmware speaks the protocol the serial adapter reads.

The micro:bit program runs under CPython against a scripted stand-in for the ``microbit``
module; the Arduino sketch is compiled for this machine against a small stand-in for the
Arduino core. Both outputs go through the adapter's own ``LineReader``.
"""
from __future__ import annotations

import contextlib
import io
import runpy
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from adapters.serial_protocol import ControlLine, HelloLine, LineReader

ROOT = Path(__file__).resolve().parents[2]
FIRMWARE = ROOT / "hardware" / "firmware"


class _Finished(Exception):
    pass


class FakeMicrobit:
    """A micro:bit whose inputs follow a script indexed by 5 ms sample."""

    def __init__(self, samples: int, script: dict[str, list[tuple[int, int]]],
                 queries: dict[int, bytes]) -> None:
        self.samples, self.script, self.queries = samples, script, queries
        self.sample = 0
        self.pixels: dict[tuple[int, int], int] = {}
        self.pulls: dict[str, object] = {}
        self.uart_inits: list[dict[str, object]] = []

    def level(self, name: str) -> bool:
        """Whether control ``name`` is pressed now (script: (from_sample, pressed) pairs)."""
        pressed = False
        for start, value in self.script.get(name, []):
            if self.sample >= start:
                pressed = bool(value)
        return pressed

    def module(self) -> types.ModuleType:
        fake = self
        mod = types.ModuleType("microbit")

        class Button:
            def __init__(self, name: str) -> None:
                self.name = name

            def is_pressed(self) -> bool:
                return fake.level(self.name)

        class Pin:
            PULL_UP, PULL_DOWN, NO_PULL = "up", "down", "none"

            def __init__(self, name: str) -> None:
                self.name = name

            def set_pull(self, pull: object) -> None:
                fake.pulls[self.name] = pull

            def read_digital(self) -> int:
                assert fake.pulls.get(self.name) == Pin.PULL_UP, "a jack pin needs its pull-up"
                return 0 if fake.level(self.name) else 1

        class Display:
            def clear(self) -> None:
                fake.pixels.clear()

            def set_pixel(self, x: int, y: int, value: int) -> None:
                fake.pixels[(x, y)] = value

        class Uart:
            def init(self, **kwargs: object) -> None:
                fake.uart_inits.append(kwargs)

            def any(self) -> bool:
                return fake.sample in fake.queries

            def read(self) -> bytes | None:
                return fake.queries.pop(fake.sample, None)

        def sleep(ms: int) -> None:
            assert ms == 5
            fake.sample += 1
            if fake.sample >= fake.samples:
                raise _Finished

        mod.button_a, mod.button_b = Button("A"), Button("B")  # type: ignore[attr-defined]
        mod.pin0, mod.pin1, mod.pin2 = Pin("P0"), Pin("P1"), Pin("P2")  # type: ignore[attr-defined]
        mod.display, mod.uart, mod.sleep = Display(), Uart(), sleep  # type: ignore[attr-defined]
        return mod


def read_protocol(output: bytes) -> list[ControlLine | HelloLine]:
    reader = LineReader()
    lines = reader.feed(output)
    assert reader.dropped == 0 and reader.buffered == 0, output
    return lines


def test_microbit_firmware(monkeypatch: pytest.MonkeyPatch) -> None:
    board = FakeMicrobit(
        samples=200,
        script={
            # A bounces for two samples on the way down and up: one press, one release
            "A": [(10, 1), (11, 0), (12, 1), (40, 0), (41, 1), (42, 0)],
            "P0": [(60, 1), (90, 0)],
            "B": [(100, 1), (101, 0)],  # a 5 ms glitch is not a press
            "P2": [(150, 1)],  # still held when the program is stopped
        },
        queries={120: b"?\n"})
    monkeypatch.setitem(sys.modules, "microbit", board.module())
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(_Finished):
        runpy.run_path(str(FIRMWARE / "microbit" / "main.py"), run_name="__main__")
    assert board.uart_inits == [{"baudrate": 115200}]
    assert read_protocol(out.getvalue().encode("ascii")) == [
        HelloLine("microbit", "microbit"),
        ControlLine("a", True), ControlLine("a", False),
        ControlLine("p0", True), ControlLine("p0", False),
        HelloLine("microbit", "microbit"),
        ControlLine("p2", True),
    ]
    assert board.pixels[(3, 4)] == 9 and board.pixels[(0, 2)] == 0


@pytest.mark.skipif(shutil.which("g++") is None, reason="needs a C++ compiler")
def test_arduino_firmware(tmp_path: Path) -> None:
    host = Path(__file__).parent / "arduino_host"
    binary = tmp_path / "sketch"
    sketch = FIRMWARE / "arduino" / "citizencode_switch" / "citizencode_switch.ino"
    subprocess.run(["g++", "-std=c++17", "-Wall", "-Werror", "-I", str(host), "-include",
                    "Arduino.h", "-x", "c++", str(sketch), "-x", "none", str(host / "host.cpp"),
                    "-o", str(binary)], check=True, capture_output=True, timeout=120)
    script = "\n".join([
        "10 pin 2 0", "12 pin 2 1", "13 pin 2 0",  # pressed, with contact bounce
        "80 pin 2 1",  # released
        "120 pin 3 0", "125 pin 3 1",  # a 5 ms glitch: not a press
        "200 send ?",
        "300 pin 5 0", "400 pin 5 1",
        "500 end", ""])
    result = subprocess.run([str(binary)], input=script.encode(), capture_output=True,
                            timeout=30, check=True)
    assert read_protocol(result.stdout) == [
        HelloLine("arduino", "arduino"),
        ControlLine("p2", True), ControlLine("p2", False),
        HelloLine("arduino", "arduino"),
        ControlLine("p5", True), ControlLine("p5", False),
    ]

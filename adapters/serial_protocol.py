"""The line protocol DIY switch boxes speak over serial (see hardware/README.md).

One ASCII line per event, ending in ``\\n`` (a ``\\r`` before it is allowed)::

    HELLO microbit      sent by the device when it starts, and as the answer to "?"
    A 1                 control A pressed
    A 0                 control A released

A control is a letter then up to seven letters or digits. Anything else is dropped: the
parser would rather lose a line than invent a press. Noise from a wrong baud rate, a cable
being plugged, or a device that prints something else cannot produce a press unless it forms
a whole line exactly like ``A 1``: a line that began with garbage, a line longer than the cap
(and everything up to the next newline), and a line with anything around the event are all
dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LINE = 64
HELLO_QUERY = b"?\n"

_EVENT = re.compile(rb"([A-Za-z][A-Za-z0-9]{0,7}) ([01])\r?")
_HELLO = re.compile(rb"HELLO ([\x21-\x7e][\x20-\x7e]{0,47})\r?")


@dataclass(frozen=True)
class ControlLine:
    """``<control> <1|0>``: a press or release of a lower-cased control."""

    control: str
    pressed: bool


@dataclass(frozen=True)
class HelloLine:
    """``HELLO <name>``: the device says what it is. ``family`` (the source family) is the
    name's first word in lower-case letters and digits, and must start with a letter."""

    name: str
    family: str


Line = ControlLine | HelloLine


def normalise_family(name: str) -> str:
    """``'micro:bit v2'`` -> ``'microbit'``: first word, lower case, letters and digits only."""
    first = name.strip().split(" ", 1)[0] if name.strip() else ""
    return "".join(ch for ch in first.lower() if ch.isascii() and ch.isalnum())


def parse_line(line: bytes) -> Line | None:
    """One line without its ``\\n``; ``None`` if it is not exactly a protocol line."""
    hello = _HELLO.fullmatch(line)
    if hello is not None:
        name = hello.group(1).decode("ascii").strip()
        family = normalise_family(name)
        return HelloLine(name, family) if family[:1].isalpha() else None
    if line.startswith(b"HELLO"):
        return None  # a malformed greeting is not a press of a control called "hello"
    event = _EVENT.fullmatch(line)
    if event is None:
        return None
    return ControlLine(event.group(1).decode("ascii").lower(), event.group(2) == b"1")


class LineReader:
    """Frames a byte stream into protocol lines, dropping garbage and over-long lines."""

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buffer = bytearray()
        self._overflow = False  # dropping an over-long line until its newline
        self.dropped = 0  # lines dropped (for the log and the tests)

    @property
    def buffered(self) -> int:
        """Bytes of an unfinished line held back (never more than ``max_line``)."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[Line]:
        lines: list[Line] = []
        start = 0
        while start < len(data):
            end = data.find(b"\n", start)
            chunk = data[start:] if end < 0 else data[start:end]
            start = len(data) if end < 0 else end + 1
            if self._overflow:
                if end >= 0:
                    self._overflow = False
                continue
            self._buffer += chunk
            if len(self._buffer) > self.max_line:
                self._buffer.clear()
                self.dropped += 1
                self._overflow = end < 0
                continue
            if end >= 0:
                parsed = parse_line(bytes(self._buffer))
                self._buffer.clear()
                if parsed is None:
                    self.dropped += 1
                else:
                    lines.append(parsed)
        return lines

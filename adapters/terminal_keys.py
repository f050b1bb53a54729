"""Keys typed in a terminal as switch presses, for the switch tester (``monitor --keyboard``).

A terminal reports key presses, never releases, so each key becomes a press and a release at
the same time; a key held down arrives as repeated presses (the terminal repeats it, and we
cannot tell). When stdin is a terminal it is put in cbreak mode (one key at a time, no echo;
Ctrl-C still interrupts) and restored on stop. At the end of piped input the adapter stops
and calls ``on_end``.
"""
from __future__ import annotations

import logging
import os
import select
import termios
import threading
import time
import tty
from typing import Callable, Iterable

from adapters.events import AdapterStatus, EventSink, StatusKind, StatusSink
from adapters.keyboard import KEYBOARD_SOURCE, KeyboardSwitch

log = logging.getLogger(__name__)

ESC = b"\x1b"
# Escape sequences of xterm-like terminals and the Linux console, named as Kivy names keys.
SEQUENCES: dict[bytes, str] = {
    b"\x1b[A": "up", b"\x1b[B": "down", b"\x1b[C": "right", b"\x1b[D": "left",
    b"\x1bOA": "up", b"\x1bOB": "down", b"\x1bOC": "right", b"\x1bOD": "left",
    b"\x1bOP": "f1", b"\x1bOQ": "f2", b"\x1bOR": "f3", b"\x1bOS": "f4",
    b"\x1b[11~": "f1", b"\x1b[12~": "f2", b"\x1b[13~": "f3", b"\x1b[14~": "f4",
    b"\x1b[15~": "f5", b"\x1b[17~": "f6", b"\x1b[18~": "f7", b"\x1b[19~": "f8",
    b"\x1b[[A": "f1", b"\x1b[[B": "f2", b"\x1b[[C": "f3", b"\x1b[[D": "f4", b"\x1b[[E": "f5",
}
SINGLE: dict[int, str] = {0x20: "spacebar", 0x0D: "enter", 0x0A: "enter", 0x09: "tab",
                          0x7F: "backspace"}
_PREFIXES = {seq[:n] for seq in SEQUENCES for n in range(1, len(seq))}


class TerminalKeyDecoder:
    """Bytes typed in a terminal -> Kivy-style key names; sequences may span reads."""

    def __init__(self) -> None:
        self._pending = b""
        self._after_cr = False

    def feed(self, data: bytes) -> list[str]:
        keys: list[str] = []
        data = self._pending + data
        self._pending = b""
        i = 0
        while i < len(data):
            if data[i:i + 1] == ESC:
                match = next((seq for seq in SEQUENCES if data.startswith(seq, i)), None)
                if match is not None:
                    keys.append(SEQUENCES[match])
                    i += len(match)
                    continue
                if data[i:] in _PREFIXES:
                    self._pending = data[i:]  # the rest of the sequence is still coming
                    break
                keys.append("escape")
                i += 1
                continue
            byte = data[i]
            i += 1
            if byte == 0x0A and self._after_cr:
                self._after_cr = False
                continue  # "\r\n" is one Enter
            self._after_cr = byte == 0x0D
            if byte in SINGLE:
                keys.append(SINGLE[byte])
            elif 0x21 <= byte <= 0x7E:
                keys.append(chr(byte).lower())
        return keys


class TerminalKeysAdapter:
    """Reads a terminal (or a pipe) on its own thread through ``KeyboardSwitch``."""

    def __init__(self, fd: int = 0, *, keys: Iterable[str] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 on_end: Callable[[], None] | None = None, name: str = KEYBOARD_SOURCE,
                 poll: float = 0.2) -> None:
        self.name = name
        self._fd = fd
        self._switch = KeyboardSwitch(keys, clock=clock)
        self._clock = clock
        self._on_end = on_end or (lambda: None)
        self._poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved_mode: list | None = None
        self._on_event: EventSink = lambda event: None
        self._on_status: StatusSink = lambda status: None
        self._status = AdapterStatus(name, StatusKind.STOPPED, "adapters.keyboard.stopped")

    @property
    def status(self) -> AdapterStatus:
        return self._status

    def _report(self, kind: StatusKind, key: str, params: dict[str, str] | None = None) -> None:
        self._status = AdapterStatus(self.name, kind, key, params or {})
        self._on_status(self._status)

    def start(self, on_event: EventSink, on_status: StatusSink) -> None:
        self._on_event, self._on_status = on_event, on_status
        if os.isatty(self._fd):
            self._saved_mode = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd)
        self._report(StatusKind.CONNECTED, "adapters.keyboard.ready",
                     {"keys": ", ".join(sorted(self._switch.keys, key=_key_order))})
        self._thread = threading.Thread(target=self._run, name="adapter kb", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._restore()
        if self._status.kind is not StatusKind.STOPPED:
            self._report(StatusKind.STOPPED, "adapters.keyboard.stopped")

    def _restore(self) -> None:
        if self._saved_mode is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved_mode)
            self._saved_mode = None

    def _run(self) -> None:
        decoder = TerminalKeyDecoder()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._fd], [], [], self._poll)
            if not ready:
                continue
            try:
                data = os.read(self._fd, 256)
            except OSError:
                log.debug("terminal read failed", exc_info=True)
                data = b""
            if not data:
                self._restore()
                self._report(StatusKind.STOPPED, "adapters.keyboard.stopped")
                self._on_end()
                return
            t = self._clock()
            for key in decoder.feed(data):
                for event in (self._switch.key_down(key, t), self._switch.key_up(key, t)):
                    if event is not None:
                        self._on_event(event)


def _key_order(key: str) -> tuple[int, str]:
    """space, return, digits, f-keys, arrows: the order a teacher reads them in."""
    groups = ["space", "return"]
    if key in groups:
        return groups.index(key), ""
    if key.isdigit():
        return 2, key.zfill(3)
    if key.startswith("f") and key[1:].isdigit():
        return 3, key[1:].zfill(3)
    return 4, key

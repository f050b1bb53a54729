"""The serial line protocol: exact lines only, framing, caps, and the HELLO family."""
from __future__ import annotations

import pytest

from adapters.serial_protocol import (
    ControlLine, HelloLine, LineReader, normalise_family, parse_line,
)


@pytest.mark.parametrize("line, expected", [
    (b"A 1", ControlLine("a", True)),
    (b"A 0", ControlLine("a", False)),
    (b"P0 1\r", ControlLine("p0", True)),
    (b"btn2 0", ControlLine("btn2", False)),
    (b"Abcdefgh 1", ControlLine("abcdefgh", True)),
    (b"HELLO microbit", HelloLine("microbit", "microbit")),
    (b"HELLO micro:bit v2\r", HelloLine("micro:bit v2", "microbit")),
    (b"HELLO Arduino Uno", HelloLine("Arduino Uno", "arduino")),
])
def test_protocol_lines(line: bytes, expected: object) -> None:
    assert parse_line(line) == expected


@pytest.mark.parametrize("line", [
    b"", b"A", b"A 2", b"A  1", b" A 1", b"A 1 ", b"A\t1", b"1 1", b"_ 1", b"Abcdefghi 1",
    b"A 1\r\r", b"A 1\x00", b"\xc3\xa9 1", b"A 01", b"HELLO", b"HELLO ", b"HELLO 1",
    b"HELLO ::: ", b"HELLO \xff", b"HELLO  leading space", b"a 1 b 0",
])
def test_anything_else_is_dropped(line: bytes) -> None:
    assert parse_line(line) is None


def test_family_is_the_first_word_in_lower_case_letters_and_digits() -> None:
    assert normalise_family("micro:bit v2") == "microbit"
    assert normalise_family("Arduino-Nano") == "arduinonano"
    assert normalise_family("  ") == ""


def test_lines_split_across_reads_are_joined() -> None:
    reader = LineReader()
    assert reader.feed(b"A") == []
    assert reader.feed(b" 1") == []
    assert reader.feed(b"\nB 1\nB") == [ControlLine("a", True), ControlLine("b", True)]
    assert reader.feed(b" 0\n") == [ControlLine("b", False)]


def test_an_over_long_line_is_dropped_up_to_its_newline_and_memory_stays_bounded() -> None:
    reader = LineReader(max_line=64)
    for _ in range(100):
        assert reader.feed(b"A 1" * 1000) == []  # 300 kB without a newline
        assert reader.buffered <= 64
    # the tail of the long line that follows is still part of it: dropped
    assert reader.feed(b"A 1\nA 1\n") == [ControlLine("a", True)]
    assert reader.dropped == 1


def test_a_line_exactly_at_the_cap_is_kept_and_one_byte_more_is_not() -> None:
    hello = b"HELLO " + b"x" * 48  # 54 bytes
    reader = LineReader(max_line=len(hello))
    assert reader.feed(hello + b"\n") == [HelloLine("x" * 48, "x" * 48)]
    reader = LineReader(max_line=len(hello) - 1)
    assert reader.feed(hello + b"\nA 1\n") == [ControlLine("a", True)]


def test_a_line_that_began_with_noise_is_dropped_even_if_it_ends_like_an_event() -> None:
    reader = LineReader()
    assert reader.feed(b"\x93\xfe\x11A 1\nA 0\n") == [ControlLine("a", False)]

"""Decoding keys typed in a terminal into the names Kivy uses."""
from __future__ import annotations

from adapters.terminal_keys import TerminalKeyDecoder


def test_plain_keys_and_escape_sequences() -> None:
    decoder = TerminalKeyDecoder()
    assert decoder.feed(b" \r12Ab") == ["spacebar", "enter", "1", "2", "a", "b"]
    assert decoder.feed(b"\x1b[A\x1b[B\x1bOP\x1b[15~\x1b[19~") == ["up", "down", "f1", "f5", "f8"]


def test_a_sequence_split_across_reads_is_one_key() -> None:
    decoder = TerminalKeyDecoder()
    assert decoder.feed(b"\x1b") == []
    assert decoder.feed(b"[1") == []
    assert decoder.feed(b"7~ ") == ["f6", "spacebar"]


def test_crlf_is_one_enter_and_unknown_escapes_do_not_become_switch_keys() -> None:
    decoder = TerminalKeyDecoder()
    assert decoder.feed(b"\r\n\n") == ["enter", "enter"]
    assert decoder.feed(b"\x1bx\x00\xc3\xa9") == ["escape", "x"]

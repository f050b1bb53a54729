"""Values read back from the progress file, made safe whatever bytes the file holds.

SQLite keeps any value in any column: a damaged page, a file edited by hand or by another
program can leave text in ``stars``, a blob as a name, bytes that are not UTF-8, or JSON
that does not parse. Every value the store hands out goes through one of these, so a bad
cell becomes a harmless default instead of an exception that stops the game.
"""
from __future__ import annotations

import json
import logging
import math
from typing import Any

log = logging.getLogger(__name__)


def decode_text(raw: bytes) -> str:
    """SQLite's ``text_factory``: text that is not UTF-8 is shown with U+FFFD, not refused."""
    return raw.decode("utf-8", errors="replace")


def text(value: object, default: str = "") -> str:
    """A text cell; a blob is decoded, a number written out, NULL is ``default``."""
    if value is None:
        return default
    if isinstance(value, (bytes, bytearray, memoryview)):
        return decode_text(bytes(value))
    return str(value)


def number(value: object, default: float = 0.0) -> float:
    """A finite, non-negative real; anything else (text, a blob, NaN, inf) is ``default``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    result = float(value)
    return result if math.isfinite(result) and result >= 0 else default


def count(value: object, default: int = 0) -> int:
    """A non-negative whole number (stars, attempts, blocks) or ``default``."""
    result = number(value, -1.0)
    return int(result) if result >= 0 else default


def maybe_count(value: object) -> int | None:
    """Like ``count`` for a column where NULL means "none yet"."""
    result = count(value, -1)
    return None if result < 0 else result


def json_value(value: object, kind: type, default: Any = None) -> Any:
    """Parsed JSON of the expected ``kind`` (dict, list), or ``default`` if it is not."""
    if value is None:
        return default
    try:
        parsed = json.loads(text(value))
    except (ValueError, RecursionError):
        log.error("unreadable JSON in the progress file: %.60r", value)
        return default
    if not isinstance(parsed, kind):
        log.error("JSON of the wrong kind in the progress file: %.60r", value)
        return default
    return parsed

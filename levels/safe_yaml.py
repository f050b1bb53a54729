"""Reading a data file a person wrote (a level, a device or access profile) without letting
it hurt the game: a capped read of regular files only, and a YAML loader with limits.

A FIFO or a device (``/dev/zero``) is refused before it is opened; a file is read up to a
cap; YAML aliases are refused (a 540-byte "billion laughs" file expanded to gigabytes),
nesting depth and node count are bounded, dates stay text and a value YAML cannot build
(``!!int abc``, a 5,000-digit number) is a problem, not a crash. Every refusal is a
``SafeLoadError`` whose ``key`` is an i18n key (namespace ``levels``) and ``params`` its
values, so each boundary can say what to fix in its own words.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40
MAX_NODES = 20_000


class SafeLoadError(ValueError):
    """A file that cannot be used; ``key``/``params`` say why (i18n, namespace ``levels``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of the regular file ``path``, at most ``max_bytes`` long."""
    try:
        _check_regular(os.stat(path), max_bytes)  # before opening: opening a serial port
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # resets an Arduino, a FIFO blocks
        with os.fdopen(fd, "rb") as handle:
            _check_regular(os.fstat(fd), max_bytes)  # the same file, if it was swapped
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise SafeLoadError("levels.error.unreadable",
                            detail=error.strerror or str(error)) from None
    if len(data) > max_bytes:  # the file grew between stat and read
        raise SafeLoadError("levels.error.too_big", max=max_bytes // 1024)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SafeLoadError("levels.error.not_utf8", position=error.start) from None


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SafeLoadError("levels.error.not_a_file")
    if info.st_size > max_bytes:
        raise SafeLoadError("levels.error.too_big", max=max_bytes // 1024)


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` without aliases or dates, with bounded depth and node count."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise SafeLoadError("levels.error.yaml_alias", line=mark.line + 1)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise SafeLoadError("levels.error.yaml_size", max=MAX_NODES)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise SafeLoadError("levels.error.yaml_depth", line=mark.line + 1,
                                    max=MAX_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _small_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """An integer that fits 64 bits: ``0x9999…`` builds a number too long to print."""
    value = yaml.SafeLoader.construct_yaml_int(loader, node)
    if value.bit_length() > 64:
        raise SafeLoadError("levels.error.yaml_value")
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _small_int)

# Dates stay text: ``map: 2001-02-30`` must not become a crash in ``datetime``.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_yaml(text: str) -> Any:
    """The data in ``text``, or ``SafeLoadError`` (bad YAML, aliases, too deep, bad value)."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader refuses control characters here already
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SafeLoadError("levels.error.yaml", line=mark.line + 1 if mark else "?") from None
    except yaml.YAMLError:
        raise SafeLoadError("levels.error.yaml", line="?") from None
    except SafeLoadError:
        raise
    except (ValueError, OverflowError, TypeError, IndexError, KeyError, AttributeError):
        # what PyYAML's constructors raise on a value they cannot build (``!!int`` empty)
        raise SafeLoadError("levels.error.yaml_value") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """``load_yaml`` of ``read_text``: a data file read within every limit."""
    return load_yaml(read_text(path, max_bytes))

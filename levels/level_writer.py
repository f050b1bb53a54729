"""Writes a level as YAML that ``load_level`` reads back (maps and programs as blocks).

Written to a temporary file beside the target and moved into place, so a full disk or a
pulled plug leaves the old file whole, never half a level.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from levels.atomic_file import write_atomically

BLOCK_TEXT = ("map", "picture", "solution", "start")  # written as | blocks, one line a row


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def level_yaml(data: Mapping[str, Any]) -> str:
    texts = {key: (value if not isinstance(value, str) or key not in BLOCK_TEXT
                   else value.rstrip("\n") + "\n") for key, value in data.items()}
    return yaml.dump(texts, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None)


def write_level(path: Path, data: Mapping[str, Any]) -> Path:
    """Write ``data`` to ``path`` (folders created) all at once; ``OSError`` if it cannot."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda stream: stream.write(level_yaml(data)))
    return path

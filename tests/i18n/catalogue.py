"""Reads every translation file in i18n/ as flat key -> value maps, per namespace and locale."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from accessibility.translator import I18N_DIR, LOCALES

PLACEHOLDER = re.compile(r"%\{(\w+)\}")


@dataclass(frozen=True)
class Catalogue:
    """namespace -> locale -> flat key -> text."""

    entries: dict[str, dict[str, dict[str, str]]]

    def namespaces(self) -> list[str]:
        return sorted(self.entries)


def _flatten(data: object, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
    else:
        flat[prefix[:-1]] = "" if data is None else str(data)
    return flat


def load_catalogue(directory: Path = I18N_DIR) -> Catalogue:
    entries: dict[str, dict[str, dict[str, str]]] = {}
    for path in sorted(directory.glob("*.yml")):
        namespace, locale, _ = path.name.split(".")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries.setdefault(namespace, {})[locale] = _flatten(data)
    return Catalogue(entries)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


__all__ = ["Catalogue", "LOCALES", "load_catalogue", "placeholders"]

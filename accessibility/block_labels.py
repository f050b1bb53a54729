"""How a block is named aloud and on screen, with its parameter: "Repeat 3 times", "Paint red".

One function, so the palette, the program, narration and guided mode name a block the same
way. Values that are words (colours, directions, function names) are translated first.
"""
from __future__ import annotations

from typing import Callable, Mapping

from levels.blocks import value_key

Translate = Callable[..., str]

WITH_PARAM = {"repeat": ("with_count", "count"), "paint": ("with_colour", "colour"),
              "if_path": ("with_direction", "direction"), "define": ("with_name", "name"),
              "call": ("with_name", "name")}


def block_label(kind: str, params: Mapping[str, object] | None,
                translate: Translate) -> tuple[str, dict[str, object]]:
    """The i18n key and params naming a placed block (the bare name if a value is missing)."""
    params = dict(params or {})
    form = WITH_PARAM.get(kind)
    if form is None or form[1] not in params:
        return f"blocks.{kind}.label", {}
    key, name = form
    value = params[name]
    if name != "count":
        value = translate(value_key(name, value))
    return f"blocks.{kind}.{key}", {name: value}


def block_text(kind: str, params: Mapping[str, object] | None, translate: Translate) -> str:
    key, values = block_label(kind, params, translate)
    return translate(key, **values)

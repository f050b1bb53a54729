"""Plurals and placeholders read right in every language: "1 star", "3 stars", "Repeat 3
times", with nothing left unfilled and no English where the language has its own words."""
from __future__ import annotations

import pytest

from accessibility.block_labels import block_text
from accessibility.translator import LOCALES, Translator
from tests.i18n.catalogue import load_catalogue, placeholders

CATALOGUE = load_catalogue()


def plural_keys() -> list[str]:
    keys = set()
    for namespace, by_locale in CATALOGUE.entries.items():
        for key in by_locale["en"]:
            if key.endswith(".one"):
                keys.add(f"{namespace}.{key[:-4]}")
    return sorted(keys)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_plural_form_is_filled_for_0_1_2_and_7(locale: str) -> None:
    translator = Translator(locale)
    keys = plural_keys()
    assert keys, "the catalogue has plural keys (stars, level complete)"
    for key in keys:
        namespace, _, rest = key.partition(".")
        others = {name: "X" for form, text in CATALOGUE.entries[namespace][locale].items()
                  if form.startswith(rest + ".") for name in placeholders(text)}
        others.pop("count", None)
        forms = {count: translator.t(key, count=count, **others) for count in (0, 1, 2, 7)}
        for count, text in forms.items():
            assert "%{" not in text and text != "…", (key, count, text)
        assert "7" in forms[7] and forms[7] != forms[1], (key, forms)


@pytest.mark.parametrize("locale", LOCALES)
def test_blocks_with_their_value_name_the_value(locale: str) -> None:
    translator = Translator(locale)
    english = Translator("en")
    for kind, params, value_key in [
            ("repeat", {"count": 3}, None), ("paint", {"colour": "red"}, "blocks.value.colour.red"),
            ("if_path", {"direction": "left"}, "blocks.value.direction.left"),
            ("call", {"name": "stairs"}, "blocks.value.name.stairs")]:
        text = block_text(kind, params, translator.t)
        assert "%{" not in text and text != "…"
        expected = "3" if value_key is None else translator.t(value_key)
        assert expected in text, (locale, kind, text)
        if locale != "en" and value_key is not None:
            assert english.t(value_key) not in text.split() or \
                english.t(value_key) == translator.t(value_key), (locale, kind, text)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_placeholder_is_filled_when_given(locale: str) -> None:
    translator = Translator(locale)
    for namespace, by_locale in CATALOGUE.entries.items():
        for key, text in by_locale[locale].items():
            names = placeholders(text)
            if not names or key.rsplit(".", 1)[-1] in ("zero", "one", "many"):
                continue
            filled = translator.t(f"{namespace}.{key}", **{name: "X" for name in names})
            assert "%{" not in filled, (namespace, key, filled)

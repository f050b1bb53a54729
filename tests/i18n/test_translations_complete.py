"""Every namespace exists in all six locales with exactly the same keys and placeholders."""
from __future__ import annotations

import pytest

from accessibility.translator import I18N_DIR, LOCALES
from tests.i18n.catalogue import load_catalogue, placeholders

CATALOGUE = load_catalogue()


def test_file_names_follow_namespace_locale_yml() -> None:
    for path in I18N_DIR.glob("*"):
        parts = path.name.split(".")
        assert len(parts) == 3 and parts[2] == "yml", f"{path.name}: expected <namespace>.<locale>.yml"
        assert parts[1] in LOCALES, f"{path.name}: unknown locale {parts[1]!r}"
    assert not (I18N_DIR / "__init__.py").exists(), "i18n/ must stay data-only"


@pytest.mark.parametrize("namespace", CATALOGUE.namespaces())
def test_same_keys_in_every_locale(namespace: str) -> None:
    by_locale = CATALOGUE.entries[namespace]
    assert set(by_locale) == set(LOCALES), f"{namespace}: locales present {sorted(by_locale)}"
    english = set(by_locale["en"])
    for locale in LOCALES:
        keys = set(by_locale[locale])
        assert keys == english, (
            f"{namespace}.{locale}: missing {sorted(english - keys)[:10]}, "
            f"extra {sorted(keys - english)[:10]}"
        )


@pytest.mark.parametrize("namespace", CATALOGUE.namespaces())
def test_same_placeholders_and_no_empty_text(namespace: str) -> None:
    by_locale = CATALOGUE.entries[namespace]
    for key, english in by_locale["en"].items():
        for locale in LOCALES:
            text = by_locale.get(locale, {}).get(key)
            if text is None:
                continue  # reported by the key test
            assert text.strip(), f"{namespace}.{locale}: {key} is empty"
            assert placeholders(text) == placeholders(english), (
                f"{namespace}.{locale}: {key} has {sorted(placeholders(text))}, "
                f"English has {sorted(placeholders(english))}"
            )

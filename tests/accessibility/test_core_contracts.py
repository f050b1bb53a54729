"""The shared contracts: fake clock ordering and the translator's fallback rules."""
from __future__ import annotations

from pathlib import Path

from accessibility.clock import FakeClock
from accessibility.translator import Translator


def test_fake_clock_fires_in_due_order_and_skips_cancelled() -> None:
    clock = FakeClock()
    fired: list[str] = []
    clock.call_later(2.0, lambda: fired.append("b"))
    clock.call_later(1.0, lambda: fired.append("a"))
    clock.call_later(1.5, lambda: fired.append("x")).cancel()
    clock.advance(1.2)
    assert fired == ["a"] and clock.now() == 1.2
    clock.advance(5)
    assert fired == ["a", "b"] and clock.now() == 6.2


def test_translator_plural_fallback_and_missing(tmp_path: Path) -> None:
    (tmp_path / "t.en.yml").write_text(
        'stars:\n  zero: "no stars"\n  one: "1 star"\n  many: "%{count} stars"\nonly_en: "English"\n'
    )
    (tmp_path / "t.fr.yml").write_text(
        'stars:\n  zero: "aucune étoile"\n  one: "1 étoile"\n  many: "%{count} étoiles"\n'
    )
    tr = Translator("fr", tmp_path)
    assert tr.t("t.stars", count=3) == "3 étoiles"
    assert tr.t("t.stars", count=1) == "1 étoile"
    assert tr.t("t.only_en") == "English"
    assert not tr.has("t.only_en")
    assert tr.t("t.absent") == "…"

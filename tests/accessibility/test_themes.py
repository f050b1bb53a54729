"""Themes meet WCAG contrast: 7:1 text in high contrast, 4.5:1 elsewhere, 3:1 highlight."""
from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.themes import (THEME_NAMES, THEMES, contrast_ratio, parse_colour,
                                  readable_font_path, relative_luminance, theme)
from accessibility.translator import LOCALES, Translator


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFF00", "#000000") == pytest.approx(19.56, abs=0.01)
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert parse_colour("#FF8000") == (1.0, 128 / 255, 0.0)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_text_contrast(name: str) -> None:
    t = THEMES[name]
    need = 7.0 if name == "high_contrast" else 4.5
    for what, fg, bg in t.text_pairs():
        assert contrast_ratio(fg, bg) >= need, f"{name} {what}: {contrast_ratio(fg, bg):.2f}"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_scan_highlight_stands_out_from_everything_around_it(name: str) -> None:
    for what, fg, bg in THEMES[name].highlight_pairs():
        assert contrast_ratio(fg, bg) >= 3.0, f"{name} {what}: {contrast_ratio(fg, bg):.2f}"


def test_high_contrast_is_yellow_on_black() -> None:
    hc = theme("high_contrast")
    assert (hc.text, hc.background) == ("#FFFF00", "#000000")
    assert theme("nonsense").name == "default"


def test_a_low_contrast_theme_would_fail() -> None:
    assert contrast_ratio("#9A9A9A", "#FFFFFF") < 4.5


def test_readable_font_is_andika_when_installed() -> None:
    path = readable_font_path()
    assert path is not None and Path(path).is_file()
    if list(Path("/usr/share/fonts").rglob("Andika*")):
        assert "Andika" in Path(path).name


def test_theme_names_are_translated() -> None:
    tr = Translator("en")
    for locale in LOCALES:
        for t in THEMES.values():
            assert tr.has(t.name_key, locale)

"""One picture per screen of its matrix (3 sizes x 3 themes x 2 locales = 18 thumbnails), so
that every screenshot is looked at: rows are sizes, columns themes and locales.

    python -m tests.support.contact_sheet workspace_junior workspace_python  # -> /tmp
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw

# as in tests/support/screenshots.py (importing it would open a Kivy window)
MATRIX = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "matrix"
SIZES = ((800, 480), (1280, 800), (3840, 2160))
THEMES = ("light", "dark", "high_contrast")
THUMB = 480  # width of one thumbnail
LOCALES = ("fr", "de")


def contact_sheet(screen: str, out: Path) -> Path:
    """``out``/<screen>_sheet.png from docs/screenshots/matrix/<screen>_*.png (a missing
    shot leaves its cell grey)."""
    columns = [(theme, locale) for theme in THEMES for locale in LOCALES]
    cell_h = THUMB * 10 // 16 + 24
    sheet = Image.new("RGB", (THUMB * len(columns), cell_h * len(SIZES)), "#808080")
    draw = ImageDraw.Draw(sheet)
    for row, (width, height) in enumerate(SIZES):
        for column, (theme, locale) in enumerate(columns):
            name = f"{screen}_{theme}_{width}x{height}_{locale}"
            x, y = column * THUMB, row * cell_h
            draw.text((x + 4, y + 4), name, fill="white")
            path = MATRIX / f"{name}.png"
            if path.exists():
                image = Image.open(path).convert("RGB")
                image.thumbnail((THUMB - 4, cell_h - 26))
                sheet.paste(image, (x + 2, y + 22))
    target = out / f"{screen}_sheet.png"
    sheet.save(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.contact_sheet")
    parser.add_argument("screens", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    args = parser.parse_args(argv)
    for screen in args.screens:
        print(contact_sheet(screen, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

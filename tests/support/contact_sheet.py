"""One picture per screen of its whole screenshot matrix, so a person can look at it at once.

    python -m tests.support.contact_sheet learner_picker level_map ...

Reads docs/screenshots/matrix/<screen>_<theme>_<size>_<locale>.png (``--matrix`` of
tests/support/screenshots.py) and writes build/contact_sheets/<screen>.png: a column per
theme, a row per size and language, each shot shrunk to the same width under its label.
A missing shot is a grey cell that says so (the sheet still shows the rest).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
MATRIX = ROOT / "docs" / "screenshots" / "matrix"
OUT = ROOT / "build" / "contact_sheets"
# the same matrix as tests/support/screenshots.py (not imported: that module starts Kivy)
THEMES = ("light", "dark", "high_contrast")
SIZES = ((800, 480), (1280, 800), (3840, 2160))
LOCALES = ("fr", "de")
CELL = 640  # each shot's width on the sheet
LABEL = 28  # the height of the line above each shot
GAP = 12


def shot_path(screen: str, theme: str, size: tuple[int, int], locale: str,
              folder: Path = MATRIX) -> Path:
    return folder / f"{screen}_{theme}_{size[0]}x{size[1]}_{locale}.png"


def sheet(screen: str, folder: Path = MATRIX) -> Image.Image:
    """The 18 shots of ``screen``: themes across, sizes x languages down."""
    rows = [(size, locale) for size in SIZES for locale in LOCALES]
    heights = [CELL * size[1] // size[0] for size, _locale in rows]
    width = GAP + len(THEMES) * (CELL + GAP)
    height = GAP + sum(h + LABEL + GAP for h in heights)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=20)
    y = GAP
    for (size, locale), cell_height in zip(rows, heights):
        for column, theme in enumerate(THEMES):
            x = GAP + column * (CELL + GAP)
            draw.text((x, y + 2), f"{theme}  {size[0]}x{size[1]}  {locale}", fill="black",
                      font=font)
            path = shot_path(screen, theme, size, locale, folder)
            top = y + LABEL
            if path.exists():
                with Image.open(path) as shot:
                    image.paste(shot.convert("RGB").resize((CELL, cell_height),
                                                           Image.LANCZOS), (x, top))
            else:
                draw.rectangle((x, top, x + CELL, top + cell_height), fill="#bbbbbb")
                draw.text((x + GAP, top + GAP), f"missing: {path.name}", fill="black",
                          font=font)
            draw.rectangle((x - 1, top - 1, x + CELL, top + cell_height), outline="black")
        y += cell_height + LABEL + GAP
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.contact_sheet")
    parser.add_argument("screens", nargs="+", metavar="SCREEN")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for screen in args.screens:
        path = args.out / f"{screen}.png"
        sheet(screen).save(path, optimize=True)
        print(f"saved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

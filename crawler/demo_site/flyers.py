"""Flyer images for the demo site: the project's own fictional offers drawn as pictures, the
way many real offers are posted (a photo of a flyer with a one-line caption, or none).

Drawn when the site is served, with a font from Debian's fonts-dejavu-core (the Makefile
installs it), so the repository holds no binary images and the words on each flyer are the
ones written in content.toml (tests compare what OCR reads against them).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
WIDTH = 1080  # a typical flyer posted on a phone: 1080 pixels wide
MARGIN = 70


def _font(size: int) -> ImageFont.FreeTypeFont:
    if not FONT.exists():
        raise FileNotFoundError(f"{FONT} is missing: apt-get install -y fonts-dejavu-core")
    return ImageFont.truetype(str(FONT), size)


def _fitting(line: str, size: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, or smaller until `line` fits between the margins."""
    font = _font(size)
    while size > 20 and font.getlength(line) > WIDTH - 2 * MARGIN:
        size -= 4
        font = _font(size)
    return font


@cache
def flyer_png(lines: tuple[str, ...], background: str = "#f5c400",
              ink: str = "#1a1a1a") -> bytes:
    """A PNG flyer: a large first line (the headline), the others below it, each centred."""
    head, body = _fitting(lines[0], 64), _font(46)
    sizes = [(line, head if n == 0 else body) for n, line in enumerate(lines)]
    heights = [font.getbbox(line or " ")[3] + 28 for line, font in sizes]
    image = Image.new("RGB", (WIDTH, sum(heights) + 2 * MARGIN + 40), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((18, 18, WIDTH - 18, image.height - 18), outline=ink, width=6)
    y = MARGIN
    for (line, font), height in zip(sizes, heights, strict=True):
        width = draw.textlength(line, font=font)
        draw.text(((WIDTH - width) / 2, y), line, font=font, fill=ink)
        y += height + (40 if font is head else 0)
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def flyers(content: dict) -> dict[str, dict]:
    """The flyers of `content` by name."""
    return {f["name"]: f for f in content.get("flyer", [])}


def flyer_bytes(flyer: dict) -> bytes:
    return flyer_png(tuple(flyer["lines"]), flyer.get("background", "#f5c400"),
                     flyer.get("ink", "#1a1a1a"))

"""Images of posts: where spiders find their URLs, which hosts they may come from, and whether
fetched bytes are an image worth reading. The image pipeline (crawler/pipelines.py) fetches and
reads them; spiders only collect the URLs."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from fnmatch import fnmatchcase
from io import BytesIO

from PIL import Image, UnidentifiedImageError

# Raster formats Tesseract reads, by Pillow's name, with the content type they are stored and
# served under. SVG and other vector or document types are refused: they can carry scripts
# and links, and are not pictures of text.
RASTER = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp",
          "BMP": "image/bmp", "TIFF": "image/tiff"}
_BACKGROUND = re.compile(r"background-image\s*:\s*url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)", re.I)


class ImageRefused(Exception):
    """Bytes that are not read: `kind` is the error kind counted in the run report."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Checked:
    content_type: str
    width: int
    height: int


def background_images(style: str | None) -> list[str]:
    """The URLs of `background-image: url(...)` in a style attribute (Telegram's photos)."""
    return _BACKGROUND.findall(style or "")


def host_allowed(host: str | None, own: list[str], media: tuple[str, ...]) -> bool:
    """Whether an image on `host` may be fetched: the source's own hosts, or a media host
    pattern (`cdn*.telesco.pe`; `*` does not cross a dot)."""
    if not host:
        return False
    host = host.lower()
    return host in own or any(fnmatchcase(host, p.lower()) and host.count(".") == p.count(".")
                              for p in media)


def check_image(data: bytes, declared: str | None) -> Checked:
    """The type and size of an image from its bytes (its header only: cheap). Refused: what is
    not a raster image (HTML, SVG, anything else), whatever `declared` says, and an image whose
    pixel count passes Pillow's limit (a decompression bomb: a few kilobytes that would
    inflate to gigabytes)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                name, (width, height) = image.format, image.size
    except Image.DecompressionBombError as exc:
        raise ImageRefused("image_bomb", f"too many pixels: {exc}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused("image_type", f"not a raster image ({_looks_like(data, declared)})") \
            from None
    if name not in RASTER:
        raise ImageRefused("image_type", f"{name} images are not read")
    if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
        raise ImageRefused("image_bomb", f"too many pixels: {width}x{height}")
    return Checked(RASTER[name], width, height)


def _looks_like(data: bytes, declared: str | None) -> str:
    head = data[:512].lstrip().lower()
    if b"<svg" in head or (head.startswith(b"<?xml") and b"svg" in data[:4096].lower()):
        what = "SVG"
    elif head.startswith((b"<!doctype html", b"<html", b"<")):
        what = "HTML or other markup"
    else:
        what = "unknown bytes"
    return f"{what}, served as {declared or 'no type'}"

"""Turning hostile text into safe pieces for the templates.

Jinja escapes every value (autoescape is on); this module decides where the red-flag marks go
and makes invisible controls visible. A right-to-left override (U+202E) in a post, an author, a
platform, a URL or a user name would otherwise reverse what the reviewer reads after it
("face\u202ebook" reads "facekoob"), so bidi controls are shown as "[U+202E]". That is done
once, for every value any template prints: `shown` is the templates' `finalize`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def shown(value: object) -> object:
    """Jinja's `finalize`: each value a template prints, before it is escaped. Markup (already
    escaped) stays Markup: the marks hold no character that needs escaping."""
    if isinstance(value, Markup):
        return Markup(visible_controls(str(value)))
    if isinstance(value, str):
        return visible_controls(value)
    return value


@dataclass(frozen=True)
class Piece:
    text: str
    codes: tuple[str, ...] = ()  # red-flag codes marking this piece; empty for plain text


def highlight(text: str, flags: list[dict], image: int | None = None) -> list[Piece]:
    """Split `text` at flag span boundaries; each piece lists the flags covering it. `text` is
    the caption, or with `image` the text read from that image: only the flags in it count."""
    spans = [(f["start"], f["end"], f["code"]) for f in flags if f.get("image") == image
             and 0 <= f.get("start", -1) < f.get("end", -1) <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        codes = tuple(dict.fromkeys(c for s, e, c in spans if s <= start and end <= e))
        pieces.append(Piece(text[start:end], codes))
    return pieces


PREVIEW_WIDTH = 280  # characters of a post shown in a list
# The crawl stores at most this much of a post's text (crawler/pipelines.py MAX_TEXT; a test
# keeps the two equal): a text this long was cut, and the page says so.
STORED_TEXT_LIMIT = 50_000


def preview(text: str, width: int = PREVIEW_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


# Cells starting with these are run as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text

"""Turning markup into post text and dates: shared by every spider."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from w3lib.html import remove_tags, remove_tags_with_content, replace_entities

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|blockquote|pre|section|article)\s*>",
                        re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment, with <br> and block ends as line breaks."""
    html = remove_tags_with_content(html, which_ones=("script", "style", "noscript", "template"))
    html = _BREAK.sub("\n", html)
    html = _BLOCK_END.sub("\n", html)
    text = replace_entities(remove_tags(html))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def values_to_text(values: list[str]) -> str:
    """Join what a CSS selector returned: markup is turned into text, plain strings kept."""
    parts = [html_to_text(v) if v.lstrip().startswith("<") else v.strip() for v in values]
    return "\n".join(p for p in parts if p)


def parse_datetime(value: str | None) -> datetime | None:
    """An aware UTC datetime from ISO 8601 text; None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)

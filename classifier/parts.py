"""Scoring a post with the text read from its images: one text to score, spans given back to
the part they are in.

The caption and each image's text are joined with a blank line between them and scored once,
so a flyer's "tanpa pelatihan" counts with its caption's "hub WA" as it would in one message.
Each red flag and entity is then placed in the caption or in one image, with offsets into that
part's own text; a span that crosses from one part into the next is cut at the part's end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from classifier.result import ScoreResult

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Part:
    image: int | None  # the image's position; None: the caption
    start: int  # where the part begins in the joined text
    text: str


def joined(caption: str, images: list[tuple[int, str]]) -> tuple[str, list[Part]]:
    """The text to score, and where each part of it is. `images`: (position, text) pairs."""
    parts, offset = [], 0
    for image, text in [(None, caption), *images]:
        if not text:
            continue
        if parts:
            offset += len(SEPARATOR)
        parts.append(Part(image, offset, text))
        offset += len(text)
    return SEPARATOR.join(p.text for p in parts), parts


def placed(result: ScoreResult, parts: list[Part]) -> ScoreResult:
    """`result` (of the joined text) with each span moved into the part it starts in."""
    return replace(result, flags=_place(result.flags, parts),
                   entities=_place(result.entities, parts))


def _place(spans: list, parts: list[Part]) -> list:
    out = []
    for span in spans:
        part = next((p for p in reversed(parts) if p.start <= span.start), None)
        if part is None or span.start >= part.start + len(part.text):
            continue  # in a separator: nothing there to mark
        start = span.start - part.start
        end = min(span.end - part.start, len(part.text))
        out.append(replace(span, start=start, end=end, text=part.text[start:end],
                           image=part.image))
    return out

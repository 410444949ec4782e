"""What spiders yield: one post as found, with the response it came from as evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Fetched:
    """The response a post was found in, kept as evidence: the exact bytes, where they came
    from, and when."""

    body: bytes
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))



@dataclass
class PostItem:
    source: str
    platform: str
    url: str
    text: str
    author: str | None = None
    posted_at: datetime | None = None
    evidence: Fetched | None = None
    # filled in by the item pipelines
    content_hash: str = ""
    result: Any = None  # classifier.ScoreResult
    queue_reason: str | None = None  # why the post goes to review; None: it does not
    priority: float | None = None  # its place in the queue, if it goes


@dataclass
class Sighting:
    """What a recheck saw of one stored post on the page it was looked for on: there or not (a
    404/410, or a page without it), with its text as found when the page shows it, or the kind
    of error when the page could not be fetched. Spiders yield it beside the post's PostItem;
    the recheck pipeline records it and drops it."""

    post_id: int
    url: str
    status: int | None
    present: bool = False
    text: str | None = None  # None: not there, or a page that does not show the text
    failed: str | None = None  # the error kind, when the page could not be fetched
    evidence: Fetched | None = None

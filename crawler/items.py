"""What spiders yield: one post as found, with the response it came from as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.posts import EvidenceInput


@dataclass
class PostItem:
    source: str
    platform: str
    url: str
    text: str
    author: str | None = None
    posted_at: datetime | None = None
    evidence: EvidenceInput | None = None
    # filled in by the item pipelines
    content_hash: str = ""
    result: Any = None  # classifier.ScoreResult
    queue_reason: str | None = None  # why the post goes to review; None: it does not
    priority: float | None = None  # its place in the queue, if it goes

"""The review queue: items for posts scored at or above the threshold, highest risk first."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Post, PostVersion, ReviewItem, Score, Source

STATUSES = ("open", "claimed", "decided", "escalated", "dismissed")


@dataclass(frozen=True)
class QueueEntry:
    id: int
    url: str
    platform: str
    source: str | None
    author: str | None
    text: str
    score: float
    model: str
    flags: list[str]
    status: str
    reason: str
    first_seen: datetime
    queued_at: datetime

    def to_dict(self) -> dict:
        data = asdict(self)
        data["first_seen"] = self.first_seen.isoformat()
        data["queued_at"] = self.queued_at.isoformat()
        return data


def list_queue(session: Session, status: str | None = "open", limit: int = 50,
               offset: int = 0) -> list[QueueEntry]:
    """Review items, highest priority first, oldest first among equals."""
    query = (select(ReviewItem, PostVersion, Post, Score, Source.name)
             .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
             .join(Post, PostVersion.post_id == Post.id)
             .outerjoin(Score, ReviewItem.score_id == Score.id)
             .outerjoin(Source, Post.source_id == Source.id)
             .order_by(ReviewItem.priority.desc(), Post.first_seen, ReviewItem.id)
             .limit(limit).offset(offset))
    if status:
        query = query.where(ReviewItem.status == status)
    entries = []
    for item, version, post, score, source in session.execute(query):
        codes = list(dict.fromkeys(f["code"] for f in score.flags)) if score else []
        entries.append(QueueEntry(
            id=item.id, url=post.url, platform=post.platform, source=source, author=post.author,
            text=version.text, score=score.score if score else item.priority,
            model=score.model if score else "", flags=codes, status=item.status,
            reason=item.reason, first_seen=post.first_seen, queued_at=item.created_at))
    return entries

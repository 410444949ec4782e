"""Retention: raw pages of posts that reviewers judged benign are not kept for ever.

A page (an evidence row) is purged once every post version on it carries a text that
reviewers resolved as benign (storage.decided, the same rules as for training) more than
`days` ago. Its body is emptied; the row keeps the SHA-256, URL, status and time of the fetch,
and when it was purged. Post texts, decisions and hashes stay: they are the training data and
the audit trail. A page that also holds an offer still open or judged illegal is kept whole.

Images of posts (storage.models.ImageFile) are treated as pages: an image is emptied once every
post version it appears in is benign by the same rule; its SHA-256 and the text read from it
stay.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from patrol.retraining import reviewed_labels
from storage import audit
from storage.models import Evidence, ImageFile, PostImage, PostVersion, utcnow


@dataclass(frozen=True)
class Purge:
    pages: int
    bytes: int  # of pages and images
    dry_run: bool
    images: int = 0


def purge_benign(session: Session, days: int, actor: str, dry_run: bool = False,
                 now: datetime | None = None) -> Purge:
    """Purge the raw pages of posts judged benign more than `days` ago (the caller commits)."""
    if days < 0:
        raise ValueError("days must not be negative")
    cutoff = (now or utcnow()) - timedelta(days=days)
    benign = {d.content_hash for d in reviewed_labels.resolve(session).labelled
              if d.label == "benign" and max(v.at for v in d.verdicts) < cutoff}
    stamp = now or utcnow()
    pages = _all_benign(session.execute(
        select(PostVersion.evidence_id, PostVersion.content_hash)
        .join(Evidence, PostVersion.evidence_id == Evidence.id)
        .where(Evidence.purged_at.is_(None))), benign)
    images = _all_benign(session.execute(
        select(PostImage.image_id, PostVersion.content_hash)
        .join(PostVersion, PostImage.post_version_id == PostVersion.id)
        .join(ImageFile, PostImage.image_id == ImageFile.id)
        .where(ImageFile.purged_at.is_(None))), benign)
    size = _empty(session, Evidence, Evidence.body_size, pages, zlib.compress(b""), stamp,
                  dry_run)
    size += _empty(session, ImageFile, ImageFile.size, images, b"", stamp, dry_run)
    if (pages or images) and not dry_run:
        audit.record(session, actor, "retention_purge", f"evidence:{len(pages)}",
                     days=days, pages=len(pages), images=len(images), bytes=size)
    return Purge(len(pages), size, dry_run, len(images))


def _all_benign(rows, benign: set[str]) -> list[int]:
    """The ids of the rows (a page or an image) all of whose versions' texts are in `benign`;
    `rows` are (id, content hash) pairs."""
    ok: dict[int, bool] = {}
    for row_id, content_hash in rows:
        ok[row_id] = ok.get(row_id, True) and content_hash in benign
    return sorted(i for i, good in ok.items() if good)


def _empty(session: Session, table, size_column, chosen: list[int], empty: bytes,
           stamp: datetime, dry_run: bool) -> int:
    """Empty the bodies of `chosen` rows of `table`; their size in bytes before."""
    size = 0
    # In batches: one IN list of every row would pass SQLite's limit on bound parameters.
    for start in range(0, len(chosen), 500):
        batch = table.id.in_(chosen[start:start + 500])
        size += sum(session.scalars(select(size_column).where(batch)))
        if not dry_run:
            session.execute(update(table).where(batch).values(body=empty, purged_at=stamp))
    return size

"""Retention: raw pages of posts that reviewers judged benign are not kept for ever.

A page (an evidence row) is purged once every post version on it carries a text that
reviewers resolved as benign (storage.decided, the same rules as for training) more than
`days` ago. Its body is emptied; the row keeps the SHA-256, URL, status and time of the fetch,
and when it was purged. Post texts, decisions and hashes stay: they are the training data and
the audit trail. A page that also holds an offer still open or judged illegal is kept whole.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from patrol.retraining import reviewed_labels
from storage import audit
from storage.models import Evidence, PostVersion, utcnow


@dataclass(frozen=True)
class Purge:
    pages: int
    bytes: int
    dry_run: bool


def purge_benign(session: Session, days: int, actor: str, dry_run: bool = False,
                 now: datetime | None = None) -> Purge:
    """Purge the raw pages of posts judged benign more than `days` ago (the caller commits)."""
    if days < 0:
        raise ValueError("days must not be negative")
    cutoff = (now or utcnow()) - timedelta(days=days)
    benign = {d.content_hash for d in reviewed_labels.resolve(session).labelled
              if d.label == "benign" and max(v.at for v in d.verdicts) < cutoff}
    pages: dict[int, bool] = {}  # evidence id -> every version on it is benign and old
    for evidence_id, content_hash in session.execute(
            select(PostVersion.evidence_id, PostVersion.content_hash)
            .join(Evidence, PostVersion.evidence_id == Evidence.id)
            .where(Evidence.purged_at.is_(None))):
        pages[evidence_id] = pages.get(evidence_id, True) and content_hash in benign
    chosen = sorted(i for i, ok in pages.items() if ok)
    size, stamp = 0, now or utcnow()
    # In batches: one IN list of every page would pass SQLite's limit on bound parameters.
    for start in range(0, len(chosen), 500):
        batch = Evidence.id.in_(chosen[start:start + 500])
        size += sum(session.scalars(select(Evidence.body_size).where(batch)))
        if not dry_run:
            session.execute(update(Evidence).where(batch)
                            .values(body=zlib.compress(b""), purged_at=stamp))
    if chosen and not dry_run:
        audit.record(session, actor, "retention_purge", f"evidence:{len(chosen)}",
                     days=days, pages=len(chosen), bytes=size)
    return Purge(len(chosen), size, dry_run)

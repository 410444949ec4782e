"""Re-scoring unreviewed posts with the active model after a promotion or a rollback.

Posts are read in batches by id and each batch is committed, so an interrupted run loses
nothing and the next run carries on: a post already scored by this model keeps that score
(which is also why a rollback followed by a rescore gives back the earlier scores exactly).
Items that fall below the threshold leave the queue as "dismissed" (recorded, never deleted);
posts that rise above it enter; decided, escalated and claimed items are not touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier import Scorer
from patrol.queue.admission import SAMPLE_REASONS, priority_for
from patrol.retraining.promotion import unreviewed
from storage import audit
from storage.models import PostVersion, ReviewItem, Score
from storage.posts import score_row


@dataclass
class RescoreSummary:
    model: str
    posts: int = 0
    scored: int = 0  # newly scored by this model
    reused: int = 0  # already had a score from this model
    entered: int = 0
    left: int = 0


def rescore(session: Session, scorer: Scorer, actor: str, batch: int = 500,
            progress: Callable[[int, int], None] | None = None) -> RescoreSummary:
    ids = list(session.scalars(unreviewed(PostVersion.id)))
    summary = RescoreSummary(model=scorer.version, posts=len(ids))
    for start in range(0, len(ids), batch):
        _rescore_batch(session, scorer, ids[start:start + batch], summary, actor)
        session.commit()
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    audit.record(session, actor, "rescore", f"model:{scorer.version}", posts=summary.posts,
                 scored=summary.scored, reused=summary.reused, entered=summary.entered,
                 left=summary.left)
    session.commit()
    return summary


def _rescore_batch(session: Session, scorer: Scorer, ids: list[int], summary: RescoreSummary,
                   actor: str) -> None:
    versions = {v.id: v for v in session.scalars(select(PostVersion).where(
        PostVersion.id.in_(ids)))}
    scores = {s.post_version_id: s for s in session.scalars(select(Score).where(
        Score.post_version_id.in_(ids), Score.model == scorer.version))}
    items = {i.post_version_id: i for i in session.scalars(select(ReviewItem).where(
        ReviewItem.post_version_id.in_(ids)))}
    missing = [i for i in ids if i not in scores]
    for version_id, result in zip(missing, scorer.score([versions[i].text for i in missing]),
                                  strict=True):
        score = score_row(result)
        score.post_version_id = version_id
        session.add(score)
        scores[version_id] = score
    session.flush()
    summary.scored += len(missing)
    summary.reused += len(ids) - len(missing)
    for version_id in ids:
        _requeue(session, scores[version_id], items.get(version_id), summary, actor,
                 versions[version_id].group_id)


def _requeue(session: Session, score: Score, item: ReviewItem | None,
             summary: RescoreSummary, actor: str, group_id: int | None) -> None:
    flagged = score.score >= score.threshold
    if item is None:
        if flagged:
            item = ReviewItem(post_version_id=score.post_version_id, score_id=score.id,
                              priority=score.score, reason="threshold", status="open",
                              group_id=group_id)
            session.add(item)
            session.flush()
            _moved(session, actor, "queue_enter", item, score, summary)
        return
    if item.status not in ("open", "dismissed"):
        return  # decided, escalated or held by a reviewer since the list was read
    item.score_id = score.id
    item.priority = priority_for(score.score, score.threshold, item.reason,
                                 returning=item.returning_from is not None)
    if item.status == "open" and not flagged and item.reason not in SAMPLE_REASONS:
        item.status = "dismissed"
        _moved(session, actor, "queue_leave", item, score, summary)
    elif item.status == "dismissed" and flagged:
        item.status, item.reason, item.priority = "open", "threshold", score.score
        _moved(session, actor, "queue_enter", item, score, summary)


def _moved(session: Session, actor: str, action: str, item: ReviewItem, score: Score,
           summary: RescoreSummary) -> None:
    audit.record(session, actor, action, f"item:{item.id}", model=score.model,
                 score=round(score.score, 4), threshold=score.threshold)
    if action == "queue_enter":
        summary.entered += 1
    else:
        summary.left += 1

"""Returning recruiters: a recruiter whose referral a partner acted on (or that was closed) and
who then posts again. Each new review item of such a recruiter is marked with that referral and
raised above every other item in the queue, since a recruiter who comes back after action is
the case the patrol most wants to see first. Run after each crawl's linking, which is when a
new post joins its recruiter."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from patrol.queue.admission import priority_for
from patrol.queue.states import UNREVIEWED
from storage.models import Post, PostVersion, Referral, ReferralItem, ReviewItem, Score

DONE = ("acted_on", "closed")  # a referral after which a new post means the recruiter is back


def referred_recruiters(session: Session) -> dict[int, tuple[int, object]]:
    """Recruiter -> (its latest such referral, when that was sent)."""
    found: dict[int, tuple[int, object]] = {}
    for recruiter, referral, sent_at in session.execute(
            select(Post.recruiter_id, Referral.id, Referral.sent_at)
            .select_from(Referral).join(ReferralItem)
            .join(ReviewItem, ReferralItem.review_item_id == ReviewItem.id)
            .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
            .join(Post, PostVersion.post_id == Post.id)
            .where(Referral.status.in_(DONE), Referral.sent_at.is_not(None),
                   Post.recruiter_id.is_not(None))
            .order_by(Referral.sent_at)):
        found[recruiter] = (referral, sent_at)
    return found


def mark(session: Session) -> int:
    """Mark and raise the unreviewed items that returning recruiters posted after their
    referral was sent; returns how many. The caller commits."""
    referred = referred_recruiters(session)
    if not referred:
        return 0
    marked = 0
    rows = session.execute(
        select(ReviewItem, Post.recruiter_id, Post.first_seen, Score.score, Score.threshold)
        .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id)
        .outerjoin(Score, ReviewItem.score_id == Score.id)
        .where(ReviewItem.status.in_(UNREVIEWED), ReviewItem.returning_from.is_(None),
               Post.recruiter_id.in_(list(referred)))).all()
    for item, recruiter, first_seen, score, threshold in rows:
        referral, sent_at = referred[recruiter]
        if first_seen <= sent_at:
            continue  # posted before it was referred: not a return
        item.returning_from = referral
        base = score if score is not None else item.priority
        item.priority = priority_for(base, base if threshold is None else threshold,
                                     item.reason, returning=True)
        marked += 1
    session.flush()
    return marked

"""Claims: one holder per item, enforced by a conditional UPDATE that only one transaction can
win; a claim expires, and can be released."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from patrol.queue.states import QueueError, get_item, in_state, state_of
from storage import audit
from storage.models import ReviewItem, User, utcnow
from storage.users import role_at_least

DEFAULT_CLAIM = timedelta(minutes=30)


def held_by(session: Session, user: User, now: datetime | None = None) -> ReviewItem | None:
    now = now or utcnow()
    return session.scalar(select(ReviewItem).where(
        ReviewItem.status == "claimed", ReviewItem.claimed_by == user.id,
        ReviewItem.claim_expires_at > now).order_by(ReviewItem.id).limit(1))


def claim_next(session: Session, user: User, lifetime: timedelta = DEFAULT_CLAIM,
               attempts: int = 20) -> ReviewItem | None:
    """Claim the highest-priority open (or expired) item for `user` and commit.

    A reviewer who still holds a claim gets that item back rather than a second one. Another
    reviewer may win the race for a candidate; the conditional UPDATE then changes no row and
    the next candidate is tried."""
    now = utcnow()
    held = held_by(session, user, now)
    if held is not None:
        return held
    for _ in range(attempts):
        candidate = session.scalar(
            select(ReviewItem.id).where(in_state("open", now))
            .order_by(ReviewItem.priority.desc(), ReviewItem.id).limit(1)
            .with_for_update(skip_locked=True))
        if candidate is None:
            session.rollback()
            return None
        if _take(session, candidate, "open", user, now, lifetime):
            return session.get(ReviewItem, candidate)
        session.rollback()
    return None


def claim(session: Session, item_id: int, user: User,
          lifetime: timedelta = DEFAULT_CLAIM) -> ReviewItem:
    """Claim one item (open, expired, or already decided and being revisited) and commit."""
    now = utcnow()
    item = get_item(session, item_id)
    if item.status == "claimed" and item.claim_expires_at > now and item.claimed_by == user.id:
        return item
    refusal = claim_refusal(item, user, now)
    if refusal:
        raise QueueError(refusal)
    if not _take(session, item_id, state_of(item, now), user, now, lifetime):
        session.rollback()
        raise QueueError("item ini baru saja diambil peninjau lain")
    session.refresh(item)
    return item


def claim_refusal(item: ReviewItem, user: User, now: datetime) -> str | None:
    """Why `user` cannot claim `item` now, or None if they can (they may still lose a race).
    Pages offer a claim only where this is None, so no button leads to a refusal."""
    if item.status == "claimed" and item.claim_expires_at > now and item.claimed_by != user.id:
        return "item ini sedang diambil peninjau lain"
    state = state_of(item, now)
    if state == "escalated" and not role_at_least(user.role, "admin"):
        return "item ini menunggu keputusan admin"
    if state == "dismissed":
        return "item ini sudah dikeluarkan dari antrean"
    return None


def _take(session: Session, item_id: int, state: str, user: User, now: datetime,
          lifetime: timedelta) -> bool:
    """Claim item `item_id` if it is still in `state`; only one concurrent caller can win."""
    taken = session.execute(
        update(ReviewItem).where(ReviewItem.id == item_id, in_state(state, now))
        .values(status="claimed", claimed_by=user.id, claim_expires_at=now + lifetime,
                previous_status=state)
        .execution_options(synchronize_session=False)).rowcount
    if taken != 1:
        return False
    audit.record(session, user.name, "claim", f"item:{item_id}")
    session.commit()
    return True


def release(session: Session, item_id: int, user: User) -> None:
    item = get_item(session, item_id)
    if item.status != "claimed" or item.claimed_by != user.id:
        raise QueueError("anda tidak sedang memegang item ini")
    item.status = item.previous_status or "open"
    item.claimed_by = None
    item.claim_expires_at = None
    audit.record(session, user.name, "release", f"item:{item_id}")
    session.commit()

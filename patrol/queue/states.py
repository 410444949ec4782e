"""The states a review item goes through, the queue's one error, and reading an item's state
for a claim (an expired claim counts as the state the item had before it was claimed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import Session

from storage.models import ReviewItem

STATUSES = ("open", "claimed", "decided", "escalated", "dismissed")
UNREVIEWED = ("open", "claimed")
VERDICTS = ("illegal", "benign", "unsure")


class QueueError(Exception):
    """A queue action that cannot be done; the message says why (shown to the user). A filter
    value refused names its `field`, for callers that say it in another language."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def state_of(item: ReviewItem, now: datetime) -> str:
    """The status an item is in for claiming: an expired claim counts as the status the item
    had before it was claimed (open, or decided/escalated when it was being revisited)."""
    if item.status == "claimed" and item.claim_expires_at <= now:
        return item.previous_status or "open"
    return item.status


def in_state(state: str, now: datetime):
    """SQL for `state_of(item, now) == state`, so a claim is a single conditional UPDATE."""
    expired = and_(ReviewItem.status == "claimed", ReviewItem.claim_expires_at <= now,
                   func.coalesce(ReviewItem.previous_status, "open") == state)
    return or_(ReviewItem.status == state, expired)


def get_item(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise QueueError(f"tidak ada item {item_id}")
    return item

"""Decisions: append-only verdicts with their reasons, on one item or its whole near-duplicate
group. A changed mind is a new decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from patrol.queue import reasons as decision_reasons
from patrol.queue.states import VERDICTS, QueueError, get_item, in_state
from storage import audit
from storage.models import Decision, ReviewItem, User, utcnow
from storage.users import role_at_least


def decide(session: Session, item_id: int, user: User, verdict: str, reasons: list[str],
           note: str | None = None, whole_group: bool = False) -> Decision:
    """Record a decision on an item the user holds, and commit. Decisions are never changed:
    a changed mind is a new decision. "unsure" escalates the item to an admin.

    With `whole_group`, the same decision is also recorded on every other unreviewed item of
    the item's near-duplicate group that nobody holds, each as its own row pointing at this
    item (`applied_from`)."""
    if verdict not in VERDICTS:
        raise QueueError(f"putusan tidak dikenal: {verdict!r}")
    reasons = list(dict.fromkeys(r for r in reasons if r))
    note = (note or "").strip() or None
    refusal = decision_reasons.refusal(verdict, reasons, note)
    if refusal:
        raise QueueError(refusal)
    item = get_item(session, item_id)
    now = utcnow()
    if not (item.status == "claimed" and item.claimed_by == user.id
            and item.claim_expires_at > now):
        raise QueueError("ambil item ini dulu sebelum memutuskan (atau klaim anda sudah habis)")
    if item.previous_status == "escalated" and not role_at_least(user.role, "admin"):
        raise QueueError("item ini menunggu keputusan admin")
    decision = Decision(review_item_id=item.id, reviewer_id=user.id, verdict=verdict,
                        reason_codes=reasons, note=note, created_at=now)
    session.add(decision)
    _close(item, verdict)
    audit.record(session, user.name, "decision", f"item:{item_id}", verdict=verdict,
                 reasons=reasons)
    if whole_group:
        # One conditional UPDATE closes the items still open, as a claim would take them: an
        # item another reviewer claims meanwhile is left to that reviewer.
        applied = sorted(session.scalars(
            update(ReviewItem)
            .where(ReviewItem.id.in_(group_open_items(session, item, now)),
                   in_state("open", now))
            .values(status=_closed_status(verdict), claimed_by=None, claim_expires_at=None,
                    previous_status=None)
            .returning(ReviewItem.id).execution_options(synchronize_session=False)))
        for other in applied:
            session.add(Decision(review_item_id=other, reviewer_id=user.id, verdict=verdict,
                                 reason_codes=reasons, note=note, created_at=now,
                                 applied_from=item.id))
        audit.record(session, user.name, "group_decision", f"item:{item_id}", verdict=verdict,
                     reasons=reasons, items=applied)
    session.commit()
    return decision


def _closed_status(verdict: str) -> str:
    return "escalated" if verdict == "unsure" else "decided"


def _close(item: ReviewItem, verdict: str) -> None:
    item.status = _closed_status(verdict)
    item.claimed_by = None
    item.claim_expires_at = None
    item.previous_status = None


def group_open_items(session: Session, item: ReviewItem, now: datetime | None = None
                     ) -> list[int]:
    """The other items of `item`'s near-duplicate group that are unreviewed and not held."""
    if item.group_id is None:
        return []
    return list(session.scalars(
        select(ReviewItem.id).where(ReviewItem.group_id == item.group_id,
                                    ReviewItem.id != item.id, in_state("open", now or utcnow()))
        .order_by(ReviewItem.id)))

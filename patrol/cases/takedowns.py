"""What the looks of `patrol recheck` (patrol/cases/rechecks.py) say of each post: still
online, or taken down since when. The item, recruiter and referral pages show it as "masih online"
or "sudah diturunkan sejak ..."."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import PostCheck, PostVersion, Referral, ReferralItem, ReviewItem

OUTCOMES = ("online", "changed", "gone", "failed")


@dataclass(frozen=True)
class OnlineStatus:
    checked_at: datetime  # the last look that came to a conclusion
    gone_since: datetime | None  # the first look that found it gone, after it was last seen
    last_seen: datetime | None  # the last look that found it online

    @property
    def online(self) -> bool:
        return self.gone_since is None

    def to_dict(self) -> dict:
        def iso(when: datetime | None) -> str | None:
            return when.isoformat() if when else None

        return {"online": self.online, "checked_at": iso(self.checked_at),
                "gone_since": iso(self.gone_since), "last_seen": iso(self.last_seen)}


def status_of(session: Session, post_ids: set[int] | list[int]) -> dict[int, OnlineStatus]:
    """Each post's status from its looks (failed ones say nothing); posts never looked at are
    left out."""
    looks: dict[int, list[tuple[datetime, str]]] = {}
    ids = sorted(set(post_ids))
    for start in range(0, len(ids), 500):
        for post_id, when, outcome in session.execute(
                select(PostCheck.post_id, PostCheck.checked_at, PostCheck.outcome)
                .where(PostCheck.post_id.in_(ids[start:start + 500]),
                       PostCheck.outcome != "failed")
                .order_by(PostCheck.post_id, PostCheck.checked_at, PostCheck.id)):
            looks.setdefault(post_id, []).append((when, outcome))
    return {post_id: _status(seen) for post_id, seen in looks.items()}


def _status(looks: list[tuple[datetime, str]]) -> OnlineStatus:
    last_seen = gone_since = None
    for when, outcome in looks:
        if outcome == "gone":
            gone_since = gone_since or when
        else:
            last_seen, gone_since = when, None
    return OnlineStatus(checked_at=looks[-1][0], gone_since=gone_since, last_seen=last_seen)


def counts(session: Session, run_id: int) -> dict[str, int]:
    """Looks of one run by outcome, every outcome named."""
    found = dict(session.execute(
        select(PostCheck.outcome, func.count()).where(PostCheck.run_id == run_id)
        .group_by(PostCheck.outcome)).all())
    return {outcome: found.get(outcome, 0) for outcome in OUTCOMES}


@dataclass(frozen=True)
class Takedown:
    """What the rechecks say of a referral's posts: how many, how many were looked at again,
    how many are gone, and the days from sending it to the last of them found gone (when all
    are). A post is found gone by the first recheck after it went, so days are an upper bound:
    with nightly rechecks, at most a day late."""

    posts: int
    checked: int
    gone: int
    days_up: float | None

    def to_dict(self) -> dict:
        return {"posts": self.posts, "checked": self.checked, "gone": self.gone,
                "online": self.checked - self.gone, "days_up": self.days_up}


def days_between(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0.0) / 86400


def takedown(statuses: dict[int, OnlineStatus], post_ids: list[int],
             sent_at: datetime | None) -> Takedown:
    looked = [statuses[p] for p in post_ids if p in statuses]
    gone = [s.gone_since for s in looked if not s.online]
    days = (round(days_between(sent_at, max(gone)), 1)
            if sent_at and gone and len(gone) == len(post_ids) else None)
    return Takedown(posts=len(post_ids), checked=len(looked), gone=len(gone), days_up=days)


def referred_at(session: Session, post_ids: list[int]) -> dict[int, datetime]:
    """When each post was first sent in a referral; posts never sent are left out."""
    return dict(session.execute(
        select(PostVersion.post_id, func.min(Referral.sent_at))
        .join(ReviewItem, ReviewItem.post_version_id == PostVersion.id)
        .join(ReferralItem, ReferralItem.review_item_id == ReviewItem.id)
        .join(Referral, ReferralItem.referral_id == Referral.id)
        .where(PostVersion.post_id.in_(post_ids), Referral.sent_at.is_not(None))
        .group_by(PostVersion.post_id)).all())

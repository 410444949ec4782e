"""What the looks of `patrol recheck` (patrol/cases/rechecks.py) say of each post: still
online, or taken down since when. The item, recruiter and referral pages show it as "masih online"
or "sudah diturunkan sejak ..."."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import PostCheck

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

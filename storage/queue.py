"""The review queue: items for posts scored at or above the threshold, highest risk first.

Listing with filters, claiming (one holder per item, enforced by a conditional UPDATE that only
one transaction can win), releasing, and append-only decisions. The CLI and the web app both
call these functions.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from settings_table import default
from storage import audit, imports
from storage import reasons as decision_reasons
from storage.models import (
    Decision,
    Post,
    PostVersion,
    ReviewItem,
    Score,
    ScoreFlag,
    Source,
    User,
    utcnow,
)
from storage.users import role_at_least

# The scores' scopes (classifier/scope.py); written out here so that storage does not import
# the classifier.
SCOPES = ("migrant", "domestic")
STATUSES = ("open", "claimed", "decided", "escalated", "dismissed")
UNREVIEWED = ("open", "claimed")
VERDICTS = ("illegal", "benign", "unsure")
DEFAULT_CLAIM = timedelta(minutes=30)
_CODE = re.compile(r"^[a-z_]{1,60}$")


# Why an item is in the queue: scored at or above the threshold, or sampled below it (near the
# threshold, or at random) so reviewers' verdicts can estimate what the model misses.
SAMPLE_REASONS = ("uncertain", "random")
REASONS = ("threshold", *SAMPLE_REASONS)


@dataclass(frozen=True)
class Sampling:
    near_share: float = default("sample_near_share")
    near_band: float = default("sample_near_band")
    random_share: float = default("sample_random_share")

    def reason(self, key: str, score: float, threshold: float) -> str | None:
        """Why a post scored `score` is queued, or None. The draw is a hash of `key` (the
        post's URL without its host), not a random number: the same post gets the same answer
        on every crawl, machine and mirror, and the sampling rate is exact over many posts."""
        if score >= threshold:
            return "threshold"
        parts = urlsplit(key)
        where = f"{parts.path}?{parts.query}" if parts.scheme else key
        draw = int(hashlib.sha256(where.encode("utf-8")).hexdigest()[:12], 16) / 16**12
        if score >= threshold - self.near_band:
            return "uncertain" if draw < self.near_share else None
        return "random" if draw < self.random_share else None


def priority_for(score: float, threshold: float, reason: str) -> float:
    """Queue order. Samples sit at the threshold, just after every flagged item, rather than
    at their own low score, where a busy queue would never reach them."""
    return max(score, threshold) if reason in SAMPLE_REASONS else score


class QueueError(Exception):
    """A queue action that cannot be done; the message says why (shown to the user). A filter
    value refused names its `field`, for callers that say it in another language."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
    group_id: int | None = None
    similar: int = 0  # other items of its near-duplicate group that match the same filter
    scope: str | None = None  # migrant or domestic; None if scored before scope existed

    def to_dict(self) -> dict:
        data = asdict(self)
        data["first_seen"] = self.first_seen.isoformat()
        data["queued_at"] = self.queued_at.isoformat()
        return data


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = "open"
    source: str | None = None
    platform: str | None = None
    flag: str | None = None
    reason: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    since: datetime | None = None  # queued at or after
    until: datetime | None = None  # queued before
    search: str | None = None
    scope: str | None = None

    def __post_init__(self) -> None:
        for name, known in (("status", STATUSES), ("reason", REASONS), ("scope", SCOPES)):
            value = getattr(self, name)
            if value is not None and value not in known:
                raise QueueError(f"unknown {name} {value!r}; use one of {', '.join(known)}",
                                 name)
        if self.flag is not None and not _CODE.match(self.flag):
            raise QueueError(f"not a red-flag code: {self.flag!r}", "flag")


# Near-duplicates share their version's group (copied onto the item); a version not grouped yet
# stands alone.
GROUP = func.coalesce(ReviewItem.group_id, ReviewItem.post_version_id)
QUEUE_ORDER = (ReviewItem.priority.desc(), Post.first_seen, ReviewItem.id)
ALL_TABLES = frozenset({"version", "post", "score", "source"})


def _base_query(selected, where: QueueFilter, need: frozenset[str] = frozenset()):
    """`selected` from review items matching `where`. Only the tables the filter and `need`
    name are joined: counting the open queue then reads one index instead of joining four
    tables per item."""
    conditions, tables = [], set(need)
    if where.status:
        conditions.append(ReviewItem.status == where.status)
    if where.source:
        conditions.append(Source.name == where.source)
        tables.add("source")
    if where.platform:
        conditions.append(Post.platform == where.platform)
        tables.add("post")
    if where.flag:
        conditions.append(ReviewItem.score_id.in_(
            select(ScoreFlag.score_id).where(ScoreFlag.code == where.flag)))
    if where.reason:
        conditions.append(ReviewItem.reason == where.reason)
    if where.scope:
        conditions.append(Score.scope == where.scope)
        tables.add("score")
    if where.min_score is not None:
        conditions.append(ReviewItem.priority >= where.min_score)
    if where.max_score is not None:
        conditions.append(ReviewItem.priority < where.max_score)
    if where.since:
        conditions.append(ReviewItem.created_at >= where.since)
    if where.until:
        conditions.append(ReviewItem.created_at < where.until)
    if where.search:
        # lower() LIKE rather than ILIKE: PostgreSQL's trigram index is on lower(text).
        conditions.append(func.lower(PostVersion.text).contains(where.search.lower(),
                                                                autoescape=True))
        tables.add("version")
    query = select(*selected).select_from(ReviewItem)
    if tables & {"version", "post", "source"}:
        query = query.join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
    if tables & {"post", "source"}:
        query = query.join(Post, PostVersion.post_id == Post.id)
    if "score" in tables:
        query = query.outerjoin(Score, ReviewItem.score_id == Score.id)
    if "source" in tables:
        query = query.outerjoin(Source, Post.source_id == Source.id)
    return query.where(and_(*conditions)) if conditions else query


def list_queue(session: Session, status: str | None = "open", limit: int = 50,
               offset: int = 0, where: QueueFilter | None = None,
               grouped: bool = True) -> list[QueueEntry]:
    """Review items, highest priority first, oldest first among equals. `grouped` shows each
    near-duplicate group once, as its first queued matching item, with how many more of the group
    match; `offset` and `limit` then count groups."""
    return _listing(session, where or QueueFilter(status=status), limit, offset, grouped)[0]


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    total: int  # matching items, or groups when grouped
    more: bool  # counting stopped at `up_to`: there are more than `total`


def queue_page(session: Session, where: QueueFilter, limit: int, offset: int = 0,
               grouped: bool = True, up_to: int | None = None) -> QueuePage:
    """One page of the queue and how many match, as the queue page shows them. Grouped, the
    exact count comes with the page from the same query; otherwise (or past the last page) it
    is counted up to `up_to`."""
    entries, total = _listing(session, where, limit, offset, grouped)
    if total is not None:
        return QueuePage(entries, total, False)
    total = count_queue(session, where, up_to, grouped)
    more = up_to is not None and total > up_to
    return QueuePage(entries, min(total, up_to) if more else total, more)


def _listing(session: Session, where: QueueFilter, limit: int, offset: int,
             grouped: bool) -> tuple[list[QueueEntry], int | None]:
    query = _base_query((ReviewItem, PostVersion, Post, Score, Source.name, GROUP), where,
                        ALL_TABLES).order_by(*QUEUE_ORDER)
    total = None
    if grouped:
        leaders, total = _leaders(session, where, offset, limit)
        query = query.where(ReviewItem.id.in_(leaders))
    else:
        query = query.limit(limit).offset(offset)
    rows = session.execute(query).all()
    if grouped:  # in the groups' order, which is not their leaders' own
        place = {item_id: n for n, item_id in enumerate(leaders)}
        rows.sort(key=lambda row: place[row[0].id])
    sizes = _matching_per_group(session, where, [row[-1] for row in rows]) if grouped else {}
    entries = []
    for item, version, post, score, source, group in rows:
        codes = list(dict.fromkeys(f["code"] for f in score.flags)) if score else []
        entries.append(QueueEntry(
            id=item.id, url=post.url, platform=post.platform, source=source, author=post.author,
            text=version.text, score=score.score if score else item.priority,
            model=score.model if score else "", flags=codes, status=item.status,
            reason=item.reason, first_seen=post.first_seen, queued_at=item.created_at,
            group_id=group, similar=max(sizes.get(group, 1) - 1, 0),
            scope=score.scope if score else None))
    return entries, total


def _leaders(session: Session, where: QueueFilter, skip: int,
             take: int) -> tuple[list[int], int | None]:
    """The item standing for each group: its first queued matching item (the original, not
    whichever repost scored highest: a 300 KB repost stood for its group), for groups `skip` to
    `skip + take`, and how many groups match (None on a page past the end). A group keeps its
    place in the queue by its highest priority. One query: window functions over the items
    alone pick the first item and the highest priority of each group, and a window count
    counts the groups; versions and posts are joined to the leaders only, for the order."""
    group = {"partition_by": GROUP}
    ranked = _base_query((
        ReviewItem.id, ReviewItem.post_version_id,
        func.max(ReviewItem.priority).over(**group).label("top"),
        func.row_number().over(**group, order_by=ReviewItem.id).label("rank")),
        where).subquery()
    leaders = select(ranked).where(ranked.c.rank == 1).subquery()
    rows = session.execute(
        select(leaders.c.id, func.count().over())
        .join(PostVersion, leaders.c.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id)
        .order_by(leaders.c.top.desc(), Post.first_seen, leaders.c.id)
        .limit(take).offset(skip)).all()
    return [item_id for item_id, _ in rows], (rows[0][1] if rows else None)


def _matching_per_group(session: Session, where: QueueFilter, groups: list[int]) -> dict:
    if not groups:
        return {}
    # Two indexed conditions instead of one on the coalesce, which no index serves.
    in_groups = or_(ReviewItem.group_id.in_(groups), ReviewItem.post_version_id.in_(groups))
    return dict(session.execute(_base_query((GROUP, func.count()), where)
                                .where(in_groups).group_by(GROUP)).all())


def count_queue(session: Session, where: QueueFilter, up_to: int | None = None,
                grouped: bool = True) -> int:
    """How many items (or groups, with `grouped`) match `where`. With `up_to`, counting stops
    after `up_to` + 1: a broad text search would otherwise read every post only to print a
    number nobody pages through."""
    if grouped:
        query = _base_query((GROUP,), where).distinct()
    else:
        query = _base_query((ReviewItem.id,), where)
    if up_to is not None:
        query = query.limit(up_to + 1)
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(ReviewItem.status, func.count()).group_by(ReviewItem.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts


def oldest_unreviewed(session: Session) -> datetime | None:
    return session.scalar(select(func.min(ReviewItem.created_at))
                          .where(ReviewItem.status.in_(UNREVIEWED)))


def facets(session: Session) -> dict[str, list[str]]:
    """The sources and platforms that have queued items, for the filter menus."""
    sources = session.scalars(select(Source.name).order_by(Source.name))
    platforms = session.scalars(select(Post.platform).distinct().order_by(Post.platform))
    return {"sources": list(sources), "platforms": list(platforms)}


# --- claims -----------------------------------------------------------------------------------


def _state_of(item: ReviewItem, now: datetime) -> str:
    """The status an item is in for claiming: an expired claim counts as the status the item
    had before it was claimed (open, or decided/escalated when it was being revisited)."""
    if item.status == "claimed" and item.claim_expires_at <= now:
        return item.previous_status or "open"
    return item.status


def _in_state(state: str, now: datetime):
    """SQL for `_state_of(item, now) == state`, so a claim is a single conditional UPDATE."""
    expired = and_(ReviewItem.status == "claimed", ReviewItem.claim_expires_at <= now,
                   func.coalesce(ReviewItem.previous_status, "open") == state)
    return or_(ReviewItem.status == state, expired)


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
            select(ReviewItem.id).where(_in_state("open", now))
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
    item = _item(session, item_id)
    if item.status == "claimed" and item.claim_expires_at > now and item.claimed_by == user.id:
        return item
    refusal = claim_refusal(item, user, now)
    if refusal:
        raise QueueError(refusal)
    if not _take(session, item_id, _state_of(item, now), user, now, lifetime):
        session.rollback()
        raise QueueError("item ini baru saja diambil peninjau lain")
    session.refresh(item)
    return item


def claim_refusal(item: ReviewItem, user: User, now: datetime) -> str | None:
    """Why `user` cannot claim `item` now, or None if they can (they may still lose a race).
    Pages offer a claim only where this is None, so no button leads to a refusal."""
    if item.status == "claimed" and item.claim_expires_at > now and item.claimed_by != user.id:
        return "item ini sedang diambil peninjau lain"
    state = _state_of(item, now)
    if state == "escalated" and not role_at_least(user.role, "admin"):
        return "item ini menunggu keputusan admin"
    if state == "dismissed":
        return "item ini sudah dikeluarkan dari antrean"
    return None


def _take(session: Session, item_id: int, state: str, user: User, now: datetime,
          lifetime: timedelta) -> bool:
    """Claim item `item_id` if it is still in `state`; only one concurrent caller can win."""
    taken = session.execute(
        update(ReviewItem).where(ReviewItem.id == item_id, _in_state(state, now))
        .values(status="claimed", claimed_by=user.id, claim_expires_at=now + lifetime,
                previous_status=state)
        .execution_options(synchronize_session=False)).rowcount
    if taken != 1:
        return False
    audit.record(session, user.name, "claim", f"item:{item_id}")
    session.commit()
    return True


def release(session: Session, item_id: int, user: User) -> None:
    item = _item(session, item_id)
    if item.status != "claimed" or item.claimed_by != user.id:
        raise QueueError("anda tidak sedang memegang item ini")
    item.status = item.previous_status or "open"
    item.claimed_by = None
    item.claim_expires_at = None
    audit.record(session, user.name, "release", f"item:{item_id}")
    session.commit()


# --- decisions --------------------------------------------------------------------------------


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
    item = _item(session, item_id)
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
                   _in_state("open", now))
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
                                    ReviewItem.id != item.id, _in_state("open", now or utcnow()))
        .order_by(ReviewItem.id)))


def _item(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise QueueError(f"tidak ada item {item_id}")
    return item


@dataclass
class ItemView:
    """Everything the item page shows."""

    item: ReviewItem
    version: PostVersion
    post: Post
    score: Score | None
    source: str | None
    holder: str | None
    versions: list[PostVersion] = field(default_factory=list)
    decisions: list[tuple[Decision, str]] = field(default_factory=list)
    group_size: int = 1  # versions in its near-duplicate group, itself included
    group_open: list[int] = field(default_factory=list)  # other unreviewed items, not held
    recruiter_id: int | None = None
    imported: imports.ImportOrigin | None = None  # the evidence came from `patrol import`


def item_view(session: Session, item_id: int) -> ItemView:
    item = _item(session, item_id)
    version = item.version
    post = version.post
    holder = session.get(User, item.claimed_by).name if item.claimed_by else None
    decisions = list(session.execute(
        select(Decision, User.name).join(User, Decision.reviewer_id == User.id)
        .where(Decision.review_item_id == item.id).order_by(Decision.id)).all())
    group_size = session.scalar(select(func.count()).where(
        PostVersion.group_id == version.group_id)) if version.group_id else 1
    return ItemView(item=item, version=version, post=post, score=item.score,
                    source=post.source.name if post.source else None, holder=holder,
                    versions=list(post.versions), decisions=decisions,
                    group_size=group_size, group_open=group_open_items(session, item),
                    recruiter_id=post.recruiter_id,
                    imported=imports.origin(session, version.evidence) if version.evidence
                    else None)

"""The queue as reviewers list it: filters, near-duplicate groups folded to one entry, pages
and counts, highest priority first."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from classifier.scope import SCOPES
from patrol.queue.admission import REASONS
from patrol.queue.states import STATUSES, UNREVIEWED, QueueError
from storage.models import Post, PostVersion, ReviewItem, Score, ScoreFlag, Source

_CODE = re.compile(r"^[a-z_]{1,60}$")


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
    returning: bool = False  # its recruiter was referred, acted on, and posted again

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
            scope=score.scope if score else None,
            returning=item.returning_from is not None))
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

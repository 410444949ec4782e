"""The dashboard's numbers: posts and flagged posts per day, per source and per red-flag code,
decisions per verdict, the queue's precision and age, and referrals (patrol.cases.referrals).
Charts are drawn by the template as SVG from these numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol.cases import referrals
from patrol.queue.listing import SCOPES, oldest_unreviewed, status_counts
from patrol.queue.states import UNREVIEWED
from storage.models import (
    Decision,
    Post,
    PostVersion,
    ReviewItem,
    Score,
    ScoreFlag,
    Source,
    utcnow,
)

DAYS = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class Stats:
    posts_per_day: list[Bar]
    flagged_per_day: list[Bar]
    per_source: list[tuple[str, int, int]]  # source, posts, flagged
    per_flag: list[Bar]
    verdicts: dict[str, int]
    precision: float | None  # share of decided items judged illegal
    statuses: dict[str, int]
    oldest_unreviewed_days: float | None
    # scope (None: scored before scope existed), items awaiting review, items judged illegal
    per_scope: list[tuple[str | None, int, int]]
    referrals: referrals.Figures


def _per_day(session: Session, column, since: date) -> list[Bar]:
    start = datetime.combine(since, time(), tzinfo=UTC)
    rows = session.execute(select(func.date(column), func.count())
                           .where(column >= start).group_by(func.date(column)))
    counts = {str(day)[:10]: n for day, n in rows}
    days = [since + timedelta(days=i) for i in range(DAYS)]
    return [Bar(d.isoformat(), counts.get(d.isoformat(), 0)) for d in days]


def collect(session: Session) -> Stats:
    today = utcnow().date()
    since = today - timedelta(days=DAYS - 1)
    posts = _pairs(session, select(Source.name, func.count(Post.id))
                   .join(Post, Post.source_id == Source.id).group_by(Source.name))
    flagged = _flagged_per_source(session)
    codes = _pairs(session, select(ScoreFlag.code, func.count())
                   .join(ReviewItem, ReviewItem.score_id == ScoreFlag.score_id)
                   .group_by(ScoreFlag.code).order_by(func.count().desc(), ScoreFlag.code))
    verdicts = _pairs(session, select(Decision.verdict, func.count())
                      .group_by(Decision.verdict))
    decided = verdicts.get("illegal", 0) + verdicts.get("benign", 0)
    oldest = oldest_unreviewed(session)
    return Stats(
        posts_per_day=_per_day(session, Post.first_seen, since),
        flagged_per_day=_per_day(session, ReviewItem.created_at, since),
        per_source=sorted(((name, n, flagged.get(name, 0)) for name, n in posts.items()),
                          key=lambda row: -row[1]),
        per_flag=[Bar(code, n) for code, n in codes.items()],
        verdicts=verdicts,
        precision=verdicts.get("illegal", 0) / decided if decided else None,
        statuses=status_counts(session),
        oldest_unreviewed_days=((utcnow() - oldest).total_seconds() / 86400) if oldest else None,
        per_scope=_per_scope(session),
        referrals=referrals.figures(session))


def _per_scope(session: Session) -> list[tuple[str | None, int, int]]:
    """Migrant-worker offers and domestic trafficking side by side: they go to different
    partners, so each has its own workload."""
    items = select(Score.scope, func.count(ReviewItem.id.distinct())).select_from(ReviewItem) \
        .outerjoin(Score, ReviewItem.score_id == Score.id).group_by(Score.scope)
    waiting = _pairs(session, items.where(ReviewItem.status.in_(UNREVIEWED)))
    illegal = _pairs(session, items.join(Decision, Decision.review_item_id == ReviewItem.id)
                     .where(Decision.verdict == "illegal"))
    unknown = [None] if None in waiting or None in illegal else []
    return [(scope, waiting.get(scope, 0), illegal.get(scope, 0))
            for scope in (*SCOPES, *unknown)]


def _flagged_per_source(session: Session) -> dict[str, int]:
    return _pairs(session, select(Source.name, func.count(ReviewItem.id))
                  .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
                  .join(Post, PostVersion.post_id == Post.id)
                  .join(Source, Post.source_id == Source.id)
                  .group_by(Source.name))


def _pairs(session: Session, query) -> dict:
    return dict(session.execute(query).all())

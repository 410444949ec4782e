"""Identifiers found in posts, and recruiters: flagged posts joined by the identifiers they share.

Every entity of every stored version is kept (`entities`, `post_entities`). Only flagged posts
are linked, and only through strong identifiers: an official hotline printed in a hundred
warnings must not make one "recruiter" of them, and a company name can be borrowed by anyone.

Linking is incremental union-find kept in the database: each strong identifier and each linked
post points at its recruiter. A new post takes the recruiter its identifiers already have; when
they have several, those recruiters are merged into the oldest (two UPDATEs, and the others
are kept pointing at it). Nothing is recomputed for the posts already linked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from storage.models import (
    Decision,
    EntityRow,
    Post,
    PostEntity,
    PostVersion,
    Recruiter,
    ReviewItem,
    Score,
    ScoreFlag,
    Source,
    utcnow,
)

STRONG = frozenset({"phone", "telegram", "instagram", "tiktok", "bank_account"})


@dataclass(frozen=True)
class Found:
    """The entities of one stored version, as the classifier gave them."""

    version: PostVersion
    entities: list[dict]  # ScoreResult.to_dict()["entities"]
    flagged: bool


def record(session: Session, found: Iterable[Found]) -> None:
    """Store the entities of new versions and link the flagged ones into recruiters (see
    storage.linking, which calls this after each crawl)."""
    found = [f for f in found if f.entities]
    if not found:
        return
    now = utcnow()
    rows = _entity_rows(session, {(e["kind"], e["value"]) for f in found for e in f.entities},
                         now)
    for item in found:
        texts = {}
        for e in item.entities:
            texts.setdefault((e["kind"], e["value"]), e["text"])
        for key, text in texts.items():
            session.add(PostEntity(post_version_id=item.version.id, entity_id=rows[key].id,
                                   text=text))
        if item.flagged:
            _link(session, item.version.post_id, [rows[k] for k in texts if k[0] in STRONG], now)
    session.flush()


def _entity_rows(session: Session, keys: set[tuple[str, str]],
                 now: datetime) -> dict[tuple[str, str], EntityRow]:
    rows = {(r.kind, r.value): r for r in session.scalars(
        select(EntityRow).where(tuple_(EntityRow.kind, EntityRow.value).in_(list(keys))))}
    for kind, value in keys - rows.keys():
        row = EntityRow(kind=kind, value=value[:200], first_seen=now, last_seen=now)
        session.add(row)
        rows[(kind, value)] = row
    for row in rows.values():
        row.last_seen = now
    session.flush()
    return rows


def _link(session: Session, post_id: int, strong: list[EntityRow], now: datetime) -> None:
    if not strong:
        return
    post = session.get(Post, post_id)
    known = {e.recruiter_id for e in strong if e.recruiter_id} | (
        {post.recruiter_id} if post.recruiter_id else set())
    if not known:
        recruiter = Recruiter(created_at=now, updated_at=now)
        session.add(recruiter)
        session.flush()
        target = recruiter.id
    else:
        target = min(known)
        others = sorted(known - {target})
        if others:
            _merge(session, target, others)
        session.get(Recruiter, target).updated_at = now
    for entity in strong:
        entity.recruiter_id = target
    post.recruiter_id = target


def _merge(session: Session, target: int, others: list[int]) -> None:
    session.flush()
    for model in (EntityRow, Post):
        session.execute(update(model).where(model.recruiter_id.in_(others))
                        .values(recruiter_id=target).execution_options(synchronize_session=False))
    session.execute(update(Recruiter).where(Recruiter.id.in_(others))
                    .values(merged_into=target).execution_options(synchronize_session=False))
    session.expire_all()


def rebuild(session: Session, batch: int = 1000) -> int:
    """Forget every entity and recruiter and link all stored posts again from their latest
    scores, oldest first; returns how many versions were read. For a database upgraded from
    before entities were stored, or after the linking rules change."""
    session.execute(delete(PostEntity))
    session.execute(update(Post).values(recruiter_id=None))
    session.execute(update(Recruiter).values(merged_into=None))
    session.execute(delete(EntityRow))
    session.execute(delete(Recruiter))
    latest = (select(func.max(Score.id)).group_by(Score.post_version_id)).scalar_subquery()
    ids = list(session.scalars(select(Score.id).where(Score.id.in_(latest)).order_by(
        Score.post_version_id)))
    for start in range(0, len(ids), batch):
        scores = session.scalars(select(Score).where(Score.id.in_(ids[start:start + batch]))
                                 .order_by(Score.post_version_id)).all()
        record(session, [Found(s.version, s.entities, s.score >= s.threshold) for s in scores])
        session.commit()
    return len(ids)


# --- reading profiles -------------------------------------------------------------------------


def resolve_id(session: Session, recruiter_id: int) -> int | None:
    """The live profile a (possibly merged) recruiter id stands for."""
    seen = set()
    current = session.get(Recruiter, recruiter_id)
    while current is not None and current.merged_into and current.id not in seen:
        seen.add(current.id)
        current = session.get(Recruiter, current.merged_into)
    return current.id if current is not None else None


@dataclass
class Profile:
    id: int
    identifiers: list[tuple[str, str]]  # (kind, value)
    posts: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    flags: list[tuple[str, int]] = field(default_factory=list)
    verdicts: dict[str, int] = field(default_factory=dict)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (post id, kind, value)
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "identifiers": [{"kind": k, "value": v}
                                               for k, v in self.identifiers],
                "posts": self.posts, "sources": self.sources, "platforms": self.platforms,
                "flags": dict(self.flags), "verdicts": self.verdicts,
                "links": [{"post_id": p, "kind": k, "value": v} for p, k, v in self.links],
                "first_seen": self.first_seen.isoformat() if self.first_seen else None,
                "last_seen": self.last_seen.isoformat() if self.last_seen else None}


def profile(session: Session, recruiter_id: int) -> Profile | None:
    live = resolve_id(session, recruiter_id)
    if live is None:
        return None
    identifiers = session.execute(select(EntityRow.kind, EntityRow.value)
                                  .where(EntityRow.recruiter_id == live)
                                  .order_by(EntityRow.kind, EntityRow.value)).all()
    posts = session.execute(
        select(Post, PostVersion, Source.name)
        .join(PostVersion, (PostVersion.post_id == Post.id)
              & (PostVersion.version == Post.current_version))
        .outerjoin(Source, Post.source_id == Source.id)
        .where(Post.recruiter_id == live).order_by(Post.first_seen, Post.id)).all()
    result = Profile(id=live, identifiers=[tuple(i) for i in identifiers])
    versions = [v.id for _, v, _ in posts]
    items = dict(session.execute(select(ReviewItem.post_version_id, ReviewItem.id)
                                 .where(ReviewItem.post_version_id.in_(versions))).all())
    for post, version, source in posts:
        result.posts.append({"post_id": post.id, "url": post.url, "platform": post.platform,
                             "source": source, "text": version.text,
                             "item_id": items.get(version.id),
                             "first_seen": post.first_seen.isoformat()})
    result.sources = sorted({s for _, _, s in posts if s})
    result.platforms = sorted({p.platform for p, _, _ in posts})
    if posts:
        result.first_seen = min(p.first_seen for p, _, _ in posts)
        result.last_seen = max(p.last_seen for p, _, _ in posts)
    result.flags = [tuple(r) for r in session.execute(
        select(ScoreFlag.code, func.count(func.distinct(Score.post_version_id)))
        .join(Score, ScoreFlag.score_id == Score.id)
        .where(Score.post_version_id.in_(versions))
        .group_by(ScoreFlag.code).order_by(func.count(func.distinct(Score.post_version_id))
                                           .desc(), ScoreFlag.code))]
    result.links = [tuple(r) for r in session.execute(
        select(PostVersion.post_id, EntityRow.kind, EntityRow.value).distinct()
        .join(PostEntity, PostEntity.entity_id == EntityRow.id)
        .join(PostVersion, PostEntity.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id)
        .where(EntityRow.recruiter_id == live, Post.recruiter_id == live)
        .order_by(PostVersion.post_id, EntityRow.kind, EntityRow.value))]
    result.verdicts = dict(session.execute(
        select(Decision.verdict, func.count()).join(ReviewItem,
                                                    Decision.review_item_id == ReviewItem.id)
        .where(ReviewItem.post_version_id.in_(versions)).group_by(Decision.verdict)).all())
    return result


def listing(session: Session, limit: int = 50) -> list[dict]:
    """Live recruiters with the most posts first."""
    rows = session.execute(
        select(Post.recruiter_id, func.count(Post.id), func.min(Post.first_seen),
               func.max(Post.last_seen))
        .where(Post.recruiter_id.is_not(None)).group_by(Post.recruiter_id)
        .order_by(func.count(Post.id).desc(), Post.recruiter_id).limit(limit)).all()
    ids = [r[0] for r in rows]
    identifiers: dict[int, list[str]] = {}
    for recruiter_id, value in session.execute(
            select(EntityRow.recruiter_id, EntityRow.value)
            .where(EntityRow.recruiter_id.in_(ids)).order_by(EntityRow.kind, EntityRow.value)):
        identifiers.setdefault(recruiter_id, []).append(value)
    return [{"id": rid, "posts": n, "identifiers": identifiers.get(rid, []),
             "first_seen": first.isoformat(), "last_seen": last.isoformat()}
            for rid, n, first, last in rows]

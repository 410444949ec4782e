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

from sqlalchemy import bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from patrol.cases.takedowns import referred_at, status_of
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

# A bare @handle is offered as the contact, like a number ("japri @rekrut_asia_jobs").
STRONG = frozenset({"phone", "telegram", "instagram", "tiktok", "bank_account", "handle"})


@dataclass(frozen=True)
class Found:
    """The entities of one stored version, as the classifier gave them."""

    version: PostVersion  # or a row with its id and post_id
    entities: list[dict]  # ScoreResult.to_dict()["entities"]
    flagged: bool


def record(session: Session, found: Iterable[Found]) -> None:
    """Store the entities of new versions and link the flagged ones into recruiters (see
    storage.linking, which calls this after each crawl). Core statements throughout: the ORM's
    unit of work per post cost more than everything else in a linking run."""
    found = [f for f in found if f.entities]
    if not found:
        return
    now = utcnow()
    connection = session.connection()
    rows = _entity_rows(connection, {_key(e) for f in found for e in f.entities}, now)
    links, flagged = [], []
    for item in found:
        texts: dict[tuple[str, str], str] = {}
        for e in item.entities:
            texts.setdefault(_key(e), e["text"])
        links += [{"post_version_id": item.version.id, "entity_id": rows[key][0], "text": text}
                  for key, text in texts.items()]
        strong = [rows[key][0] for key in texts if key[0] in STRONG]
        if item.flagged and strong:
            flagged.append((item.version.post_id, strong))
    connection.execute(PostEntity.__table__.insert(), links)
    if flagged:
        _link(connection, flagged, {i: r for i, r in rows.values()}, now)


def _key(entity: dict) -> tuple[str, str]:
    return entity["kind"], entity["value"][:200]


def _entity_rows(connection, keys: set[tuple[str, str]],
                 now: datetime) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(kind, value) -> (entity id, recruiter id) for every key, inserting the new ones."""
    table = EntityRow.__table__
    rows: dict[tuple[str, str], tuple[int, int | None]] = {}
    wanted = sorted(keys)
    for start in range(0, len(wanted), 1000):
        for i, kind, value, recruiter in connection.execute(
                select(table.c.id, table.c.kind, table.c.value, table.c.recruiter_id)
                .where(tuple_(table.c.kind, table.c.value).in_(wanted[start:start + 1000]))):
            rows[(kind, value)] = (i, recruiter)
    known = [i for i, _ in rows.values()]
    for start in range(0, len(known), 1000):
        connection.execute(update(table).where(table.c.id.in_(known[start:start + 1000]))
                           .values(last_seen=now))
    new = [{"kind": kind, "value": value, "first_seen": now, "last_seen": now}
           for kind, value in wanted if (kind, value) not in rows]
    if new:
        for i, kind, value in connection.execute(
                insert(table).returning(table.c.id, table.c.kind, table.c.value), new):
            rows[(kind, value)] = (i, None)
    return rows


def _link(connection, flagged: list[tuple[int, list[int]]], recruiter_of: dict[int, int | None],
          now: datetime) -> None:
    """Union-find over a batch's flagged posts, their strong entities and the recruiters those
    already have: each connected part ends in one recruiter, the oldest it touches (the others
    are merged into it) or a new one."""
    posts = Post.__table__
    post_ids = sorted({p for p, _ in flagged})
    linked: dict[int, int] = {}  # post id -> the recruiter it already has
    for start in range(0, len(post_ids), 1000):
        linked.update(connection.execute(
            select(posts.c.id, posts.c.recruiter_id)
            .where(posts.c.id.in_(post_ids[start:start + 1000]),
                   posts.c.recruiter_id.is_not(None))).all())
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a, b) -> None:
        parent[find(a)] = find(b)

    for post_id, entity_ids in flagged:
        for entity_id in entity_ids:
            union(("p", post_id), ("e", entity_id))
            if recruiter_of.get(entity_id):
                union(("e", entity_id), ("r", recruiter_of[entity_id]))
        if post_id in linked:
            union(("p", post_id), ("r", linked[post_id]))
    parts: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        parts.setdefault(find(node), []).append(node)
    _write_parts(connection, list(parts.values()), now)


def _write_parts(connection, parts: list[list[tuple[str, int]]], now: datetime) -> None:
    recruiters_ = Recruiter.__table__
    fresh = [part for part in parts if not any(kind == "r" for kind, _ in part)]
    new_ids = list(connection.scalars(
        insert(recruiters_).returning(recruiters_.c.id, sort_by_parameter_order=True),
        [{"created_at": now, "updated_at": now} for _ in fresh])) if fresh else []
    target_of = {id(part): new for part, new in zip(fresh, new_ids, strict=True)}
    for part in parts:
        existing = sorted(r for kind, r in part if kind == "r")
        if existing:
            target_of[id(part)] = target = existing[0]
            _merge(connection, target, existing[1:])
    for kind, table in (("e", EntityRow.__table__), ("p", Post.__table__)):
        values = [{"row": i, "target": target_of[id(part)]}
                  for part in parts for k, i in part if k == kind]
        if values:
            connection.execute(update(table).where(table.c.id == bindparam("row"))
                               .values(recruiter_id=bindparam("target")), values)
    touched = sorted(set(target_of.values()))
    for start in range(0, len(touched), 1000):
        connection.execute(update(recruiters_).where(
            recruiters_.c.id.in_(touched[start:start + 1000])).values(updated_at=now))


def _merge(connection, target: int, others: list[int]) -> None:
    if not others:
        return
    for table in (EntityRow.__table__, Post.__table__):
        connection.execute(update(table).where(table.c.recruiter_id.in_(others))
                           .values(recruiter_id=target))
    connection.execute(update(Recruiter.__table__).where(Recruiter.__table__.c.id.in_(others))
                       .values(merged_into=target))


def forget(session: Session) -> None:
    """Delete every entity and recruiter (patrol.cases.linking.relink links them again)."""
    session.execute(delete(PostEntity))
    session.execute(update(Post).values(recruiter_id=None))
    session.execute(update(Recruiter).values(merged_into=None))
    session.execute(delete(EntityRow))
    session.execute(delete(Recruiter))


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
                "posts": [{**post, "online": post["online"] and post["online"].to_dict(),
                           "referred_at": post["referred_at"] and post["referred_at"].isoformat()}
                          for post in self.posts],
                "sources": self.sources, "platforms": self.platforms,
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
    online = status_of(session, [p.id for p, _, _ in posts])
    referred = referred_at(session, [p.id for p, _, _ in posts])
    for post, version, source in posts:
        result.posts.append({"post_id": post.id, "url": post.url, "platform": post.platform,
                             "source": source, "text": version.text,
                             "item_id": items.get(version.id),
                             "first_seen": post.first_seen.isoformat(),
                             "online": online.get(post.id),
                             "referred_at": referred.get(post.id)})
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

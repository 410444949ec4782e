"""Storing posts, their versions, the evidence they came from, and their scores."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import (
    Evidence,
    Post,
    PostVersion,
    ReviewItem,
    Score,
    ScoreFlag,
    Source,
    utcnow,
)


class Outcome(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class FetchedEvidence(Protocol):
    """The response a post was found in, as the crawler keeps it (crawler.items.Fetched)."""

    body: bytes
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: datetime


@dataclass(frozen=True)
class PostInput:
    url: str  # canonical
    platform: str
    text: str
    author: str | None = None
    posted_at: datetime | None = None
    evidence: FetchedEvidence | None = None


@dataclass(frozen=True)
class ScoredPost:
    """A post ready to store: its scoring result, and why it goes to review (None: it does not)."""

    post: PostInput
    result: Any = None  # classifier.ScoreResult
    queue_reason: str | None = None
    # The queue's order, set by the admission rule (patrol/queue/admission.py), which puts
    # samples at the threshold; None: the post's own score.
    priority: float | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_source(session: Session, name: str, kind: str, url: str,
                  config: dict[str, Any] | None = None) -> Source:
    """The source row for `name`, created or brought up to date with the sources file."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name, kind=kind, url=url, config=config or {})
        session.add(source)
    else:
        source.kind, source.url, source.config = kind, url, config or {}
    session.flush()
    return source


def current_hashes(session: Session, source_id: int) -> dict[str, str]:
    """Canonical URL -> hash of the current text, for every post stored for this source.

    One query per crawl lets the dedupe step skip unchanged posts without a query per post."""
    rows = session.execute(
        select(Post.url, PostVersion.content_hash)
        .join(PostVersion, (PostVersion.post_id == Post.id)
              & (PostVersion.version == Post.current_version))
        .where(Post.source_id == source_id))
    return dict(rows.all())


def touch_seen(session: Session, urls: list[str]) -> None:
    """Record that these stored posts were seen again, unchanged, just now."""
    now = utcnow()
    for start in range(0, len(urls), 500):
        session.execute(update(Post).where(Post.url.in_(urls[start:start + 500]))
                        .values(last_seen=now))


def evidence_body(evidence: Evidence, limit: int = 0) -> bytes:
    """The raw body as fetched; with `limit`, at most that many bytes of it."""
    return zlib.decompressobj().decompress(evidence.body, limit)


def evidence_rows(session: Session, batch: list[FetchedEvidence]) -> dict[int, Any]:
    """id() of each FetchedEvidence -> id of its stored row, or a new Evidence row.

    A page fetched once yields many posts (a Telegram page holds twenty) that share one
    FetchedEvidence: its body is hashed once and stored once per (sha256, final URL)."""
    distinct = {id(e): e for e in batch}
    keys = {key: (hashlib.sha256(e.body).hexdigest(), e.final_url) for key, e in distinct.items()}
    found: dict[tuple[str, str], Any] = {}
    for row_id, digest, url in session.execute(
            select(Evidence.id, Evidence.sha256, Evidence.final_url)
            .where(Evidence.sha256.in_({digest for digest, _ in keys.values()}))):
        found[(digest, url)] = row_id
    for key, (digest, url) in keys.items():
        if (digest, url) not in found:
            e = distinct[key]
            row = Evidence(sha256=digest, final_url=url, status=e.status, headers=e.headers,
                           body=zlib.compress(e.body, 6), body_size=len(e.body),
                           fetched_at=e.fetched_at)
            session.add(row)
            found[(digest, url)] = row
    return {key: found[digest_url] for key, digest_url in keys.items()}


def store_batch(session: Session, batch: list[ScoredPost],
                source_id: int | None) -> list[Outcome]:
    """Store a batch of posts with their scores and review items; one flush for all.

    A new URL becomes a post; a known URL with a different text gets a new version (the old
    text is kept); a known URL with the same text is only marked seen. Scores and review items
    are written for new and changed versions only."""
    now = utcnow()
    urls = list({item.post.url for item in batch})
    posts = {p.url: p for p in session.scalars(select(Post).where(Post.url.in_(urls)))}
    hashes = dict(session.execute(
        select(Post.url, PostVersion.content_hash)
        .join(PostVersion, (PostVersion.post_id == Post.id)
              & (PostVersion.version == Post.current_version))
        .where(Post.url.in_(urls))).all())
    evidence = evidence_rows(session, [i.post.evidence for i in batch if i.post.evidence])
    outcomes = []

    for item in batch:
        post, text_hash = item.post, content_hash(item.post.text)
        row = posts.get(post.url)
        if row is not None and hashes.get(post.url) == text_hash:
            row.last_seen = now
            outcomes.append(Outcome.UNCHANGED)
            continue
        if row is None:
            row = Post(url=post.url, platform=post.platform, source_id=source_id,
                       author=post.author, posted_at=post.posted_at, first_seen=now,
                       last_seen=now, current_version=1)
            session.add(row)
            posts[post.url] = row
            outcomes.append(Outcome.NEW)
        else:
            row.current_version += 1
            row.last_seen = now
            row.author = post.author or row.author
            outcomes.append(Outcome.CHANGED)
        hashes[post.url] = text_hash
        version = PostVersion(version=row.current_version, text=post.text,
                              content_hash=text_hash, first_seen=now)
        # Set the parent by id where it exists: assigning the relationship would load
        # the whole version history of every changed post.
        if row.id is None:
            version.post = row
        else:
            version.post_id = row.id
        stored = evidence.get(id(post.evidence)) if post.evidence else None
        if isinstance(stored, Evidence):
            version.evidence = stored
        else:
            version.evidence_id = stored
        session.add(version)
        if item.result is not None:
            _add_score(session, version, item)
    session.flush()
    return outcomes


def score_row(result: Any) -> Score:
    """A Score row (with its red-flag codes) for a classifier ScoreResult; the caller sets the
    version it belongs to."""
    data = result.to_dict()
    return Score(model=data["model"], score=data["score"], label=data["label"],
                 threshold=data["threshold"], flags=data["flags"], entities=data["entities"],
                 scope=data.get("scope"), codes=[ScoreFlag(code=code) for code in dict.fromkeys(
                     f["code"] for f in data["flags"])])


def _add_score(session: Session, version: PostVersion, item: ScoredPost) -> None:
    score = score_row(item.result)
    score.version = version
    session.add(score)
    if item.queue_reason:
        priority = score.score if item.priority is None else item.priority
        session.add(ReviewItem(version=version, score=score, reason=item.queue_reason,
                               status="open", priority=priority))

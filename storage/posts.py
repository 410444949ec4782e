"""Storing posts, their versions, the evidence they came from, and their scores."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Evidence, Post, PostVersion, Score, Source, utcnow


class Outcome(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class EvidenceInput:
    body: bytes
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class PostInput:
    url: str  # canonical
    platform: str
    text: str
    author: str | None = None
    posted_at: datetime | None = None
    evidence: EvidenceInput | None = None


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


def touch_if_unchanged(session: Session, url: str, text_hash: str) -> bool:
    """Mark a stored post as seen again; True when its current text has this hash."""
    row = session.execute(
        select(Post, PostVersion.content_hash)
        .join(PostVersion, (PostVersion.post_id == Post.id)
              & (PostVersion.version == Post.current_version))
        .where(Post.url == url)).first()
    if row is None or row[1] != text_hash:
        return False
    row[0].last_seen = utcnow()
    return True


def store_evidence(session: Session, evidence: EvidenceInput) -> Evidence:
    """The evidence row for this body at this URL; a body fetched again is stored once."""
    digest = hashlib.sha256(evidence.body).hexdigest()
    existing = session.scalar(select(Evidence).where(
        Evidence.sha256 == digest, Evidence.final_url == evidence.final_url))
    if existing is not None:
        return existing
    row = Evidence(sha256=digest, final_url=evidence.final_url, status=evidence.status,
                   headers=evidence.headers, body=zlib.compress(evidence.body, 6),
                   body_size=len(evidence.body), fetched_at=evidence.fetched_at)
    session.add(row)
    session.flush()
    return row


def evidence_body(evidence: Evidence) -> bytes:
    return zlib.decompress(evidence.body)


def store_post(session: Session, post: PostInput,
               source_id: int | None) -> tuple[Outcome, PostVersion]:
    """Insert a new post, add a version to a changed one, or just mark an unchanged one seen."""
    text_hash = content_hash(post.text)
    now = utcnow()
    existing = session.scalar(select(Post).where(Post.url == post.url))
    if existing is not None:
        current = session.scalar(select(PostVersion).where(
            PostVersion.post_id == existing.id, PostVersion.version == existing.current_version))
        existing.last_seen = now
        if current is not None and current.content_hash == text_hash:
            return Outcome.UNCHANGED, current
    evidence_id = store_evidence(session, post.evidence).id if post.evidence else None
    if existing is None:
        existing = Post(url=post.url, platform=post.platform, source_id=source_id,
                        author=post.author, posted_at=post.posted_at, first_seen=now,
                        last_seen=now, current_version=1)
        session.add(existing)
        session.flush()
        outcome, number = Outcome.NEW, 1
    else:
        outcome, number = Outcome.CHANGED, existing.current_version + 1
        existing.current_version = number
        existing.author = post.author or existing.author
    version = PostVersion(post_id=existing.id, version=number, text=post.text,
                          content_hash=text_hash, first_seen=now, evidence_id=evidence_id)
    session.add(version)
    session.flush()
    return outcome, version


def store_score(session: Session, version_id: int, result: Any) -> Score:
    """Record a scoring result (classifier.ScoreResult) for one post version."""
    data = result.to_dict()
    row = Score(post_version_id=version_id, model=data["model"], score=data["score"],
                label=data["label"], threshold=data["threshold"], flags=data["flags"],
                entities=data["entities"])
    session.add(row)
    session.flush()
    return row

"""After a crawl: group the new versions into near-duplicates and link the flagged ones into
recruiters. Run as a step of its own rather than while storing, so the crawl's throughput does
not pay for it (on the 2,000-page benchmark it halved it); it takes the versions that have no
signature yet, in batches, each committed, so an interrupted run is finished by the next."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol.cases import groups, recruiters
from storage.models import PostVersion, Score, Signature


def pending(session: Session) -> list[int]:
    return list(session.scalars(
        select(PostVersion.id).outerjoin(Signature, Signature.post_version_id == PostVersion.id)
        .where(Signature.post_version_id.is_(None)).order_by(PostVersion.id)))


def _read(session: Session, chunk: list[int]) -> tuple[list, list[recruiters.Found]]:
    """The versions `chunk` names, and their entities from their latest scores. Rows of the
    columns needed, not ORM objects: loading those cost more than linking them."""
    versions = session.execute(
        select(PostVersion.id, PostVersion.post_id, PostVersion.text)
        .where(PostVersion.id.in_(chunk)).order_by(PostVersion.id)).all()
    latest = select(func.max(Score.id)).where(Score.post_version_id.in_(chunk)) \
        .group_by(Score.post_version_id).scalar_subquery()
    scores = {row.post_version_id: row for row in session.execute(
        select(Score.post_version_id, Score.entities, Score.score, Score.threshold)
        .where(Score.id.in_(latest)))}
    return versions, [recruiters.Found(v, scores[v.id].entities,
                                       scores[v.id].score >= scores[v.id].threshold)
                      for v in versions if v.id in scores]


def relink(session: Session, batch: int = 1000) -> int:
    """Forget every entity and recruiter and link all scored versions again from their latest
    scores, oldest first; returns how many were read. For a database upgraded from before
    entities were stored, or after the linking rules change. Groups are left as they are."""
    recruiters.forget(session)
    ids = list(session.scalars(select(Score.post_version_id).distinct()
                               .order_by(Score.post_version_id)))
    for start in range(0, len(ids), batch):
        recruiters.record(session, _read(session, ids[start:start + batch])[1])
        session.commit()
    session.expire_all()
    return len(ids)


def link_pending(session: Session, batch: int = 500,
                 progress: Callable[[int, int], None] | None = None,
                 threshold: float = groups.THRESHOLD, timings: Counter | None = None) -> int:
    """Group and link every version not done yet; returns how many were done. `threshold` is
    the similarity at which posts are near-duplicates (see patrol.cases.groups); `timings`, if
    given, adds up the seconds spent linking recruiters and grouping."""
    timings = Counter() if timings is None else timings
    ids = pending(session)
    for start in range(0, len(ids), batch):
        versions, found = _read(session, ids[start:start + batch])
        started = time.perf_counter()
        recruiters.record(session, found)
        linked = time.perf_counter()
        groups.assign(session, versions, threshold)
        timings["link"] += linked - started
        timings["group"] += time.perf_counter() - linked
        session.commit()
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    # Group ids and recruiters were written with Core statements: objects the caller holds
    # (sessions here keep them across commits) are read again on next use.
    session.expire_all()
    return len(ids)


def link_new(database_url: str, threshold: float = groups.THRESHOLD) -> int:
    """Link what is pending in the database at `database_url`, after any other process linking
    it has finished."""
    from storage.db import open_database, session_factory
    from storage.locks import taking_turns

    engine = open_database(database_url)
    try:
        with taking_turns(database_url, "link"), session_factory(engine)() as session:
            return link_pending(session, threshold=threshold)
    finally:
        engine.dispose()

"""Crawl runs: one row per source per run, opened when the spider opens, closed with its counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from storage.models import CrawlRun, utcnow


@dataclass(frozen=True)
class RunCounts:
    pages: int = 0
    posts_seen: int = 0
    posts_new: int = 0
    posts_changed: int = 0
    flagged: int = 0
    errors: int = 0


def start_run(session: Session, source_id: int) -> CrawlRun:
    run = CrawlRun(source_id=source_id, started_at=utcnow(), status="running")
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, counts: RunCounts, status: str,
               finish_reason: str | None = None) -> CrawlRun:
    run = session.get_one(CrawlRun, run_id)
    run.finished_at = utcnow()
    run.status = status
    run.finish_reason = finish_reason
    for name, value in vars(counts).items():
        setattr(run, name, value)
    session.flush()
    return run

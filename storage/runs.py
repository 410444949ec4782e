"""Runs and their per-source reports.

A run is one `patrol crawl` or `patrol import`, one Scrapyd job or `scrapy crawl`: opened before
the first spider starts, closed after linking (patrol/operations/lifecycle.py does both). Each
source's part is a crawl run, opened when its spider opens and closed with its counts from the
crawler's stats: pages, posts seen/new/changed, flagged, errors by kind, bytes and seconds.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from storage.models import CrawlRun, Run, utcnow

STALE_ELSEWHERE = timedelta(days=1)  # no nightly run lasts this long


@dataclass(frozen=True)
class RunCounts:
    pages: int = 0
    posts_seen: int = 0
    posts_new: int = 0
    posts_changed: int = 0
    flagged: int = 0
    errors: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    seconds: float | None = None
    coverage: dict[str, float] = field(default_factory=dict)


def open_run(session: Session, kind: str) -> Run:
    """Start a run, first marking interrupted the runs still marked running that were cut off.

    Other runs may really be running: shared-frontier workers and Scrapyd jobs run side by
    side. So a run counts as cut off only when its process is gone from this machine, or, on
    another machine where that cannot be seen, when it started more than a day ago."""
    now = utcnow()
    cut_off = [r.id for r in session.execute(
        select(Run.id, Run.host, Run.pid, Run.started_at).where(Run.status == "running"))
        if _cut_off(r.host, r.pid, r.started_at, now)]
    session.execute(update(Run).where(Run.id.in_(cut_off))
                    .values(status="interrupted", finished_at=now))
    session.execute(update(CrawlRun).where(
        CrawlRun.status == "running", CrawlRun.run_id.in_(cut_off) | CrawlRun.run_id.is_(None))
        .values(status="interrupted", finished_at=now))
    run = Run(kind=kind, started_at=now, status="running", host=socket.gethostname(),
              pid=os.getpid(), checks=[])
    session.add(run)
    session.flush()
    return run


def _cut_off(host: str | None, pid: int | None, started_at: datetime, now: datetime) -> bool:
    if host != socket.gethostname() or pid is None:
        return now - started_at > STALE_ELSEWHERE
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user
        return False
    return False


def close_run(session: Session, run_id: int, checks: Sequence[dict] = ()) -> Run:
    """Finish a run, keeping the checks it failed (patrol/operations/checks.py) in
    `run.checks`."""
    run = session.get_one(Run, run_id)
    statuses = set(session.scalars(select(CrawlRun.status).where(CrawlRun.run_id == run_id)))
    run.status = next((s for s in ("interrupted", "failed") if s in statuses), "finished")
    run.finished_at = utcnow()
    run.checks = list(checks)
    session.flush()
    return run


def open_source_run(session: Session, source_id: int, run_id: int | None) -> CrawlRun:
    run = CrawlRun(source_id=source_id, run_id=run_id, started_at=utcnow(), status="running")
    session.add(run)
    session.flush()
    return run


def close_source_run(session: Session, crawl_run_id: int, counts: RunCounts, status: str,
               finish_reason: str | None = None) -> CrawlRun:
    run = session.get_one(CrawlRun, crawl_run_id)
    run.finished_at = utcnow()
    run.status = status
    run.finish_reason = finish_reason
    for name, value in vars(counts).items():
        setattr(run, name, value)
    session.flush()
    return run


# --- reading ---------------------------------------------------------------------------------


def source_report(crawl_run: CrawlRun) -> dict:
    return {"source": crawl_run.source.name, "status": crawl_run.status,
            "started_at": crawl_run.started_at.isoformat(),
            "finished_at": crawl_run.finished_at.isoformat() if crawl_run.finished_at else None,
            "pages": crawl_run.pages, "posts_seen": crawl_run.posts_seen,
            "posts_new": crawl_run.posts_new, "posts_changed": crawl_run.posts_changed,
            "flagged": crawl_run.flagged, "errors": crawl_run.errors,
            "errors_by_kind": dict(crawl_run.errors_by_kind or {}), "bytes": crawl_run.bytes,
            "seconds": crawl_run.seconds, "coverage": dict(crawl_run.coverage or {}),
            "finish_reason": crawl_run.finish_reason}


def report(run: Run) -> dict:
    """A run with its totals and one entry per source, as `patrol runs show --json` prints."""
    sources = [source_report(c) for c in run.sources]
    totals = {key: sum(s[key] for s in sources)
              for key in ("pages", "posts_seen", "posts_new", "posts_changed", "flagged",
                          "errors", "bytes")}
    seconds = ((run.finished_at - run.started_at).total_seconds()
               if run.finished_at else None)
    return {"id": run.id, "kind": run.kind, "status": run.status,
            "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "seconds": round(seconds, 1) if seconds is not None else None,
            "host": run.host, "pid": run.pid, **totals, "checks": list(run.checks or []),
            "sources": sources}


def recent(session: Session, limit: int = 30) -> list[dict]:
    runs = session.scalars(select(Run).options(selectinload(Run.sources)
                                               .selectinload(CrawlRun.source))
                           .order_by(Run.id.desc()).limit(limit))
    return [report(r) for r in runs]


def one(session: Session, run_id: int) -> dict | None:
    run = session.get(Run, run_id)
    return report(run) if run is not None else None

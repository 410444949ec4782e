"""Checks after each run, on the ideas of Spidermon's monitors: a source that went quiet, a
yield far below its usual, optional fields that stopped being found (the site changed its
markup), too many errors. Failed checks are stored on the run, printed, logged and sent to
the configured notifiers (patrol.notify)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import CrawlRun, Run


@dataclass(frozen=True)
class Limits:
    history: int = 7  # earlier finished runs of a source to compare with
    min_history: int = 3  # fewer than this: no yield or coverage comparison yet
    low_yield: float = 0.3  # posts seen below this share of the trailing average
    coverage_drop: float = 0.3  # a field's coverage this far below its trailing average
    error_rate: float = 0.2  # errors per page fetched or failed


@dataclass(frozen=True)
class Failed:
    check: str  # zero_posts, low_yield, coverage_drop, error_rate
    source: str
    message: str

    def to_dict(self) -> dict:
        return asdict(self)


def check_run(session: Session, run_id: int, limits: Limits | None = None) -> list[Failed]:
    limits = limits or Limits()
    run = session.scalar(select(Run).where(Run.id == run_id).options(
        selectinload(Run.sources).selectinload(CrawlRun.source)))
    failed: list[Failed] = []
    for part in run.sources:
        history = list(session.scalars(
            select(CrawlRun).where(CrawlRun.source_id == part.source_id,
                                   CrawlRun.id < part.id, CrawlRun.status == "finished")
            .order_by(CrawlRun.id.desc()).limit(limits.history)))
        failed += _check_source(part, history, limits)
    return failed


def _check_source(part: CrawlRun, history: list[CrawlRun], limits: Limits) -> list[Failed]:
    name, found = part.source.name, []
    if part.posts_seen == 0:
        found.append(Failed("zero_posts", name, f"{name} yielded no posts "
                                                f"({part.pages} pages, {part.errors} errors)"))
    elif len(history) >= limits.min_history:
        usual = sum(h.posts_seen for h in history) / len(history)
        if part.posts_seen < limits.low_yield * usual:
            found.append(Failed("low_yield", name, f"{name} yielded {part.posts_seen} posts, "
                                                   f"against {usual:.0f} on average over its "
                                                   f"last {len(history)} runs"))
        for field, share in sorted((part.coverage or {}).items()):
            before = [h.coverage[field] for h in history if field in (h.coverage or {})]
            if len(before) >= limits.min_history:
                usual_share = sum(before) / len(before)
                if share < usual_share - limits.coverage_drop:
                    found.append(Failed(
                        "coverage_drop", name,
                        f"{name}: {share:.0%} of posts have {field}, against {usual_share:.0%} "
                        "before; has the site changed its markup?"))
    attempts = part.pages + part.errors
    if part.errors and part.errors / attempts > limits.error_rate:
        kinds = ", ".join(f"{k} {n}" for k, n in (part.errors_by_kind or {}).items())
        found.append(Failed("error_rate", name, f"{name}: {part.errors} errors for "
                                                f"{part.pages} pages ({kinds or 'unknown'})"))
    return found

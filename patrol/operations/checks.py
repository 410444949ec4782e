"""Checks after each run, on the ideas of Spidermon's monitors: a source that went quiet, a
yield far below its usual, optional fields that stopped being found (the site changed its
markup), too many errors. Failed checks are stored on the run, printed, logged and sent to
the configured notifiers (patrol/operations/notify.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from storage.models import CrawlRun, Run

FRONTIER = "frontier"  # the kind of run of one worker on a shared frontier
RECHECK = "recheck"  # `patrol recheck`: stored posts looked at again, not a crawl


@dataclass(frozen=True)
class Limits:
    history: int = 7  # earlier finished runs of a source to compare with
    min_history: int = 3  # fewer than this: no yield or coverage comparison yet
    low_yield: float = 0.3  # posts seen below this share of the trailing average
    coverage_drop: float = 0.3  # a field's coverage this far below its trailing average
    error_rate: float = 0.2  # errors per page fetched or failed


@dataclass(frozen=True)
class Failed:
    check: str  # zero_posts, low_yield, coverage_drop, error_rate; lock_lost for a whole run
    source: str  # "" for a whole run
    message: str

    def to_dict(self) -> dict:
        return asdict(self)


def failed_line(check: dict) -> str:
    """How a failed check (a `Failed.to_dict()`) is printed and logged, everywhere."""
    return f"FAILED CHECK {check['check']}: {check['message']}"


def check_run(session: Session, run_id: int, limits: Limits | None = None) -> list[Failed]:
    limits = limits or Limits()
    run = session.scalar(select(Run).where(Run.id == run_id).options(
        selectinload(Run.sources).selectinload(CrawlRun.source)))
    if run.kind == RECHECK:  # a few pages looked at again: only their errors say anything
        return [f for part in run.sources for f in _errors(part, limits)]
    # A shared-frontier worker crawls a share of each source, which may be nothing: its
    # yield says nothing about the source, and is no history for a whole crawl's yield.
    whole = run.kind != FRONTIER
    failed: list[Failed] = []
    for part in run.sources:
        failed += _check_source(part, _history(session, part, limits),
                                _history(session, part, limits, whole_only=True), limits, whole)
    return failed


def _history(session: Session, part: CrawlRun, limits: Limits,
             whole_only: bool = False) -> list[CrawlRun]:
    """The source's last finished runs before `part`; `whole_only`: not frontier workers'."""
    query = (select(CrawlRun).outerjoin(Run, Run.id == CrawlRun.run_id)
             .where(CrawlRun.source_id == part.source_id, CrawlRun.id < part.id,
                    CrawlRun.status == "finished",
                    or_(Run.id.is_(None), Run.kind != RECHECK)))
    if whole_only:
        query = query.where(Run.kind != FRONTIER)
    return list(session.scalars(query.order_by(CrawlRun.id.desc()).limit(limits.history)))


def _check_source(part: CrawlRun, history: list[CrawlRun], whole_history: list[CrawlRun],
                  limits: Limits, whole: bool) -> list[Failed]:
    found = _yield(part, whole_history, limits) if whole else []
    if part.posts_seen:
        found += _coverage(part, history, limits)
    return found + _errors(part, limits)


def _yield(part: CrawlRun, history: list[CrawlRun], limits: Limits) -> list[Failed]:
    name = part.source.name
    if part.posts_seen == 0:
        return [Failed("zero_posts", name, f"{name} yielded no posts "
                                           f"({part.pages} pages, {part.errors} errors)")]
    if len(history) < limits.min_history:
        return []
    usual = sum(h.posts_seen for h in history) / len(history)
    if part.posts_seen >= limits.low_yield * usual:
        return []
    return [Failed("low_yield", name, f"{name} yielded {part.posts_seen} posts, against "
                                      f"{usual:.0f} on average over its last {len(history)} runs")]


def _coverage(part: CrawlRun, history: list[CrawlRun], limits: Limits) -> list[Failed]:
    name, found = part.source.name, []
    for field, share in sorted((part.coverage or {}).items()):
        before = [h.coverage[field] for h in history if field in (h.coverage or {})]
        if len(before) >= limits.min_history:
            usual_share = sum(before) / len(before)
            if share < usual_share - limits.coverage_drop:
                found.append(Failed(
                    "coverage_drop", name,
                    f"{name}: {share:.0%} of posts have {field}, against {usual_share:.0%} "
                    "before; has the site changed its markup?"))
    return found


def _errors(part: CrawlRun, limits: Limits) -> list[Failed]:
    name = part.source.name
    attempts = part.pages + part.errors
    if part.errors and part.errors / attempts > limits.error_rate:
        kinds = ", ".join(f"{k} {n}" for k, n in (part.errors_by_kind or {}).items())
        return [Failed("error_rate", name, f"{name}: {part.errors} errors for "
                                           f"{part.pages} pages ({kinds or 'unknown'})")]
    return []

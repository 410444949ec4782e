"""Each source's figures in a crawl, read from the crawler's stats: what its run report and the
crawl summary show."""

from __future__ import annotations

from crawler.errors import by_kind
from crawler.pipelines import COVERED
from storage.runs import RunCounts


def run_counts(stats: dict) -> RunCounts:
    """The per-source figures of a crawl, read from Scrapy stats."""
    elapsed = stats.get("elapsed_time_seconds")
    return RunCounts(
        pages=stats.get("patrol/pages", 0),
        posts_seen=stats.get("patrol/posts_seen", 0),
        posts_new=stats.get("patrol/posts_new", 0),
        posts_changed=stats.get("patrol/posts_changed", 0),
        flagged=stats.get("patrol/flagged", 0),
        errors=stats.get("patrol/errors", 0),
        errors_by_kind=by_kind(stats),
        bytes=stats.get("downloader/response_bytes", 0),
        seconds=round(elapsed, 2) if elapsed is not None else None,
        coverage=_coverage(stats),
    )


def _coverage(stats: dict) -> dict[str, float]:
    seen = stats.get("patrol/posts_seen", 0)
    if not seen:
        return {}
    return {name: round(1 - stats.get(f"patrol/missing/{name}", 0) / seen, 3)
            for name in COVERED}


def failed_outright(counts: RunCounts) -> bool:
    """A source failed outright when it fetched nothing and something went wrong."""
    return counts.pages == 0 and counts.errors > 0

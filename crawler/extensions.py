"""Records each source's crawl in `crawl_runs`, from the crawler's stats."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from crawler.errors import by_kind, count_error
from crawler.pipelines import COVERED, register_source
from storage.db import DEFAULT_URL, open_database, session_factory
from storage.linking import link_new
from storage.runs import RunCounts, close_run, finish_run, open_run, start_run


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


class CrawlRunRecorder:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.own_run: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        # Scrapy's log counts are per process; these signals are this crawler's own failures.
        crawler.signals.connect(ext.count_error, signal=signals.spider_error)
        crawler.signals.connect(ext.count_error, signal=signals.item_error)
        return ext

    def count_error(self, *args, **kwargs) -> None:
        count_error(self.crawler.stats, "spider_exception")

    def _session(self):
        engine = open_database(self.crawler.settings.get("PATROL_DATABASE_URL"))
        return engine, session_factory(engine)()

    def spider_opened(self, spider: Spider) -> None:
        engine, session = self._session()
        with session:
            source_id = register_source(session, spider)
            if source_id is not None:
                # `patrol crawl` opens the run around all its sources; a spider started
                # another way (Scrapyd, `scrapy crawl`) is a run of its own.
                parent = self.crawler.settings.getint("PATROL_RUN_ID") or None
                if parent is None:
                    parent = self.own_run = open_run(session, "scrapy").id
                self.run_id = start_run(session, source_id, parent).id
                session.commit()
        engine.dispose()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run_id is None:
            return
        counts = run_counts(self.crawler.stats.get_stats())
        # "shutdown": SIGTERM or Ctrl-C; what was stored stays, the next run does the rest.
        status = ("interrupted" if reason == "shutdown" else
                  "failed" if failed_outright(counts) else "finished")
        engine, session = self._session()
        with session:
            finish_run(session, self.run_id, counts, status, reason)
            if self.own_run is not None:
                close_run(session, self.own_run)
            session.commit()
        engine.dispose()
        if self.own_run is not None:
            # Nobody links after a Scrapyd job or a frontier worker but the job itself.
            settings = self.crawler.settings
            link_new(settings.get("PATROL_DATABASE_URL") or DEFAULT_URL,
                     settings.getfloat("PATROL_GROUP_THRESHOLD"))

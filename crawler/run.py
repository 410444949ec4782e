"""Running spiders in one process and reporting per source: the core of `patrol crawl/import`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from classifier import check_model
from classifier.workers import scoring_for
from crawler.counts import failed_outright, run_counts
from crawler.sources import SourceConfig
from crawler.spiders import SPIDERS
from crawler.spiders.importer import ImportSpider


@dataclass(frozen=True)
class SourceSummary:
    source: str
    pages: int
    posts_seen: int
    posts_new: int
    posts_changed: int
    flagged: int
    errors: int
    seconds: float | None
    failed: bool
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.bad_lines:
            del data["bad_lines"]
        return data


def crawl_settings(database_url: str | None, model: str | None,
                   overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("PATROL_DATABASE_URL", database_url, priority="cmdline")
    settings.set("PATROL_MODEL", model, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def _summary(name: str, crawler: Crawler) -> SourceSummary:
    stats = crawler.stats.get_stats()
    counts = run_counts(stats)
    return SourceSummary(source=name, failed=failed_outright(counts),
                         bad_lines=list(stats.get("patrol/bad_lines", [])), **vars(counts))


class _OneLineErrors(logging.Filter):
    """The operator reads one line per problem; tracebacks are for LOG_LEVEL=DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def _filter_root_handlers() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _OneLineErrors) for f in handler.filters):
            handler.addFilter(_OneLineErrors())


Watch = Callable[[], str | None]  # asked every second: None to go on, or why to stop


def stop_when(watch: Watch, crawlers: Callable[[], list[Crawler]],
              every: float = 1.0) -> task.LoopingCall:
    """Ask `watch` every `every` seconds while the crawl runs; once it names a reason, close
    each crawler's spider with it. As on SIGTERM, no new page is started and the pages in
    flight are finished and their posts stored. Stop the returned call when the crawl ends."""

    def look() -> None:
        reason = watch()
        if reason is None:
            return
        call.stop()
        for crawler in crawlers():
            if crawler.crawling and crawler.engine is not None:
                deferred_from_coro(crawler.engine.close_spider_async(reason=reason))

    call = task.LoopingCall(look)
    call.start(every, now=False)
    return call


def _run(jobs: list[tuple[str, type, dict]], settings: Settings,
         on_progress: Callable[[list[SourceSummary]], None] | None,
         watch: Watch | None = None) -> list[SourceSummary]:
    process = CrawlerProcess(settings)
    crawlers: list[tuple[str, Crawler]] = []
    check_model(settings.get("PATROL_MODEL"))
    scoring = scoring_for(settings.get("PATROL_MODEL"), settings.getint("PATROL_SCORE_PROCESSES"))
    for name, spider_cls, kwargs in jobs:
        crawler = process.create_crawler(spider_cls)
        crawler.patrol_scoring = scoring  # one set of scoring workers for all sources
        crawlers.append((name, crawler))
        if settings.get("LOG_LEVEL") != "DEBUG":
            # Each crawler installs a fresh root handler when it starts; filter that one.
            crawler.signals.connect(_filter_root_handlers, signal=signals.spider_opened)
        process.crawl(crawler, **kwargs)
    ticker = None
    if on_progress is not None:
        ticker = task.LoopingCall(lambda: on_progress([_summary(n, c) for n, c in crawlers]))
        ticker.start(0.5, now=False)
    watching = stop_when(watch, lambda: [c for _, c in crawlers]) if watch else None
    try:
        process.start()
    finally:
        scoring.close()
    for call in (ticker, watching):
        if call is not None and call.running:
            call.stop()
    return [_summary(name, crawler) for name, crawler in crawlers]


def run_crawl(sources: list[SourceConfig], settings: Settings,
              on_progress: Callable[[list[SourceSummary]], None] | None = None,
              watch: Watch | None = None,
              recheck: dict[str, list[dict]] | None = None) -> list[SourceSummary]:
    """Crawl every source concurrently in this process; one summary per source, in order.
    `on_progress` gets the summaries so far twice a second; `watch` can stop the crawl. With
    `recheck` (source name -> stored posts), each source's spider looks again at those posts
    only, instead of crawling (`patrol recheck`)."""
    jobs = [(s.name, SPIDERS[s.kind], {"source": s, "recheck": (recheck or {}).get(s.name)})
            for s in sources]
    # A source's `interval` is the least delay between its requests: a per-host download slot.
    slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
    for source in sources:
        if source.interval:
            slots[source.host] = {**slots.get(source.host, {}), "delay": source.interval}
    settings.set("DOWNLOAD_SLOTS", slots, priority="cmdline")
    return _run(jobs, settings, on_progress, watch)


def run_import(path: Path, settings: Settings, watch: Watch | None = None) -> SourceSummary:
    """Feed a CSV or JSONL file of hand-collected posts through the crawl pipeline."""
    return _run([("import", ImportSpider, {"path": str(path)})], settings, None, watch)[0]

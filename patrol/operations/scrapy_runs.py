"""Runs as Scrapy sees them: a Scrapy extension that records each spider's source in its run.

Under `patrol crawl` or `patrol import` the CLI holds the run (PATROL_RUN_ID) and this only
adds the source's part. A spider that Scrapy starts by itself (a Scrapyd job, `scrapy crawl`)
has nobody around it, so here it goes through the same lifecycle as the CLI's runs: lock,
run, link, checks, notify. It lives beside the lifecycle, not in crawler/, because the crawler
imports nothing from the application layer; crawler/settings.py names it by its path.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings
from scrapy.spiders import Spider

from crawler.counts import failed_outright, run_counts
from crawler.pipelines import register_source
from crawler.run import stop_when
from patrol.config import ENV_NAMES, Config, ConfigError, load_config
from patrol.operations.checks import FRONTIER
from patrol.operations.lifecycle import LOCK_LOST, RunLifecycle
from storage.db import DEFAULT_URL, DatabaseError, open_database, session_factory
from storage.locks import AlreadyRunning
from storage.runs import close_source_run, open_source_run

logger = logging.getLogger("patrol.run")
# Why a spider stopped before its pages ran out: the next run fetches what it left.
CUT_SHORT = ("shutdown", LOCK_LOST)  # SIGTERM or Ctrl-C; the crawl lock lost for good


def job_config(settings: BaseSettings) -> Config:
    """The settings of a job Scrapy started. A PATROL_* setting the crawler has (from its
    settings module, or given with `-s` or Scrapyd's `setting=`) wins, since the spiders and
    pipelines read only those; the others (notifiers, the group threshold) come from the
    environment, patrol.toml and the defaults, as for `patrol`."""
    given = {key: settings.get(name) for key, name in ENV_NAMES.items()
             if settings.get(name) is not None}
    given.setdefault("database_url", DEFAULT_URL)  # where the pipelines store without one
    return load_config(**given)


class RunRecorder:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.part: int | None = None  # the source's row in crawl_runs
        self.own: RunLifecycle | None = None  # the run, when nobody else holds one
        self.watching = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        if getattr(spider, "source", None) is None:
            return  # not one of ours (`scrapy shell`, a test spider): nothing to record
        run_id = self.crawler.settings.getint("PATROL_RUN_ID") or self._own_run()
        engine = open_database(self.crawler.settings.get("PATROL_DATABASE_URL"))
        with session_factory(engine)() as session:
            self.part = open_source_run(session, register_source(session, spider), run_id).id
            session.commit()
        engine.dispose()

    def _own_run(self) -> int:
        """Begin this job's own run, or close the spider (CloseSpider) when it may not run."""
        try:
            shared_frontier = self.crawler.settings.get("PATROL_FRONTIER")
            self.own = RunLifecycle(job_config(self.crawler.settings),
                                    FRONTIER if shared_frontier else "scrapy")
            run_id = self.own.begin()
        except (AlreadyRunning, ConfigError, DatabaseError) as exc:
            self.own = None
            logger.error("Not started: %s", exc)
            raise CloseSpider("already_running" if isinstance(exc, AlreadyRunning)
                              else "not_started") from None
        self.watching = stop_when(self.own.watch, lambda: [self.crawler])
        return run_id

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.watching is not None and self.watching.running:
            self.watching.stop()
        if self.part is not None:
            self._finish_part(reason)
        if self.own is not None:
            self.own.end()

    def _finish_part(self, reason: str) -> None:
        counts = run_counts(self.crawler.stats.get_stats())
        # Cut short: what was stored stays, and the next run does the rest.
        status = ("interrupted" if reason in CUT_SHORT else
                  "failed" if failed_outright(counts) else "finished")
        engine = open_database(self.crawler.settings.get("PATROL_DATABASE_URL"))
        with session_factory(engine)() as session:
            close_source_run(session, self.part, counts, status, reason)
            session.commit()
        engine.dispose()

"""Errors counted by kind, so a run report says what went wrong, not only how often."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

PREFIX = "patrol/errors/"


def count_error(stats: StatsCollector, kind: str) -> None:
    stats.inc_value("patrol/errors")
    stats.inc_value(PREFIX + kind)


def by_kind(stats: dict) -> dict[str, int]:
    return {key[len(PREFIX):]: value for key, value in sorted(stats.items())
            if key.startswith(PREFIX)}


def fetch_error_kind(failure: Failure) -> str:
    """http_404, http_503, dns, timeout, connection, or fetch for anything else."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectError, ConnectionLost, ResponseFailed,
                     DownloadConnectionRefusedError, ResponseDataLossError):
        return "connection"
    return "fetch"


class SpiderErrors:
    """Scrapy extension: counts a spider's own exceptions, in its callbacks and its item
    pipelines, as `spider_exception`. Scrapy's log counts are per process; these signals are
    this crawler's own."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpiderErrors:
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.count, signal=signals.spider_error)
        crawler.signals.connect(ext.count, signal=signals.item_error)
        return ext

    def count(self, *args: object, **kwargs: object) -> None:
        count_error(self.stats, "spider_exception")

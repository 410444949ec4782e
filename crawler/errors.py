"""Errors counted by kind, so a run report says what went wrong, not only how often."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
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
# Scrapy's RedirectMiddleware gives up on a chain of more than REDIRECT_MAX_TIMES redirects
# with an IgnoreRequest saying this.
_TOO_MANY_REDIRECTS = "max redirections reached"


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already in the request's redirect chain."""


class RenderError(Exception):
    """The browser could not render a page (crawler/render.py)."""


class RenderTimeout(RenderError):
    """A rendered page, or the element its source waits for, took longer than the source's
    timeout."""


def count_error(stats: StatsCollector, kind: str) -> None:
    stats.inc_value("patrol/errors")
    stats.inc_value(PREFIX + kind)


def by_kind(stats: dict) -> dict[str, int]:
    return {key[len(PREFIX):]: value for key, value in sorted(stats.items())
            if key.startswith(PREFIX)}


def fetch_error_kind(failure: Failure) -> str | None:
    """http_404, http_503, dns, timeout, connection, too_large, too_many_redirects,
    render_timeout, render, or fetch for anything else; None for a request refused by a rule
    the crawl keeps (robots.txt, off-site), which is not an error."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(IgnoreRequest):
        return _refused_kind(failure.value)
    if failure.check(DownloadCancelledError):  # over DOWNLOAD_MAXSIZE: announced or rendered
        return "too_large"
    if failure.check(RenderTimeout):
        return "render_timeout"
    if failure.check(RenderError):
        return "render"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectError, ConnectionLost, ResponseFailed,
                     DownloadConnectionRefusedError, ResponseDataLossError):
        return "connection"
    return "fetch"


def _refused_kind(refused: IgnoreRequest) -> str | None:
    # A compressed body inflating past DOWNLOAD_MAXSIZE (a gzip bomb) and endless redirects are
    # refused by the middlewares as if by a rule; they are errors of the page.
    if isinstance(refused.__cause__, _DecompressionMaxSizeExceeded):
        return "too_large"
    if isinstance(refused, RedirectLoop) or str(refused) == _TOO_MANY_REDIRECTS:
        return "too_many_redirects"
    return None


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

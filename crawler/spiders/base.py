"""What every source spider shares: limits, host restriction, evidence, error accounting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from crawler.errors import count_error, fetch_error_kind
from crawler.items import Fetched
from crawler.render import render_meta
from crawler.sources import SourceConfig, load_sources, select_sources
from settings_table import default

_EVIDENCE_HEADERS = ("Content-Type", "Last-Modified", "Date", "Server", "Content-Language")


class SourceSpider(scrapy.Spider):
    """A spider for one configured source. Subclasses implement `parse_start`."""

    kind: ClassVar[str]
    platform: ClassVar[str]

    def __init__(self, source: SourceConfig | str | None = None,
                 sources_file: str = default("sources"), **kwargs: Any) -> None:
        if isinstance(source, str):  # `scrapy crawl telegram -a source=NAME`
            source = select_sources(load_sources(sources_file), [source])[0]
        if source is None:
            raise ValueError("a source is required: -a source=NAME")
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.allowed_domains = [source.host, *source.extra_hosts]
        self._requested: set[str] = set()

    async def start(self):
        for request in self.follow(self.source.url, self.parse_start, depth=0):
            yield request

    def parse_start(self, response: Response):
        raise NotImplementedError

    def follow(self, url: str, callback: Callable, depth: int | None = None,
               **kwargs: Any) -> Iterator[Request]:
        """A request for `url` if it is new and within the source's page and depth limits."""
        key = canonicalize_url(url)
        if key in self._requested or len(self._requested) >= self.source.max_pages:
            return
        if depth is not None and depth > self.source.max_depth:
            return
        self._requested.add(key)
        errback = kwargs.pop("errback", self.on_error)
        # The source's timeout, read by Scrapy's downloader for this request (by the browser,
        # for a source that renders its pages).
        meta = {"download_timeout": self.source.timeout, **kwargs.pop("meta", {})}
        if self.source.render:
            meta |= render_meta(self.source.wait_for, self.source.timeout)
        yield Request(url, callback=callback, errback=errback, meta=meta, **kwargs)

    def on_site(self, url: str) -> bool:
        """Whether `url` is on the source's own host (or one the source allows)."""
        return urlsplit(url).hostname in self.allowed_domains

    def page_seen(self, response: Response) -> None:
        self.crawler.stats.inc_value("patrol/pages")

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind = fetch_error_kind(failure)
        if kind is None:  # robots.txt or off-site: a rule kept, not an error
            self.logger.info("source %s: skipped %s: %s", self.source.name, url,
                             failure.getErrorMessage())
            return
        self.report_error(kind, "cannot fetch %s: %s", url,
                          failure.getErrorMessage() or failure.type.__name__)

    def report_error(self, kind: str, message: str, *args: object) -> None:
        """Log an error about this source and count it, by kind, in the source's summary."""
        count_error(self.crawler.stats, kind)
        self.logger.error("source %s: " + message, self.source.name, *args)

    def evidence(self, response: Response) -> Fetched:
        headers = {}
        for name in _EVIDENCE_HEADERS:
            value = response.headers.get(name)
            if value is not None:
                headers[name] = value.decode("latin-1")
        return Fetched(body=response.body, final_url=response.url,
                             status=response.status, headers=headers)

    def depth_of(self, response: Response) -> int:
        return int(response.meta.get("depth", 0))

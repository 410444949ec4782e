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
from crawler.items import Fetched, PostItem, Sighting
from crawler.render import render_meta
from crawler.sources import SourceConfig, load_sources, select_sources
from settings_table import default

GONE = (404, 410)  # what a site answers for a post that was taken down
_EVIDENCE_HEADERS = ("Content-Type", "Last-Modified", "Date", "Server", "Content-Language")


class SourceSpider(scrapy.Spider):
    """A spider for one configured source. Subclasses implement `parse_start`."""

    kind: ClassVar[str]
    platform: ClassVar[str]

    def __init__(self, source: SourceConfig | str | None = None,
                 sources_file: str = default("sources"),
                 recheck: list[dict] | None = None, **kwargs: Any) -> None:
        if isinstance(source, str):  # `scrapy crawl telegram -a source=NAME`
            source = select_sources(load_sources(sources_file), [source])[0]
        if source is None:
            raise ValueError("a source is required: -a source=NAME")
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.allowed_domains = [source.host, *source.extra_hosts]
        self._requested: set[str] = set()
        # Stored posts to look for again instead of a crawl (`patrol recheck`): dicts with the
        # post's `post_id`, `url` and `page` (where it was last found).
        self.recheck = recheck

    async def start(self):
        if self.recheck is not None:
            for request in self.recheck_requests():
                yield request
            return
        for request in self.follow(self.source.url, self.parse_start, depth=0):
            yield request

    def parse_start(self, response: Response):
        raise NotImplementedError

    # --- recheck ------------------------------------------------------------------------------

    def recheck_url(self, target: dict) -> str:
        """The page that shows a stored post if it is still online: by default its own URL."""
        return target["url"]

    def recheck_requests(self) -> Iterator[Request]:
        """One request per page to look at, for every stored post shown on it. Each is one
        page, not a crawl: the source's page limit does not apply, its politeness does."""
        pages: dict[str, list[dict]] = {}
        for target in self.recheck:
            pages.setdefault(self.recheck_url(target), []).append(target)
        for url, targets in pages.items():
            # 404 and 410 reach the callback: they are the answer "gone", not an error.
            yield Request(url, callback=self.parse_recheck, errback=self.recheck_failed,
                          cb_kwargs={"targets": targets}, dont_filter=True,
                          meta={**self.fetch_meta(), "handle_httpstatus_list": list(GONE),
                                "targets": targets})

    def parse_recheck(self, response: Response, targets: list[dict]):
        """Each post looked for as a Sighting; a post still there also as the PostItem a crawl
        would make of it (a changed one is stored as a new version). Other posts on the page and
        links to further pages are left alone: a recheck changes only what it looks for."""
        evidence = self.evidence(response)
        if response.status in GONE:
            self.page_seen(response)
            found = {}
        else:
            found = self.posts_on_page(response)  # parsing counts the page
        for target in targets:
            item = found.get(canonicalize_url(target["url"], keep_fragments=True))
            if item is not None:
                yield item
            yield Sighting(post_id=target["post_id"], url=target["url"], status=response.status,
                           present=item is not None, text=item.text if item else None,
                           evidence=evidence)

    def posts_on_page(self, response: Response) -> dict[str, PostItem]:
        """The posts a crawl finds on this page, by canonical URL (parse_start counts the page)."""
        return {canonicalize_url(item.url, keep_fragments=True): item
                for item in self.parse_start(response) if isinstance(item, PostItem)}

    def recheck_failed(self, failure: Failure):
        self.on_error(failure)
        request = getattr(failure, "request", None)
        for target in (request.meta.get("targets", []) if request is not None else []):
            # A page refused by a rule (robots.txt) was not looked at either: no conclusion.
            yield Sighting(post_id=target["post_id"], url=target["url"], status=None,
                           failed=fetch_error_kind(failure) or "skipped")

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
        meta = {**self.fetch_meta(), **kwargs.pop("meta", {})}
        yield Request(url, callback=callback, errback=errback, meta=meta, **kwargs)

    def fetch_meta(self) -> dict[str, Any]:
        """The meta of every request for this source: its timeout, read by Scrapy's downloader,
        and for a source that renders its pages, what the browser needs."""
        meta: dict[str, Any] = {"download_timeout": self.source.timeout}
        if self.source.render:
            meta |= render_meta(self.source.wait_for, self.source.timeout)
        return meta

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

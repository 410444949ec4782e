"""Retrying transient failures with a growing pause, and redirect loops told apart.

Scrapy's RetryMiddleware already retries only what may pass (timeouts, dropped connections,
408, 429 and the 5xx answers of overloaded gateways; never a 404 or a 403) but at once, which
hits a struggling site again while it struggles. This middleware, placed before it, waits
PATROL_RETRY_BACKOFF * 2^(n-1) seconds before the n-th retry of a request."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

from crawler.errors import RedirectLoop


class RetryBackoff:
    def __init__(self, base: float) -> None:
        self.base = base

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryBackoff:
        return cls(crawler.settings.getfloat("PATROL_RETRY_BACKOFF"))

    async def process_request(self, request: Request, spider=None) -> None:
        tries = request.meta.get("retry_times", 0)
        # A retry is a copy of the request, meta included: the mark says which try waited.
        if tries and self.base > 0 and request.meta.get("patrol_waited") != tries:
            request.meta["patrol_waited"] = tries
            await maybe_deferred_to_future(
                deferLater(reactor, self.base * 2 ** (tries - 1), lambda: None))
        return None


class RedirectLoops(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, refusing a redirect back to a URL of the same chain. Scrapy
    would schedule it and its dupefilter drop it unseen: the source ended with no page and no
    error. Refused here, the request's errback counts it as too_many_redirects."""

    def process_response(self, request: Request, response: Response,
                         spider=None) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            raise RedirectLoop(f"redirect loop back to {result.url}")
        return result

"""Pages built by JavaScript: fetched with a real browser (scrapy-playwright driving Debian's
Chromium) for sources that say `render = true`, and with plain HTTP for everything else.

Only a crawler whose source renders loads scrapy-playwright, and its browser starts on the
first rendered page: a crawl without such a source neither imports it nor starts a browser.
The browser's pages are few (PATROL_RENDER_PAGES at once), load no images, fonts or media, and
the browser is closed with the crawl. A page the browser built is held to DOWNLOAD_MAXSIZE as
a fetched one is."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Request, Response

from crawler.errors import RenderError, RenderTimeout
from crawler.handlers import HTTP11Handler

# What a listing's text never needs; the browser is asked not to fetch it.
_SKIPPED = frozenset({"image", "font", "media"})


def skip_heavy(request: Any) -> bool:
    """scrapy-playwright's PLAYWRIGHT_ABORT_REQUEST: drop images, fonts and media."""
    return request.resource_type in _SKIPPED


def render_meta(wait_for: str | None, timeout: float) -> dict[str, Any]:
    """The meta of a rendered request: through the browser, waiting at most `timeout` seconds
    for the page to load and, if given, for `wait_for` to appear."""
    from scrapy_playwright.page import PageMethod

    limit = timeout * 1000  # Playwright counts milliseconds
    methods = [PageMethod("wait_for_selector", wait_for, timeout=limit)] if wait_for else []
    return {"playwright": True, "playwright_page_goto_kwargs": {"timeout": limit},
            "playwright_page_methods": methods}


class RenderHandler(HTTP11Handler):
    """The download handler for http(s): a request with meta `playwright` goes to the browser,
    any other to Scrapy's HTTP/1.1 handler."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._browser = None
        source = getattr(crawler.spider, "source", None)
        if getattr(source, "render", False):
            self._browser = _browser_handler(crawler)

    async def download_request(self, request: Request) -> Response:
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        if self._browser is None:
            raise RenderError("this source does not render its pages")
        from playwright.async_api import Error, TimeoutError

        try:
            response = await self._browser.download_request(request)
        except TimeoutError as exc:
            raise RenderTimeout(_first_line(exc)) from None
        except Error as exc:
            raise RenderError(_first_line(exc)) from None
        # A script can build a page of any size; a built page over the limit is too large as
        # a fetched one is (crawler.errors counts it as too_large).
        limit = request.meta.get("download_maxsize", self._default_maxsize)
        if limit and len(response.body) > limit:
            raise DownloadCancelledError(f"the rendered page is {len(response.body)} bytes, "
                                         f"over DOWNLOAD_MAXSIZE ({limit} bytes)")
        return response

    async def close(self) -> None:
        await super().close()
        if self._browser is not None:
            await self._browser.close()  # closes the browser and Playwright's driver


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _browser_handler(crawler: Crawler):
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

    handler = ScrapyPlaywrightDownloadHandler.from_crawler(crawler)
    settings = crawler.settings
    handler.config.launch_options = {"executable_path": settings.get("PATROL_CHROMIUM"),
                                     "headless": True}
    handler.config.max_pages_per_context = settings.getint("PATROL_RENDER_PAGES")
    return handler

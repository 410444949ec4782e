"""RSS and Atom feeds; an entry that holds only a summary has its page fetched for the text."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.extract import html_to_text, values_to_text
from crawler.items import PostItem, Sighting
from crawler.spiders.base import GONE, SourceSpider

# Where article pages usually keep their body, most specific first.
_ARTICLE = ("[itemprop=articleBody]", ".entry-content", ".post-content", "article", "main",
            "body")


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


class FeedSpider(SourceSpider):
    name = "feed"
    kind = "feed"
    platform = "feed"

    def parse_start(self, response: Response):
        self.page_seen(response)
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            self.report_error("parse", "%s is not a readable RSS/Atom feed: %s", response.url,
                              feed.get("bozo_exception"))
            return
        evidence = self.evidence(response)
        for entry in feed.entries:
            item = PostItem(source=self.source.name, platform=self.platform,
                            url=response.urljoin(entry.get("link") or ""),
                            text="", author=entry.get("author"),
                            posted_at=_entry_date(entry), evidence=evidence)
            title = entry.get("title", "")
            content = entry.get("content")
            if content:
                item.text = "\n".join(p for p in (title, html_to_text(content[0].value)) if p)
                yield item
                continue
            item.text = "\n".join(p for p in (title, html_to_text(entry.get("summary", ""))) if p)
            if not entry.get("link"):
                continue  # no page and no permalink: nothing to identify the post by
            page = list(self.follow(item.url, self.parse_entry_page,
                                    errback=self.entry_page_failed,
                                    cb_kwargs={"item": item}, meta={"item": item}))
            yield from page
            if not page and item.text:
                yield item  # past the page limit or off-host: keep the summary
        for link in feed.feed.get("links", []):
            if link.get("rel") == "next" and link.get("href"):
                yield from self.follow(response.urljoin(link["href"]), self.parse_start,
                                       depth=self.depth_of(response) + 1)

    def parse_entry_page(self, response: Response, item: PostItem):
        self.page_seen(response)
        for selector in _ARTICLE:
            body = values_to_text(response.css(selector).getall()[:1])
            if body:
                title = item.text.split("\n", 1)[0]
                item.text = body if body.startswith(title) else f"{title}\n{body}"
                break
        item.url = response.url
        item.evidence = self.evidence(response)
        yield item

    def entry_page_failed(self, failure: Failure):
        """Keep the entry with its summary when its page cannot be fetched."""
        self.on_error(failure)
        item = failure.request.meta["item"]
        if item.text:
            yield item

    def parse_recheck(self, response: Response, targets: list[dict]):
        """An entry's own page says whether it is still online. Its text is not compared: the
        post may hold the feed's text rather than the page's."""
        self.page_seen(response)
        evidence = self.evidence(response)
        for target in targets:
            yield Sighting(post_id=target["post_id"], url=target["url"], status=response.status,
                           present=response.status not in GONE, evidence=evidence)

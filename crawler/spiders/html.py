"""Any other public listing, described by CSS selectors in the sources file."""

from __future__ import annotations

import hashlib

from scrapy.http import Response

from crawler.extract import parse_datetime, values_to_text
from crawler.items import PostItem
from crawler.spiders.base import SourceSpider


class HtmlSpider(SourceSpider):
    name = "html"
    kind = "html"
    platform = "web"

    def parse_start(self, response: Response):
        self.page_seen(response)
        sel = self.source.selectors
        evidence = self.evidence(response)
        for node in response.css(sel["item"]):
            text = values_to_text(node.css(sel["text"]).getall())
            if not text:
                continue
            link = node.css(sel["link"]).get() if "link" in sel else None
            if link:
                url = response.urljoin(link.strip())
            else:  # no permalink: the listing page plus a stable anchor for this text
                url = f"{response.url}#post-{hashlib.sha1(text.encode()).hexdigest()[:12]}"
            author = values_to_text(node.css(sel["author"]).getall()[:1]) if "author" in sel \
                else None
            posted = node.css(sel["posted_at"]).get() if "posted_at" in sel else None
            yield PostItem(source=self.source.name, platform=self.platform, url=url, text=text,
                           author=author or None, posted_at=parse_datetime(posted),
                           evidence=evidence)
        next_page = response.css(sel["next"]).get() if "next" in sel else None
        if next_page:
            yield from self.follow(response.urljoin(next_page.strip()), self.parse_start,
                                   depth=self.depth_of(response) + 1)

    def recheck_url(self, target: dict) -> str:
        """The listing page the post was last found on: its text came from there, and a post
        without a permalink has no page of its own."""
        return target.get("page") or target["url"].split("#", 1)[0]

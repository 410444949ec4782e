"""Public Telegram channel previews (t.me/s/NAME): messages, dates, permalinks, older pages."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy.http import Response

from crawler.extract import html_to_text, parse_datetime
from crawler.items import PostItem
from crawler.spiders.base import SourceSpider


class TelegramSpider(SourceSpider):
    name = "telegram"
    kind = "telegram"
    platform = "telegram"

    def parse_start(self, response: Response):
        self.page_seen(response)
        evidence = self.evidence(response)
        channel = response.css(".tgme_channel_info_header_title span::text").get()
        for message in response.css("div.tgme_widget_message[data-post]"):
            body = message.css("div.tgme_widget_message_text").get()
            text = html_to_text(body) if body else ""
            if not text:
                continue  # a photo or sticker without a caption
            post_id = message.attrib["data-post"]
            date_link = message.css("a.tgme_widget_message_date")
            author = (message.css(".tgme_widget_message_from_author::text").get()
                      or message.css(".tgme_widget_message_owner_name span::text").get()
                      or channel)
            yield PostItem(
                source=self.source.name, platform=self.platform,
                url=response.urljoin(date_link.attrib.get("href", f"https://t.me/{post_id}")),
                text=text, author=author.strip() if author else None,
                posted_at=parse_datetime(date_link.css("time::attr(datetime)").get()),
                evidence=evidence)
        older = response.css("a.tme_messages_more[data-before]::attr(href)").get()
        if older:
            yield from self.follow(response.urljoin(older), self.parse_start,
                                   depth=self.depth_of(response) + 1)

    def recheck_url(self, target: dict) -> str:
        """A message's preview page, `t.me/s/CHANNEL/ID`: it shows the message while it exists
        and the messages around it once it is deleted."""
        parts = urlsplit(target["url"])
        path = parts.path if parts.path.startswith("/s/") else "/s" + parts.path
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))

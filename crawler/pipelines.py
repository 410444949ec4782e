"""Item pipelines, in the order of ITEM_PIPELINES: normalise, dedupe, score, queue, store.

Each does one thing. The queue pipeline only decides whether a post goes to review (and why);
the store pipeline then writes the post, its version, its score and its review item in one
transaction, so a crash can never leave a flagged post stored but not queued.
"""

from __future__ import annotations

import re
from datetime import UTC

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.orm import Session
from w3lib.url import canonicalize_url

from classifier import load_scorer
from crawler.items import PostItem
from storage.db import open_database, session_factory
from storage.posts import (
    Outcome,
    PostInput,
    content_hash,
    ensure_source,
    store_post,
    store_score,
    touch_if_unchanged,
)
from storage.queue import enqueue

MAX_TEXT = 50_000  # characters; longer posts are cut (the evidence keeps the whole page)
_NUL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLANKS = re.compile(r"\n{3,}")


class NormalisePipeline:
    """Clean whitespace and control characters, canonicalise the URL, drop empty posts."""

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls()

    def process_item(self, item: PostItem) -> PostItem:
        text = _NUL.sub("", item.text.replace("\r\n", "\n").replace("\r", "\n"))
        text = _BLANKS.sub("\n\n", text).strip()[:MAX_TEXT]
        if not text:
            raise DropItem(f"empty text at {item.url}")
        item.text = text
        item.url = canonicalize_url(item.url, keep_fragments=True)
        if item.posted_at is not None and item.posted_at.tzinfo is None:
            item.posted_at = item.posted_at.replace(tzinfo=UTC)
        item.content_hash = content_hash(text)
        return item


class _DatabasePipeline:
    def __init__(self, database_url: str | None, crawler: Crawler) -> None:
        self.database_url = database_url
        self.crawler = crawler
        self.session: Session | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler.settings.get("PATROL_DATABASE_URL"), crawler)

    def open_spider(self) -> None:
        self.engine = open_database(self.database_url)
        self.session = session_factory(self.engine)()

    def close_spider(self) -> None:
        if self.session is not None:
            self.session.close()
        self.engine.dispose()


class DedupePipeline(_DatabasePipeline):
    """Drop exact repeats within the run, and posts already stored with the same text."""

    def open_spider(self) -> None:
        super().open_spider()
        self.seen: set[tuple[str, str]] = set()

    def process_item(self, item: PostItem) -> PostItem:
        key = (item.url, item.content_hash)
        if key in self.seen:
            raise DropItem(f"repeat of {item.url} in this run")
        self.seen.add(key)
        self.crawler.stats.inc_value("patrol/posts_seen")
        unchanged = touch_if_unchanged(self.session, item.url, item.content_hash)
        self.session.commit()
        if unchanged:
            self.crawler.stats.inc_value("patrol/posts_unchanged")
            raise DropItem(f"unchanged since the last crawl: {item.url}")
        return item


class ScorePipeline:
    """Score the post with the configured model (PATROL_MODEL; the active one by default)."""

    def __init__(self, model: str | None) -> None:
        self.scorer = load_scorer(model)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler.settings.get("PATROL_MODEL"))

    def process_item(self, item: PostItem) -> PostItem:
        item.result = self.scorer.score([item.text])[0]
        return item


class QueuePipeline:
    """Decide which posts go to review: every post scored at or above the threshold."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_item(self, item: PostItem) -> PostItem:
        if item.result is not None and item.result.score >= item.result.threshold:
            item.queue_reason = "threshold"
        return item


class StorePipeline(_DatabasePipeline):
    """Write post, version, evidence, score and review item in one transaction."""

    def open_spider(self) -> None:
        super().open_spider()
        source = getattr(self.crawler.spider, "source", None)
        self.source_id = None
        if source is not None:
            self.source_id = ensure_source(self.session, source.name, source.kind, source.url,
                                           source.as_dict()).id
            self.session.commit()

    def process_item(self, item: PostItem) -> PostItem:
        post = PostInput(url=item.url, platform=item.platform, text=item.text,
                         author=item.author, posted_at=item.posted_at, evidence=item.evidence)
        try:
            outcome, version = store_post(self.session, post, self.source_id)
            if outcome is not Outcome.UNCHANGED and item.result is not None:
                score = store_score(self.session, version.id, item.result)
                if item.queue_reason:
                    enqueue(self.session, score, item.queue_reason)
            self.session.commit()
        except Exception:
            self.session.rollback()
            raise
        stats = self.crawler.stats
        stats.inc_value(f"patrol/posts_{outcome.value}")
        if outcome is not Outcome.UNCHANGED and item.queue_reason:
            stats.inc_value("patrol/flagged")
        return item

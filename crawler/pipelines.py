"""Item pipelines, in the order of ITEM_PIPELINES: normalise, dedupe, score, (queue), store.

Each does one thing. The queue pipeline (patrol/queue/admission.py, named in the settings by its
path) only decides whether a post goes to review, why and in what order; the store pipeline then
writes the post, its version, its score and its review item in the same
transaction, so a crash can never leave a flagged post stored but not queued.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.spiders import Spider
from sqlalchemy.orm import Session
from w3lib.url import canonicalize_url

from classifier import check_model
from classifier.normalise import without_surrogates
from classifier.workers import scoring_for
from crawler.errors import count_error
from crawler.items import PostItem
from settings_table import SCRAPY_DEFAULTS
from storage.db import open_database, session_factory
from storage.posts import (
    Outcome,
    PostInput,
    ScoredPost,
    content_hash,
    current_hashes,
    ensure_source,
    store_batch,
    touch_seen,
)

logger = logging.getLogger(__name__)
MAX_TEXT = 50_000  # characters; longer posts are cut (the evidence keeps the whole page)
_NUL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLANKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """A post's text as stored: line ends, control characters, lone surrogates and runs of
    blank lines cleaned, cut at MAX_TEXT."""
    text = _NUL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANKS.sub("\n\n", without_surrogates(text)).strip()[:MAX_TEXT]


class NormalisePipeline:
    """Clean whitespace, control characters and lone surrogates, canonicalise the URL, drop
    empty posts."""

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls()

    def process_item(self, item: PostItem) -> PostItem:
        text = clean_text(item.text)
        if not text:
            raise DropItem(f"empty text at {item.url}")
        item.text = text
        item.url = canonicalize_url(item.url, keep_fragments=True)
        if item.posted_at is not None and item.posted_at.tzinfo is None:
            item.posted_at = item.posted_at.replace(tzinfo=UTC)
        item.content_hash = content_hash(text)
        return item


def register_source(session: Session, spider: Spider | None) -> int | None:
    """The id of the spider's source row, created or updated from its config; committed."""
    source = getattr(spider, "source", None)
    if source is None:
        return None
    row_id = ensure_source(session, source.name, source.kind, source.url, source.as_dict()).id
    session.commit()
    return row_id


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
        self.source_id = register_source(self.session, self.crawler.spider)

    def close_spider(self) -> None:
        if self.session is not None:
            self.session.close()
        self.engine.dispose()


class DedupePipeline(_DatabasePipeline):
    """Drop exact repeats within the run, and posts already stored with the same text."""

    def open_spider(self) -> None:
        super().open_spider()
        self.seen: set[tuple[str, str]] = set()
        self.unchanged: list[str] = []
        self.known: dict[str, str] = {}
        if self.source_id is not None:
            self.known = current_hashes(self.session, self.source_id)
            self.session.commit()

    def process_item(self, item: PostItem) -> PostItem:
        key = (item.url, item.content_hash)
        if key in self.seen:
            raise DropItem(f"repeat of {item.url} in this run")
        self.seen.add(key)
        stats = self.crawler.stats
        stats.inc_value("patrol/posts_seen")
        for name in COVERED:  # for the run report's coverage check
            if getattr(item, name) is None:
                stats.inc_value(f"patrol/missing/{name}")
        if self.known.get(item.url) == item.content_hash:
            self.unchanged.append(item.url)
            self.crawler.stats.inc_value("patrol/posts_unchanged")
            raise DropItem(f"unchanged since the last crawl: {item.url}")
        return item

    def close_spider(self) -> None:
        touch_seen(self.session, self.unchanged)
        self.session.commit()
        super().close_spider()


COVERED = ("posted_at", "author")  # optional fields whose absence means changed markup


class ScorePipeline:
    """Score the post with the configured model (PATROL_MODEL; the active one by default).

    Scoring runs in PATROL_SCORE_PROCESSES worker processes (0: in the crawl process). A crawl of
    several sources shares the workers `run_crawl` attaches to each crawler as `patrol_scoring`;
    a spider started some other way (scrapy crawl, Scrapyd) starts its own."""

    def __init__(self, crawler: Crawler) -> None:
        model = crawler.settings.get("PATROL_MODEL")
        check_model(model)
        shared = getattr(crawler, "patrol_scoring", None)
        self.owned = shared is None
        processes = crawler.settings.getint("PATROL_SCORE_PROCESSES",
                                            SCRAPY_DEFAULTS["PATROL_SCORE_PROCESSES"])
        self.scoring = shared or scoring_for(model, processes)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    async def process_item(self, item: PostItem) -> PostItem:
        item.result = await self.scoring.score(item.text)
        return item

    def close_spider(self) -> None:
        if self.owned:
            self.scoring.close()


class StorePipeline(_DatabasePipeline):
    """Write posts, versions, evidence, scores and review items, a batch per transaction.

    Batching keeps the database from being the crawl's bottleneck. A batch is written when it
    is full, when PATROL_STORE_SECONDS have passed, and when the spider closes; a crash loses
    at most the posts of one unwritten batch, and the next crawl fetches those again."""

    def open_spider(self) -> None:
        super().open_spider()
        settings = self.crawler.settings
        # The defaults too, for a crawler made without crawler/settings.py (as in tests).
        self.batch_size = settings.getint("PATROL_STORE_BATCH",
                                          SCRAPY_DEFAULTS["PATROL_STORE_BATCH"])
        self.max_wait = settings.getfloat("PATROL_STORE_SECONDS",
                                          SCRAPY_DEFAULTS["PATROL_STORE_SECONDS"])
        self.pending: list[ScoredPost] = []
        self.last_write = time.monotonic()

    def process_item(self, item: PostItem) -> PostItem:
        post = PostInput(url=item.url, platform=item.platform, text=item.text,
                         author=item.author, posted_at=item.posted_at, evidence=item.evidence)
        self.pending.append(ScoredPost(post, item.result, item.queue_reason, item.priority))
        if (len(self.pending) >= self.batch_size
                or time.monotonic() - self.last_write >= self.max_wait):
            self.write()
        return item

    def write(self) -> None:
        batch, self.pending = self.pending, []
        self.last_write = time.monotonic()
        if batch:
            self._write(batch)

    def _write(self, batch: list[ScoredPost]) -> None:
        try:
            outcomes = store_batch(self.session, batch, self.source_id)
            self.session.commit()
        except Exception as exc:
            self.session.rollback()
            if len(batch) > 1:  # find the one post at fault; store the others
                for one in batch:
                    self._write([one])
                return
            count_error(self.crawler.stats, "store")
            logger.error("cannot store %s: %s", batch[0].post.url, exc)
            return
        stats = self.crawler.stats
        for outcome, stored in zip(outcomes, batch, strict=True):
            stats.inc_value(f"patrol/posts_{outcome.value}")
            if outcome is not Outcome.UNCHANGED and stored.queue_reason == "threshold":
                stats.inc_value("patrol/flagged")  # samples are queued, not flagged

    def close_spider(self) -> None:
        self.write()
        super().close_spider()

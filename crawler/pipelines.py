"""Item pipelines, in the order of ITEM_PIPELINES: normalise, dedupe, images, score, (queue),
store.

Each does one thing. The queue pipeline (patrol/queue/admission.py, named in the settings by its
path) only decides whether a post goes to review, why and in what order; the store pipeline then
writes the post, its version, its score and its review item in the same
transaction, so a crash can never leave a flagged post stored but not queued.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from datetime import UTC
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, DropItem, IgnoreRequest
from scrapy.http import Request
from scrapy.spiders import Spider
from sqlalchemy.orm import Session
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from classifier import check_model, parts
from classifier.normalise import without_surrogates
from classifier.workers import scoring_for
from crawler.errors import count_error, fetch_error_kind
from crawler.images import ImageRefused, check_image, host_allowed
from crawler.items import PostImage, PostItem
from crawler.ocr import LazyReading
from settings_table import SCRAPY_DEFAULTS
from storage.db import open_database, session_factory
from storage.posts import (
    Outcome,
    PostInput,
    ScoredPost,
    content_hash,
    current_hashes,
    ensure_source,
    image_texts,
    store_batch,
    touch_seen,
)

logger = logging.getLogger(__name__)
MAX_TEXT = 50_000  # characters; longer posts are cut (the evidence keeps the whole page)
# A batch is written early once its posts' images hold this much: a hundred posts with four
# 5 MB images each would otherwise wait in memory together.
PENDING_IMAGE_BYTES = 32 * 1024 * 1024
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
        if not text and not item.image_urls:
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


def reading_of(settings) -> LazyReading:
    """Reading images as the crawl's settings say (the defaults for a crawler made without
    crawler/settings.py, as in tests)."""
    return LazyReading(
        settings.getfloat("PATROL_OCR_SECONDS", SCRAPY_DEFAULTS["PATROL_OCR_SECONDS"]),
        settings.get("PATROL_OCR_LANGUAGES", SCRAPY_DEFAULTS["PATROL_OCR_LANGUAGES"]),
        settings.getint("PATROL_OCR_PROCESSES", SCRAPY_DEFAULTS["PATROL_OCR_PROCESSES"]))


class ImagePipeline:
    """Fetch a post's images, check them and read their text, before the post is scored.

    Only images on the source's own hosts or its media hosts are fetched, at most
    PATROL_IMAGES_PER_POST per post, each under PATROL_IMAGE_MAX_BYTES, and only raster images
    whose bytes say so (crawler/images.py). Each one refused or unreadable is counted by kind in
    the run report and the post is kept. The text is read in worker processes started at the
    first image (a crawl without images never starts them; `run_crawl` shares one set among its
    sources as `patrol_reading`), once per SHA-256: an image read in an earlier crawl or earlier
    in this one is not read again. Its database connection too is opened at the first image."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database: _DatabasePipeline | None = None  # what was read before, by hash

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def open_spider(self) -> None:
        settings, spider = self.crawler.settings, self.crawler.spider
        self.source = getattr(spider, "source", None)
        self.enabled = bool(settings.getint("PATROL_OCR", SCRAPY_DEFAULTS["PATROL_OCR"])
                            and getattr(self.source, "ocr", False))
        self.per_post = settings.getint("PATROL_IMAGES_PER_POST",
                                        SCRAPY_DEFAULTS["PATROL_IMAGES_PER_POST"])
        self.max_bytes = settings.getint("PATROL_IMAGE_MAX_BYTES",
                                         SCRAPY_DEFAULTS["PATROL_IMAGE_MAX_BYTES"])
        shared = getattr(self.crawler, "patrol_reading", None)
        self.owned = shared is None
        self.reading = shared or reading_of(settings)
        self.texts: dict[str, str] = {}  # SHA-256 -> text read during this crawl

    async def process_item(self, item: PostItem) -> PostItem:
        if not self.enabled or not item.image_urls:
            return item
        urls = list(dict.fromkeys(item.image_urls))
        if len(urls) > self.per_post:
            self._skip(item, "image_limit", "%d images; only the first %d are read",
                       len(urls), self.per_post)
            urls = urls[:self.per_post]
        found = await asyncio.gather(*(self._image(item, url, n)
                                       for n, url in enumerate(urls, start=1)))
        item.images = [image for image in found if image is not None]
        return item

    async def _image(self, item: PostItem, url: str, position: int) -> PostImage | None:
        own = list(getattr(self.crawler.spider, "allowed_domains", None) or [])
        if not host_allowed(urlsplit(url).hostname, own, self.source.media_hosts):
            self.crawler.stats.inc_value("patrol/images/offsite")
            logger.info("source %s: image %s of %s is not on the source's hosts: not fetched",
                        self.source.name, url, item.url)
            return None
        body, declared = await self._fetch(item, url)
        if body is None:
            return None
        try:
            checked = check_image(body, declared)
        except ImageRefused as refused:
            self._skip(item, refused.kind, "image %s: %s", url, refused.reason)
            return None
        digest = hashlib.sha256(body).hexdigest()
        text = await self._text(item, url, digest, body)
        return PostImage(url=url, position=position, body=body, sha256=digest,
                         content_type=checked.content_type, width=checked.width,
                         height=checked.height, text=text)

    async def _fetch(self, item: PostItem, url: str) -> tuple[bytes | None, str | None]:
        request = Request(url, dont_filter=True, meta={
            "download_maxsize": self.max_bytes, "download_warnsize": 0,
            "download_timeout": self.source.timeout})
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:  # robots.txt: a rule kept, not an error
            logger.info("source %s: image %s not fetched: %s", self.source.name, url, exc)
            return None, None
        except DownloadCancelledError:
            self._skip(item, "image_too_large", "image %s: larger than %d bytes", url,
                       self.max_bytes)
            return None, None
        except Exception as exc:
            self._skip(item, "image_" + fetch_error_kind(Failure(exc)), "image %s: %s", url,
                       str(exc) or type(exc).__name__)
            return None, None
        if response.status != 200:
            self._skip(item, f"image_http_{response.status}", "image %s: HTTP %d", url,
                       response.status)
            return None, None
        declared = response.headers.get("Content-Type")
        return response.body, declared.decode("latin-1") if declared else None

    async def _text(self, item: PostItem, url: str, digest: str, body: bytes) -> str | None:
        stats = self.crawler.stats
        if digest not in self.texts:
            if self.database is None:
                self.database = _DatabasePipeline.from_crawler(self.crawler)
                self.database.open_spider()
            self.texts.update(image_texts(self.database.session, [digest]))
            self.database.session.commit()
        if digest in self.texts:
            stats.inc_value("patrol/images/known")
            return self.texts[digest]
        reading = await self.reading.read(body)
        if reading.error:
            self._skip(item, reading.error, "image %s: %s", url, reading.reason)
            return None
        stats.inc_value("patrol/images/read")
        self.texts[digest] = reading.text
        return reading.text

    def _skip(self, item: PostItem, kind: str, message: str, *args: object) -> None:
        """Count an image not read, by kind, and say which post it belongs to; the post stays."""
        count_error(self.crawler.stats, kind)
        logger.warning("source %s: post %s: " + message, self.source.name, item.url, *args)

    def close_spider(self) -> None:
        if self.owned:
            self.reading.close()
        if self.database is not None:
            self.database.close_spider()


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
        read = [(image.position, image.text) for image in item.images if image.text]
        if not read:
            item.result = await self.scoring.score(item.text)
            return item
        # The caption and the images' text scored as one; spans given back to their part.
        text, where = parts.joined(item.text, read)
        item.result = parts.placed(await self.scoring.score(text), where)
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
        self.pending_bytes = 0  # of the pending posts' images
        self.last_write = time.monotonic()

    def process_item(self, item: PostItem) -> PostItem:
        post = PostInput(url=item.url, platform=item.platform, text=item.text,
                         author=item.author, posted_at=item.posted_at, evidence=item.evidence,
                         images=tuple(item.images))
        self.pending.append(ScoredPost(post, item.result, item.queue_reason, item.priority))
        self.pending_bytes += sum(len(image.body) for image in item.images)
        if (len(self.pending) >= self.batch_size or self.pending_bytes >= PENDING_IMAGE_BYTES
                or time.monotonic() - self.last_write >= self.max_wait):
            self.write()
        return item

    def write(self) -> None:
        batch, self.pending, self.pending_bytes = self.pending, [], 0
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

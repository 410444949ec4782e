"""A crawl frontier shared by several crawler processes, on one machine or many.

With `PATROL_FRONTIER` set to a Redis URL, every spider of that name uses scrapy-redis's
scheduler: one request queue and one dupefilter in Redis, so a page is fetched once in total,
by whichever worker pops it first. Scrapyd jobs and `scrapy crawl` take the setting too
(`-s PATROL_FRONTIER=redis://…`); `patrol crawl --frontier URL` sets it.

The keys are named after the frontier run (`PATROL_FRONTIER_RUN`, by default today's UTC
date), so workers started the same night share them and the next night starts afresh. Workers
never delete them (another may still be crawling); Redis drops them a few days later.

Requests cross the network through Redis, so they are stored as JSON, never pickled: only
plain values, bytes, datetimes and the two dataclasses spiders put into requests come back.
"""

from __future__ import annotations

import base64
import json
import time
import warnings
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from scrapy_redis.scheduler import Scheduler

from crawler.items import Fetched, PostItem

KEEP_SECONDS = 3 * 24 * 3600
# scrapy-redis 0.9 passes `spider` to the stats on every request; Scrapy now warns each time.
warnings.filterwarnings("ignore", message="Passing a 'spider' argument", module="scrapy_redis")
_DATACLASSES = {cls.__name__: cls for cls in (PostItem, Fetched)}


class SharedFrontier:
    """Scrapy add-on: turns the shared frontier on when PATROL_FRONTIER is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("PATROL_FRONTIER")
        if not url:
            return
        run = settings.get("PATROL_FRONTIER_RUN") or f"{datetime.now(UTC):%Y-%m-%d}"
        prefix = f"cyber-patrol:{run.replace('%', '%%')}:%(spider)s"
        for name, value in {
            "SCHEDULER": "crawler.frontier.FrontierScheduler",
            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_SERIALIZER": "crawler.frontier",
            "SCHEDULER_PERSIST": True,
            "REDIS_URL": url,
        }.items():
            settings.set(name, value, priority="addon")


class FrontierScheduler(Scheduler):
    def close(self, reason: str) -> None:
        for key in (self.queue.key, self.df.key):
            self.server.expire(key, KEEP_SECONDS)


class FrontierIdle:
    """Keeps a worker that runs out of requests alive for PATROL_FRONTIER_IDLE seconds: the
    other workers may still be adding pages to the shared queue. Scrapy looks at the queue
    again every 5 seconds while a spider is idle."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.last_active = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierIdle:
        if not crawler.settings.get("PATROL_FRONTIER"):
            raise NotConfigured
        ext = cls(crawler.settings.getfloat("PATROL_FRONTIER_IDLE"))
        crawler.signals.connect(ext.active, signal=signals.response_received)
        crawler.signals.connect(ext.idle, signal=signals.spider_idle)
        return ext

    def active(self, **kwargs: Any) -> None:
        self.last_active = time.monotonic()

    def idle(self, spider) -> None:
        if time.monotonic() - self.last_active < self.seconds:
            raise DontCloseSpider


# --- the serializer scrapy-redis calls (SCHEDULER_SERIALIZER names this module) -----------


def dumps(request: dict) -> str:
    return json.dumps(_encode(request), separators=(",", ":"))


def loads(data: str | bytes) -> dict:
    return _decode(json.loads(data))


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):  # keys may be bytes (headers): kept as pairs
        return {"$dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if is_dataclass(value) and _DATACLASSES.get(type(value).__name__) is type(value):
        return {"$dataclass": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    raise TypeError(f"a {type(value).__name__} cannot go into the shared frontier")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if "$dict" in value:
        return {_decode(k): _decode(v) for k, v in value["$dict"]}
    if "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if "$dataclass" in value and value["$dataclass"] in _DATACLASSES:
        cls = _DATACLASSES[value["$dataclass"]]
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    raise ValueError(f"not a value this crawler put into the frontier: {sorted(value)}")

"""Which scored posts enter the review queue, and in what order; and the crawl's item pipeline
that applies it (crawler/settings.py names it by its path: the crawler imports nothing from the
application layer)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy.crawler import Crawler

from settings_table import default

# Why an item is in the queue: scored at or above the threshold, or sampled below it (near the
# threshold, or at random) so reviewers' verdicts can estimate what the model misses.
SAMPLE_REASONS = ("uncertain", "random")
REASONS = ("threshold", *SAMPLE_REASONS)


@dataclass(frozen=True)
class Sampling:
    near_share: float = default("sample_near_share")
    near_band: float = default("sample_near_band")
    random_share: float = default("sample_random_share")

    def reason(self, key: str, score: float, threshold: float) -> str | None:
        """Why a post scored `score` is queued, or None. The draw is a hash of `key` (the
        post's URL without its host), not a random number: the same post gets the same answer
        on every crawl, machine and mirror, and the sampling rate is exact over many posts."""
        if score >= threshold:
            return "threshold"
        parts = urlsplit(key)
        where = f"{parts.path}?{parts.query}" if parts.scheme else key
        draw = int(hashlib.sha256(where.encode("utf-8")).hexdigest()[:12], 16) / 16**12
        if score >= threshold - self.near_band:
            return "uncertain" if draw < self.near_share else None
        return "random" if draw < self.random_share else None


# Added to the priority of a returning recruiter's items: above every other item (scores are at
# most 1), in their own order by score.
RETURNING_RAISE = 1.0


def priority_for(score: float, threshold: float, reason: str, returning: bool = False) -> float:
    """Queue order. Samples sit at the threshold, just after every flagged item, rather than
    at their own low score, where a busy queue would never reach them. A returning recruiter's
    item (patrol/cases/returning.py) comes before all of them."""
    base = max(score, threshold) if reason in SAMPLE_REASONS else score
    return base + RETURNING_RAISE if returning else base


class QueuePipeline:
    """Decide which posts go to review: every post scored at or above the threshold, and a
    small sample of the rest, so that what the model misses can be measured
    (PATROL_SAMPLE_NEAR_SHARE of posts within PATROL_SAMPLE_NEAR_BAND below the threshold,
    PATROL_SAMPLE_RANDOM_SHARE of all other posts)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.sampling = Sampling(near_share=settings.getfloat("PATROL_SAMPLE_NEAR_SHARE"),
                                 near_band=settings.getfloat("PATROL_SAMPLE_NEAR_BAND"),
                                 random_share=settings.getfloat("PATROL_SAMPLE_RANDOM_SHARE"))

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_item(self, item):  # a crawler.items.PostItem
        if item.result is not None:
            score, threshold = item.result.score, item.result.threshold
            item.queue_reason = self.sampling.reason(item.url, score, threshold)
            if item.queue_reason:
                item.priority = priority_for(score, threshold, item.queue_reason)
        return item

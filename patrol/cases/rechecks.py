"""Is it still online? `patrol recheck` looks again, through the crawler and as politely as a
crawl (robots.txt, AutoThrottle, the source's own interval and timeout), at the posts that matter
after a decision: every post judged illegal in the last N days, and the posts of open referrals.

Each look is kept with its time and the page it saw: `online` (there, same text), `changed`
(there with another text: the crawl's pipelines store it as a new version, scored and queued
again), `gone` (404 or 410, or no longer on its page: a deleted channel message, a job page that
now has no job on it) or `failed` (the page could not be fetched: no conclusion either way).
What the looks say of each post is read in patrol/cases/takedowns.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crawler.items import Fetched, Sighting
from crawler.pipelines import clean_text
from crawler.sources import SourceConfig, SourcesError, parse_source
from crawler.spiders import SPIDERS
from patrol.cases.takedowns import status_of
from storage.db import open_database, session_factory
from storage.models import (
    Decision,
    Evidence,
    Post,
    PostCheck,
    PostVersion,
    ReviewItem,
    Source,
    utcnow,
)
from storage.posts import content_hash, evidence_rows


@dataclass
class Plan:
    """What one recheck will look at: the sources, and per source the stored posts (each a dict
    the spider reads: `post_id`, `url`, `page` where it was last found, `hash` of its text)."""

    sources: list[SourceConfig]
    targets: dict[str, list[dict]]
    skipped: list[str]  # why posts were left out, one line per reason

    @property
    def count(self) -> int:
        return sum(len(t) for t in self.targets.values())


def plan(session: Session, decided_days: int | None, post_ids: set[int] = frozenset(),
         now: datetime | None = None) -> Plan:
    """The posts to look at: `post_ids` (a referral's posts) and, with `decided_days`, every
    post judged illegal that many days back; not those already found gone."""
    wanted = set(post_ids)
    if decided_days is not None:
        since = (now or utcnow()) - timedelta(days=decided_days)
        wanted |= set(session.scalars(
            select(PostVersion.post_id).join(ReviewItem, ReviewItem.post_version_id
                                             == PostVersion.id)
            .join(Decision, Decision.review_item_id == ReviewItem.id)
            .where(Decision.verdict == "illegal", Decision.created_at >= since)))
    gone = {post_id for post_id, status in status_of(session, wanted).items()
            if status.gone_since is not None}
    rows = session.execute(
        select(Post.id, Post.url, Source, PostVersion.content_hash, Evidence.final_url)
        .join(Source, Post.source_id == Source.id)
        .join(PostVersion, (PostVersion.post_id == Post.id)
              & (PostVersion.version == Post.current_version))
        .outerjoin(Evidence, PostVersion.evidence_id == Evidence.id)
        .where(Post.id.in_(sorted(wanted - gone))).order_by(Post.id)).all()
    sources: dict[str, SourceConfig] = {}
    targets: dict[str, list[dict]] = {}
    skipped: dict[str, int] = {}
    for post_id, url, source, text_hash, page in rows:
        config = sources.get(source.name) or _source(source, skipped)
        if config is None:
            continue
        sources[source.name] = config
        targets.setdefault(source.name, []).append(
            {"post_id": post_id, "url": url, "page": page, "hash": text_hash})
    without_source = len(wanted - gone) - len(rows)
    lines = [f"{n} posts of source {name}: {why}" for (name, why), n in skipped.items()]
    if without_source:
        lines.append(f"{without_source} posts without a source (imported by hand): no page to "
                     "look at")
    return Plan(list(sources.values()), targets, lines)


def _source(source: Source, skipped: dict) -> SourceConfig | None:
    """The source's settings as stored by its last crawl, or None (and why, in `skipped`)."""
    if source.kind in SPIDERS:
        try:
            return parse_source(f"stored settings of source '{source.name}'", source.config)
        except SourcesError as exc:
            why = str(exc)
    else:
        why = f"a {source.kind!r} source has no page to look at again"
    skipped[(source.name, why)] = skipped.get((source.name, why), 0) + 1
    return None


def outcome_of(sighting: Sighting, known_hash: str | None) -> str:
    if sighting.failed:
        return "failed"
    if not sighting.present:
        return "gone"
    if sighting.text is None or content_hash(clean_text(sighting.text)) == known_hash:
        return "online"
    return "changed"


class RecheckPipeline:
    """Record each Sighting a recheck spider yields as a PostCheck, and drop it: the pipelines
    after this one see only posts. Named in crawler/settings.py by its path, first in line; in a
    crawl (no Sightings) it lets everything through untouched."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session: Session | None = None
        self.known: dict[int, str] = {}
        self.pending: list[tuple[PostCheck, Fetched | None]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecheckPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        targets = getattr(self.crawler.spider, "recheck", None)
        if targets is None:
            return
        self.known = {t["post_id"]: t["hash"] for t in targets}
        self.engine = open_database(self.crawler.settings.get("PATROL_DATABASE_URL"))
        self.session = session_factory(self.engine)()
        self.run_id = self.crawler.settings.getint("PATROL_RUN_ID") or None

    def process_item(self, item):
        if not isinstance(item, Sighting):
            return item
        outcome = outcome_of(item, self.known.get(item.post_id))
        self.pending.append((PostCheck(post_id=item.post_id, outcome=outcome,
                                       http_status=item.status, run_id=self.run_id),
                             item.evidence))
        self.crawler.stats.inc_value(f"patrol/rechecked/{outcome}")
        if len(self.pending) >= 100:
            self.write()
        raise DropItem(f"recorded: {item.url} {outcome}")

    def write(self) -> None:
        """Store the pending looks with their pages. The store pipeline may be writing the same
        page (the version of a changed post) in its own transaction: if it wins, the batch is
        written again, finding that page stored."""
        batch, self.pending = self.pending, []
        for attempt in (1, 2):
            try:
                self._add(batch)
                self.session.commit()
                return
            except IntegrityError:
                self.session.rollback()
                if attempt == 2:
                    raise

    def _add(self, batch: list[tuple[PostCheck, Fetched | None]]) -> None:
        pages = evidence_rows(self.session, [page for _, page in batch if page is not None])
        for check, page in batch:
            fresh = PostCheck(post_id=check.post_id, outcome=check.outcome,
                              http_status=check.http_status, run_id=check.run_id)
            stored = pages.get(id(page)) if page is not None else None
            if isinstance(stored, Evidence):
                fresh.evidence = stored
            else:
                fresh.evidence_id = stored
            self.session.add(fresh)

    def close_spider(self) -> None:
        if self.session is not None:
            self.write()
            self.session.close()
            self.engine.dispose()

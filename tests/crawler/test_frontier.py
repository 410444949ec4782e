"""Shared frontier: two `patrol crawl --frontier` workers share one scrapy-redis queue and
dupefilter in the local Redis; every page of a 500-page site is fetched once in total and every
post is stored once in PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from scrapy import Request
from scrapy.utils.request import request_from_dict
from sqlalchemy import func, select

from crawler import frontier
from crawler.demo_site.server import job_board, serve_site
from crawler.items import Fetched, PostItem
from storage.db import open_database, session_factory
from storage.models import Post, PostVersion
from tests.conftest import run_patrol, write_sources

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

REDIS_URL = os.environ.get("PATROL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PER_WORKER = 8  # CONCURRENT_REQUESTS_PER_DOMAIN in crawler/settings.py
HOLD = 90  # seconds the site holds job pages at most, waiting for the second worker


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI: {exc}")
        pytest.skip(f"Redis not reachable: {exc}")
    return REDIS_URL


class Spider:  # what request_to_dict needs of a spider: the callbacks it names
    name = "frontier-test"

    def parse_entry_page(self, response, item):
        pass

    def entry_page_failed(self, failure):
        pass


def test_a_request_carrying_an_item_survives_the_frontier_as_json():
    spider = Spider()
    item = PostItem(source="kabar", platform="rss", url="http://127.0.0.1/berita/1",
                    text="Waspada lowongan palsu", posted_at=datetime(2026, 11, 3, tzinfo=UTC),
                    evidence=Fetched(body=b"<rss>\xff</rss>", final_url="http://x/",
                                           status=200, headers={"Content-Type": "text/xml"}))
    request = Request("http://127.0.0.1/berita/1", callback=spider.parse_entry_page,
                      errback=spider.entry_page_failed, cb_kwargs={"item": item},
                      meta={"item": item, "depth": 1}, headers={"Accept": "text/html"})
    data = frontier.dumps(request.to_dict(spider=spider))
    json.loads(data)  # plain JSON on the wire, nothing pickled
    back = request_from_dict(frontier.loads(data), spider=spider)
    assert back.url == request.url and back.meta["depth"] == 1
    assert back.cb_kwargs["item"] == item  # bytes, datetime and both dataclasses round-trip
    assert back.callback == spider.parse_entry_page
    assert back.headers.get("Accept") == b"text/html"


def test_the_frontier_refuses_to_store_or_load_what_it_does_not_know():
    with pytest.raises(TypeError, match="cannot go into the shared frontier"):
        frontier.dumps({"meta": {"when": object()}})
    with pytest.raises(ValueError, match="not a value this crawler put"):
        frontier.loads('{"$dataclass": "os.system", "fields": {}}')


def _hold_until_two_workers(site) -> None:
    """Job pages are answered only once more are waiting than one worker may ask for at a
    time: proof that both workers take pages from the shared queue, without relying on who
    happens to be faster."""
    arrived = threading.Condition()
    waiting = [0]
    route = site.route

    def held_route(path: str):
        if path.startswith("/loker/job-"):
            with arrived:
                waiting[0] += 1
                arrived.notify_all()
                arrived.wait_for(lambda: waiting[0] > PER_WORKER, timeout=HOLD)
        return route(path)

    site.route = held_route


def _worker(tmp_path: Path, sources: Path, db: str, redis_url: str, run: str,
            ) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    env["PATROL_DATABASE_URL"] = db
    # Past Scrapy's 5-second look at an idle queue, so a worker that starts before the first
    # links are queued sees them before it gives up.
    env["PATROL_FRONTIER_IDLE"] = "6"
    return subprocess.Popen(
        [sys.executable, "-m", "patrol.cli", "crawl", "--sources", str(sources), "--json",
         "--frontier", redis_url, "--frontier-run", run],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_workers_fetch_each_page_once_and_store_each_post_once(tmp_path, pg_url,
                                                                   redis_url):
    content, index = job_board(500)
    run = f"test-{uuid.uuid4().hex[:8]}"
    try:
        with serve_site(content, extra=index) as site:
            _hold_until_two_workers(site)
            sources = write_sources(tmp_path / "sources.toml", [
                # A request held until the other worker starts must not time out and be
                # fetched again, however slowly a busy machine starts the second worker.
                {"name": "papan", "kind": "jobposting", "url": f"{site.url}/loker/",
                 "max_pages": 600, "max_depth": 2, "timeout": HOLD + 30}])
            workers = [_worker(tmp_path, sources, pg_url, redis_url, run) for _ in range(2)]
            results = [w.communicate(timeout=300) for w in workers]
        for worker, (_, errors) in zip(workers, results, strict=True):
            assert worker.returncode == 0, errors
    finally:
        client = redis.Redis.from_url(redis_url)
        client.delete(*client.keys(f"cyber-patrol:{run}:*") or ["-"])

    fetched = Counter(path for path in site.requests if path.startswith("/loker/"))
    assert fetched, [r[1][-3000:] for r in results]
    assert len(fetched) == 501 and set(fetched.values()) == {1}  # index + 500 ads, once each
    shares = [json.loads(out)[0]["pages"] for out, _ in results]
    assert sum(shares) == 501 and min(shares) > 0, shares

    engine = open_database(pg_url)
    with session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Post)) == 500
        assert session.scalar(select(func.count()).select_from(PostVersion)) == 500
        assert session.scalar(select(func.count(func.distinct(PostVersion.text)))) == 500
    engine.dispose()
    # Both workers' runs are in the report, as frontier runs with no yield checks.
    listed = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=pg_url).stdout)
    assert [(r["kind"], r["status"]) for r in listed] == [("frontier", "finished")] * 2


def test_a_frontier_that_is_not_redis_or_cannot_be_reached_stops_before_crawling(tmp_path):
    sources = write_sources(tmp_path / "sources.toml", [
        {"name": "papan", "kind": "jobposting", "url": "http://127.0.0.1:9/loker/"}])
    db = f"sqlite:///{tmp_path / 'patrol.db'}"
    wrong = run_patrol("crawl", "--sources", str(sources), "--frontier", "http://redis:6379",
                       cwd=tmp_path, db=db)
    assert wrong.returncode == 2
    assert "frontier must be a Redis URL (redis://host:6379/0)" in wrong.stderr
    down = run_patrol("crawl", "--sources", str(sources), "--frontier",
                      "redis://patrol:s3cret@127.0.0.1:1/0", cwd=tmp_path, db=db)
    assert down.returncode == 2
    assert "cannot reach the frontier's Redis at redis://127.0.0.1:1/0" in down.stderr
    assert "s3cret" not in down.stderr
    assert not (tmp_path / "patrol.db").exists()  # nothing was started

"""A crawl whose lock's database connection is ended by the server mid-run (pg_terminate_backend,
as an administrator or a restart would) notices: it takes the lock again and says so, or, when
another process took it meanwhile, stops taking new pages and exits 4. Either way the run
report says `lock_lost`, nothing ends in a traceback, and no post is lost or stored twice."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from crawler.demo_site.server import Response, serve_site, telegram_page
from storage.locks import CRAWL, AlreadyRunning, lock_key, take_lock
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import OFFER, channel
from tests.crawler.test_lock import _posts, _start

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

SECOND_PAGE, LAST_PAGE = "/s/lokerx?before=14", "/s/lokerx?before=4"


def _admin(pg_url: str):
    return create_engine(pg_url, poolclass=NullPool)


def _crawl_lock_holders(pg_url: str, granted: bool = True) -> list[int]:
    """Backends holding (or, `granted=False`, waiting for) the crawl lock of pg_url's schema."""
    engine = _admin(pg_url)
    with engine.connect() as c:
        where = c.execute(text("SELECT current_database() || '.' || current_schema()")).scalar_one()
        key = lock_key(CRAWL, where)
        # A bigint advisory key is kept as its high and low 32 bits.
        pids = list(c.scalars(text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
            " AND classid::bigint = :high AND objid::bigint = :low AND granted = :granted"),
            {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF, "granted": granted}))
    engine.dispose()
    return pids


def _terminate(pg_url: str, pids: list[int]) -> None:
    engine = _admin(pg_url)
    with engine.connect() as c:
        for pid in pids:
            c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    engine.dispose()


def _wait_for(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@contextmanager
def _next_in_line(pg_url: str) -> Iterator[None]:
    """Queue for the crawl lock behind the crawl, so the server hands it to us, not back to
    the crawl, the moment the crawl's connection ends; held until the block ends."""
    engine = _admin(pg_url)
    connection = engine.connect()
    where = connection.execute(text(
        "SELECT current_database() || '.' || current_schema()")).scalar_one()
    waiting = threading.Thread(target=connection.execute, args=(
        text("SELECT pg_advisory_lock(:key)"), {"key": lock_key(CRAWL, where)}))
    waiting.start()
    try:
        _wait_for(lambda: _crawl_lock_holders(pg_url, granted=False), "never queued")
        yield
    finally:
        waiting.join(timeout=60)
        connection.close()
        engine.dispose()


def test_a_lock_whose_connection_ended_says_so_can_be_retaken_and_released(pg_url):
    lock = take_lock(pg_url)
    try:
        _terminate(pg_url, _crawl_lock_holders(pg_url))
        _wait_for(lambda: not lock.held(), "the lost lock still looks held")
        lock.retake()
        assert lock.held()
        with pytest.raises(AlreadyRunning):  # really ours again
            take_lock(pg_url).release()
        _terminate(pg_url, _crawl_lock_holders(pg_url))
        _wait_for(lambda: not _crawl_lock_holders(pg_url), "the backend did not end")
    finally:
        lock.release()  # on a connection the server ended: no error, as the lock is gone
    lock.release()


@pytest.fixture
def three_pages(tmp_path):
    """A channel of 23 posts on three pages whose second page answers after 5 s, so the lock
    can be lost while it is being fetched; yields the site and its sources file."""
    content = {"telegram": [channel("lokerx", [OFFER.format(n=n) for n in range(23)])]}
    with serve_site(content) as site:
        site.extra[SECOND_PAGE] = Response(200, "text/html; charset=utf-8", telegram_page(
            content["telegram"][0], 14, site.url).encode(), delay=5)
        yield site, write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])


def _crawl_until_second_page(site, sources, tmp_path, pg_url):
    crawl = _start(["crawl", "--sources", str(sources), "--json"], tmp_path, pg_url)
    _wait_for(lambda: SECOND_PAGE in site.requests or crawl.poll() is not None,
              "the crawl never reached its second page", 60)
    assert crawl.poll() is None, crawl.communicate()
    return crawl


def _done(output: str, errors: str) -> subprocess.CompletedProcess:
    return subprocess.CompletedProcess([], 0, output, errors)


def _report(tmp_path, pg_url) -> dict:
    shown = run_patrol("runs", "show", "1", "--json", cwd=tmp_path, db=pg_url)
    return json.loads(shown.stdout)


def test_a_lock_lost_mid_crawl_is_taken_again_and_reported(tmp_path, pg_url, three_pages):
    site, sources = three_pages
    crawl = _crawl_until_second_page(site, sources, tmp_path, pg_url)
    [first] = _crawl_lock_holders(pg_url)
    _terminate(pg_url, [first])
    # Taken again by a new connection while the second page is still on its way.
    _wait_for(lambda: _crawl_lock_holders(pg_url) not in ([], [first]), "never taken again")
    output, errors = crawl.communicate(timeout=120)

    assert crawl.returncode == 0, errors
    assert "Traceback" not in errors
    assert "FAILED CHECK lock_lost: the crawl lock's database connection ended" in errors
    assert crawl_json(_done(output, errors))["tg"]["posts_new"] == 23
    report = _report(tmp_path, pg_url)
    assert report["status"] == "finished"
    [lost] = report["checks"]
    assert lost["check"] == "lock_lost" and "taken again and the run went on" in lost["message"]
    # Nothing lost or doubled: every post once, and the next crawl finds nothing new.
    assert list(_posts(pg_url).values()) == [1] * 23
    again = run_patrol("crawl", "--sources", str(sources), "--json", cwd=tmp_path, db=pg_url)
    assert again.returncode == 0, again.stderr
    assert crawl_json(again)["tg"]["posts_new"] == 0


def test_a_lock_another_crawl_took_stops_the_crawl_with_exit_4(tmp_path, pg_url, three_pages):
    site, sources = three_pages
    crawl = _crawl_until_second_page(site, sources, tmp_path, pg_url)
    with _next_in_line(pg_url):
        _terminate(pg_url, _crawl_lock_holders(pg_url))
        output, errors = crawl.communicate(timeout=120)
        # The page in flight was finished and stored; no new page was started.
        assert LAST_PAGE not in site.requests
    assert crawl.returncode == 4, errors
    assert "Traceback" not in errors
    assert "could not be taken again" in errors and "stopped taking new pages" in errors
    assert crawl_json(_done(output, errors))["tg"]["posts_new"] == 20
    report = _report(tmp_path, pg_url)
    assert report["status"] == "interrupted"
    assert report["sources"][0]["finish_reason"] == "lock_lost"
    assert [c["check"] for c in report["checks"]] == ["lock_lost"]
    # The next crawl adds only what is missing, and every post is stored once.
    del site.extra[SECOND_PAGE]
    again = run_patrol("crawl", "--sources", str(sources), "--json", cwd=tmp_path, db=pg_url)
    assert again.returncode == 0, again.stderr
    assert crawl_json(again)["tg"]["posts_new"] == 3
    assert list(_posts(pg_url).values()) == [1] * 23

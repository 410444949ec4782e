"""Pages built by JavaScript: a source with `render = true` is fetched by Debian's Chromium
through scrapy-playwright; without it a script-built listing yields nothing."""

from __future__ import annotations

import json
import zlib

import pytest
from sqlalchemy import select

from crawler.demo_site.server import BOARD_SELECTORS, Response, serve_site
from storage.db import open_database, session_factory
from storage.models import Evidence, Post, PostVersion
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import BENIGN, OFFER, channel

pytestmark = pytest.mark.slow  # crawls in a subprocess, a browser

TEXTS = [OFFER.format(n=7000 + n) if n % 3 == 0 else BENIGN.format(n=n) for n in range(10)]
BOARD = [{"author": f"penjual{n}", "date": "2026-11-12T06:30:00+00:00", "text": text,
          "label": "?"} for n, text in enumerate(TEXTS)]


def board_source(site, **extra) -> dict:
    return {"name": "lapak", "kind": "html", "url": f"{site.url}/lapak/", **BOARD_SELECTORS,
            **extra}


def crawl(tmp_path, db, sources):
    path = write_sources(tmp_path / "sources.toml", sources)
    return run_patrol("crawl", "--sources", str(path), "--json", cwd=tmp_path, db=db)


def stored(db) -> dict[str, tuple[str, str | None, bytes]]:
    """Each post's url: its text, author and the evidence body it was found in."""
    engine = open_database(db)
    with session_factory(engine)() as session:
        rows = session.execute(
            select(Post.url, PostVersion.text, Post.author, Evidence.body)
            .join(PostVersion, (PostVersion.post_id == Post.id)
                  & (PostVersion.version == Post.current_version))
            .join(Evidence, Evidence.id == PostVersion.evidence_id)).all()
    engine.dispose()
    return {url: (text, author, zlib.decompress(body)) for url, text, author, body in rows}


def test_a_listing_built_by_javascript_yields_nothing_without_a_browser(tmp_path, sqlite_url):
    with serve_site({"board": BOARD}) as site:
        result = crawl(tmp_path, sqlite_url, [board_source(site)])
    summary = crawl_json(result)["lapak"]
    assert (summary["pages"], summary["posts_seen"], summary["errors"]) == (1, 0, 0)
    assert "/lapak/posts.json" not in site.requests  # nothing ran the page's script


def test_render_true_yields_every_post_of_every_page(tmp_path, sqlite_url):
    with serve_site({"board": BOARD}) as site:
        result = crawl(tmp_path, sqlite_url, [board_source(site, render=True,
                                                           wait_for="div.lapak-post")])
    assert result.returncode == 0, result.stderr
    summary = crawl_json(result)["lapak"]
    assert (summary["pages"], summary["posts_new"], summary["errors"]) == (2, 10, 0)
    assert summary["flagged"] == 4  # the four offers
    assert {"/lapak/", "/lapak/?page=2", "/lapak/posts.json", "/lapak/posts.json?page=2"} \
        <= set(site.requests)
    assert "/lapak/logo.png" not in site.requests  # the browser loads no images
    posts = stored(sqlite_url)
    text, author, body = posts[f"{site.url}/lapak/p/1"]
    assert (text, author) == (TEXTS[0], "penjual0")  # line breaks kept, as in plain pages
    # The evidence is the page as the browser built it, the post in its markup.
    assert b'<div class="lapak-post">' in body and b"0812-0000-7000" in body


# A script that builds a 3 MB page from a few bytes, as a gzip bomb does a page.
SWELLING = (b'<html><body><div class="lapak-post"><p class="isi">x</p></div><script>'
            b'document.body.append("x".repeat(3000000))</script></body></html>')


@pytest.fixture(scope="module")
def bad_rendered_pages(tmp_path_factory):
    """One crawl: a board whose wait_for never appears, a page whose script swells it, and a
    good source beside them."""
    tmp_path = tmp_path_factory.mktemp("render")
    content = {"board": BOARD, "telegram": [channel("lokerx", [OFFER.format(n=1)])]}
    with serve_site(content) as site:
        site.extra["/bengkak"] = Response(200, "text/html", SWELLING)
        result = crawl(tmp_path, f"sqlite:///{tmp_path}/patrol.db", [
            board_source(site, render=True, wait_for="div.tidak-pernah-ada", timeout=2),
            {"name": "bengkak", "kind": "html", "url": f"{site.url}/bengkak", "render": True,
             "item": "div.lapak-post", "text": ".isi"},
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
    return result, crawl_json(result), site


def test_a_page_whose_wait_for_never_appears_ends_at_its_time_limit(bad_rendered_pages):
    result, summary, site = bad_rendered_pages
    assert summary["lapak"]["errors_by_kind"] == {"render_timeout": 1}
    assert (summary["lapak"]["pages"], summary["lapak"]["failed"]) == (0, True)
    assert summary["lapak"]["seconds"] < 20  # its 2 s, not the 30 s default, and no retries
    assert site.requests.count("/lapak/") == 1
    assert "div.tidak-pernah-ada" in result.stderr and "Traceback" not in result.stderr
    assert summary["tg"]["posts_new"] == 1  # the crawl went on


def test_a_page_its_script_swells_past_the_size_limit_is_too_large(bad_rendered_pages):
    _, summary, _ = bad_rendered_pages
    assert summary["bengkak"]["errors_by_kind"] == {"too_large": 1}
    assert summary["tg"]["posts_new"] == 1


def test_a_crawl_without_rendered_sources_never_loads_the_browser_stack(tmp_path, sqlite_url):
    with serve_site({"board": BOARD}) as site:
        path = write_sources(tmp_path / "sources.toml", [board_source(site)])
        # Python lists every module it imports on stderr.
        result = run_patrol("crawl", "--sources", str(path), cwd=tmp_path, db=sqlite_url,
                            env={"PYTHONPROFILEIMPORTTIME": "1"})
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "crawler.render" in imported and "scrapy.crawler" in imported
    assert not {name for name in imported if name.split(".")[0] in ("scrapy_playwright",
                                                                     "playwright")}


def test_a_recheck_of_a_rendered_board_looks_through_the_browser_too(tmp_path, sqlite_url):
    from tests.patrol.cases.test_rechecks import _decide_all_illegal

    with serve_site({"board": BOARD}) as site:
        crawled = crawl(tmp_path, sqlite_url, [board_source(site, render=True,
                                                            wait_for="div.lapak-post")])
        assert crawled.returncode == 0, crawled.stderr
        engine = open_database(sqlite_url)
        decided = _decide_all_illegal(engine)
        engine.dispose()
        result = run_patrol("recheck", "--decided-days", "30", "--json", cwd=tmp_path,
                            db=sqlite_url)
    assert result.returncode == 0, result.stderr
    # Read without the browser, the listing would have none of them: all "gone".
    assert json.loads(result.stdout) | {"run": 0} == {
        "run": 0, "posts": decided, "online": decided, "changed": 0, "gone": 0, "failed": 0,
        "skipped": []}
    assert decided >= 4

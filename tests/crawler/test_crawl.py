"""Real crawls: `patrol crawl` in a subprocess against sites served on 127.0.0.1."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from crawler.demo_site.server import Response, serve_site, telegram_page
from storage.db import open_database, session_factory
from storage.models import CrawlRun, Post, PostVersion, ReviewItem, Score
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import BENIGN, FORUM_SELECTORS, OFFER, channel, job, news, thread

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training


def crawl(tmp_path, db, sources, *extra):
    path = write_sources(tmp_path / "sources.toml", sources)
    return run_patrol("crawl", "--sources", str(path), "--json", *extra, cwd=tmp_path, db=db)


def stored(db):
    engine = open_database(db)
    with session_factory(engine)() as session:
        rows = session.execute(select(Post, PostVersion).join(
            PostVersion, (PostVersion.post_id == Post.id)
            & (PostVersion.version == Post.current_version)).order_by(Post.id)).all()
    engine.dispose()
    return {post.url: (post, version) for post, version in rows}


def count(db, model):
    engine = open_database(db)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(model)).scalar()
    engine.dispose()
    return n


def test_telegram_pages_back_and_keeps_line_breaks_dates_and_permalinks(tmp_path, sqlite_url):
    texts = [OFFER.format(n=n) if n % 3 == 0 else BENIGN.format(n=n) for n in range(13)]
    with serve_site({"telegram": [channel("lokerx", texts)]}) as site:
        result = crawl(tmp_path, sqlite_url, [{"name": "tg", "kind": "telegram",
                                              "url": f"{site.url}/s/lokerx"}])
    assert result.returncode == 0, result.stderr
    summary = crawl_json(result)["tg"]
    assert (summary["pages"], summary["posts_new"], summary["flagged"]) == (2, 13, 5)
    assert "/s/lokerx?before=4" in site.requests
    posts = stored(sqlite_url)
    post, version = posts[f"{site.url}/lokerx/1"]
    assert version.text == OFFER.format(n=0)  # <br> became a newline, nothing else changed
    assert post.author == "Kanal lokerx"
    assert post.posted_at == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    assert len(posts) == 13


def test_jobposting_reads_json_ld_and_microdata_and_keeps_to_the_rules(tmp_path, sqlite_url):
    jobs = [job("art-jeddah", "jsonld", "ART Jeddah", "<p>visa ziarah, tanpa BLK. "
                "wa 0812-0000-1111</p>"),
            job("perawat", "microdata", "Perawat Jerman", "<p>Program resmi G to G.</p>",
                location="Berlin, DE")]
    with serve_site({}, host="localhost") as elsewhere, serve_site({"job": jobs}) as site:
        site.extra["/loker/"] = Response(200, "text/html", (
            '<a href="/loker/art-jeddah">1</a> <a href="/loker/perawat">2</a> '
            '<a href="/admin/export">admin</a> '
            f'<a href="{elsewhere.url}/loker/offsite">elsewhere</a>').encode())
        result = crawl(tmp_path, sqlite_url, [{"name": "board", "kind": "jobposting",
                                              "url": f"{site.url}/loker/"}])
    assert result.returncode == 0, result.stderr
    assert crawl_json(result)["board"]["posts_new"] == 2
    posts = stored(sqlite_url)
    _, art = posts[f"{site.url}/loker/art-jeddah"]
    assert art.text.startswith("ART Jeddah\nvisa ziarah, tanpa BLK.")
    assert "Lokasi: Jeddah, SA" in art.text and "Gaji: SAR 1500 MONTH" in art.text
    nurse, version = posts[f"{site.url}/loker/perawat"]
    assert nurse.author == "Perusahaan perawat" and "Program resmi G to G." in version.text
    assert "/robots.txt" in site.requests
    assert not any(r.startswith("/admin/") for r in site.requests)  # robots.txt disallows it
    assert elsewhere.requests == []  # off-host link never fetched


def test_feed_fetches_the_page_only_for_summary_entries(tmp_path, sqlite_url):
    entries = [news("ringkas", "Lowongan Dubai", "<p>ART Dubai pakai visa turis, gaji 25jt. "
                    "wa 0812-0000-2222</p>", full=False, summary="Lowongan ART..."),
               news("lengkap", "Waspada penipuan", "<p>Waspada modus visa ziarah.</p>",
                    full=True)]
    with serve_site({"news": entries}) as site:
        result = crawl(tmp_path, sqlite_url, [{"name": "news", "kind": "feed",
                                              "url": f"{site.url}/berita/feed.xml"}])
    assert result.returncode == 0, result.stderr
    posts = stored(sqlite_url)
    _, summary_only = posts[f"{site.url}/berita/ringkas"]
    assert "ART Dubai pakai visa turis" in summary_only.text  # from the fetched article page
    assert "Beranda" not in summary_only.text  # navigation is not post text
    _, full = posts[f"{site.url}/berita/lengkap"]
    assert full.text == "Waspada penipuan\nWaspada modus visa ziarah."
    assert "/berita/ringkas" in site.requests and "/berita/lengkap" not in site.requests


def test_html_source_follows_its_selectors_across_pages(tmp_path, sqlite_url):
    threads = [thread(f"user{n}", OFFER.format(n=n)) for n in range(10)]
    with serve_site({"forum": threads}) as site:
        result = crawl(tmp_path, sqlite_url, [{"name": "forum", "kind": "html",
                                              "url": f"{site.url}/forum/",
                                              **FORUM_SELECTORS}])
    assert result.returncode == 0, result.stderr
    assert crawl_json(result)["forum"]["pages"] == 2
    posts = stored(sqlite_url)
    post, version = posts[f"{site.url}/forum/t/10"]
    assert post.author == "user9" and version.text == OFFER.format(n=9)
    assert post.posted_at == datetime(2026, 11, 4, 9, 30, tzinfo=UTC)


def test_max_pages_limits_the_crawl(tmp_path, sqlite_url):
    texts = [BENIGN.format(n=n) for n in range(25)]
    with serve_site({"telegram": [channel("big", texts)]}) as site:
        result = crawl(tmp_path, sqlite_url, [{"name": "tg", "kind": "telegram",
                                              "url": f"{site.url}/s/big", "max_pages": 2}])
    assert crawl_json(result)["tg"]["pages"] == 2
    assert len([r for r in site.requests if r.startswith("/s/big")]) == 2


def test_incremental_crawls_add_nothing_twice_and_version_changed_posts(tmp_path, db_url):
    content = {"telegram": [channel("inc", [OFFER.format(n=1), BENIGN.format(n=2)])]}
    source = {"name": "tg", "kind": "telegram"}
    with serve_site(content) as site:
        source["url"] = f"{site.url}/s/inc"
        first = crawl_json(crawl(tmp_path, db_url, [source]))["tg"]
        second = crawl_json(crawl(tmp_path, db_url, [source]))["tg"]
        content["telegram"][0]["message"][1]["text"] = "EDIT: kerja Malaysia jalur tikus, " \
                                                       "tanpa paspor. wa 0812-0000-9999"
        third = crawl_json(crawl(tmp_path, db_url, [source]))["tg"]
    assert (first["posts_new"], first["flagged"]) == (2, 1)
    assert (second["posts_seen"], second["posts_new"], second["posts_changed"],
            second["flagged"]) == (2, 0, 0, 0)
    assert (third["posts_new"], third["posts_changed"], third["flagged"]) == (0, 1, 1)
    assert count(db_url, Post) == 2
    assert count(db_url, PostVersion) == 3
    assert count(db_url, Score) == 3  # unchanged posts are not scored again
    assert count(db_url, ReviewItem) == 2  # the edited post was queued again
    assert count(db_url, CrawlRun) == 3


# --- bad input: one crawl with a good source among broken ones --------------------------------

TRUNCATED_CHANNEL = channel("trunc", [OFFER.format(n=1), BENIGN.format(n=2), BENIGN.format(n=3)])
LATIN1 = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
          'charset=iso-8859-1"></head><body><div class="post"><p class="body">Loker café '
          'Malaysia, gaji RM 1800 · japri</p></div></body></html>').encode("latin-1")


@pytest.fixture(scope="module")
def broken_crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("broken")
    db = f"sqlite:///{tmp_path / 'patrol.db'}"
    with serve_site({"telegram": [channel("good", [OFFER.format(n=5)])]}) as site:
        page = telegram_page(TRUNCATED_CHANNEL, None, site.url)
        cut = page.index(BENIGN.format(n=3)) + 10  # inside the last message
        site.extra.update({
            "/broken": Response(500, "text/html", b"<h1>Internal Server Error</h1>"),
            "/huge": Response(200, "text/html", b"<html><body>" + b"a" * 5_000_000),
            "/s/trunc": Response(200, "text/html; charset=utf-8", page[:cut].encode()),
            "/latin1": Response(200, "text/html", LATIN1),
            "/notfeed": Response(200, "application/rss+xml", b"<html><body>nope</body>"),
        })
        html = {"item": "div.post", "text": ".body"}
        result = crawl(tmp_path, db, [
            {"name": "good", "kind": "telegram", "url": f"{site.url}/s/good"},
            {"name": "error500", "kind": "html", "url": f"{site.url}/broken", **html},
            {"name": "unreachable", "kind": "telegram", "url": "http://127.0.0.1:9/s/x"},
            {"name": "huge", "kind": "html", "url": f"{site.url}/huge", **html},
            {"name": "truncated", "kind": "telegram", "url": f"{site.url}/s/trunc"},
            {"name": "latin1", "kind": "html", "url": f"{site.url}/latin1", **html},
            {"name": "notfeed", "kind": "feed", "url": f"{site.url}/notfeed"},
        ])
    return result, crawl_json(result), stored(db), site, db


def test_good_source_is_crawled_whatever_the_others_do(broken_crawl):
    _, summary, posts, site, _ = broken_crawl
    assert (summary["good"]["posts_new"], summary["good"]["errors"]) == (1, 0)
    assert f"{site.url}/good/1" in posts


def test_http_500_is_an_error_for_that_source_only(broken_crawl):
    result, summary, _, site, _ = broken_crawl
    assert summary["error500"]["errors"] == 1 and summary["error500"]["pages"] == 0
    assert "500" in result.stderr and "/broken" in result.stderr


def test_unreachable_source_fails_outright_and_the_exit_status_says_so(broken_crawl):
    result, summary, _, _, _ = broken_crawl
    assert summary["unreachable"]["errors"] >= 1
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_five_megabyte_page_is_abandoned_not_loaded(broken_crawl):
    result, summary, _, _, _ = broken_crawl
    assert (summary["huge"]["pages"], summary["huge"]["errors"]) == (0, 1)


def test_truncated_html_keeps_the_complete_messages(broken_crawl):
    _, summary, posts, site, _ = broken_crawl
    assert summary["truncated"]["errors"] == 0
    assert posts[f"{site.url}/trunc/1"][1].text == OFFER.format(n=1)
    assert posts[f"{site.url}/trunc/2"][1].text == BENIGN.format(n=2)


def test_non_utf8_page_is_decoded_by_its_declared_charset(broken_crawl):
    _, _, posts, site, _ = broken_crawl
    texts = [v.text for p, v in posts.values() if p.url.startswith(f"{site.url}/latin1")]
    assert texts == ["Loker café Malaysia, gaji RM 1800 · japri"]


def test_feed_that_is_not_xml_is_reported(broken_crawl):
    result, summary, _, _, _ = broken_crawl
    assert summary["notfeed"]["errors"] == 1 and summary["notfeed"]["posts_seen"] == 0
    assert "not a readable RSS/Atom feed" in result.stderr


def test_summary_has_the_fields_of_the_design(broken_crawl):
    _, summary, _, _, _ = broken_crawl
    assert set(summary["good"]) >= {"source", "pages", "posts_seen", "posts_new",
                                    "posts_changed", "flagged", "errors", "seconds"}


def test_the_run_report_counts_errors_by_kind_and_bytes_per_source(broken_crawl, tmp_path):
    _, _, _, _, db = broken_crawl
    listed = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=db).stdout)
    assert [(r["kind"], r["status"]) for r in listed] == [("crawl", "failed")]
    shown = run_patrol("runs", "show", str(listed[0]["id"]), "--json", cwd=tmp_path, db=db)
    report = {s["source"]: s for s in json.loads(shown.stdout)["sources"]}
    assert report["good"]["errors_by_kind"] == {} and report["good"]["bytes"] > 0
    assert report["error500"]["errors_by_kind"] == {"http_500": 1}
    assert report["unreachable"]["status"] == "failed"
    assert set(report["unreachable"]["errors_by_kind"]) <= {"connection", "timeout", "fetch"}
    assert report["notfeed"]["errors_by_kind"] == {"parse": 1}
    assert all(s["seconds"] is not None and s["finished_at"] for s in report.values())
    text = run_patrol("runs", "show", str(listed[0]["id"]), cwd=tmp_path, db=db).stdout
    assert "http_500 1" in text and "notfeed" in text


def test_a_site_that_stops_giving_dates_fails_a_check_after_the_run(tmp_path, sqlite_url):
    content = {"telegram": [channel("lokerx", [OFFER.format(n=n) for n in range(5)])]}
    with serve_site(content) as site:
        sources = [{"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}]
        for _ in range(3):
            usual = crawl(tmp_path, sqlite_url, sources)
            assert usual.returncode == 0 and "FAILED CHECK" not in usual.stderr
        page = telegram_page(content["telegram"][0], None, site.url)
        site.extra["/s/lokerx"] = Response(200, "text/html; charset=utf-8", re.sub(
            r"<time[^>]*>.*?</time>", "", page).encode())  # the new markup has no dates
        changed = crawl(tmp_path, sqlite_url, sources)
    assert changed.returncode == 0
    assert "FAILED CHECK coverage_drop: tg: 0% of posts have posted_at, against 100% " \
           "before" in changed.stderr
    runs = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=sqlite_url).stdout)
    assert [[c["check"] for c in r["checks"]] for r in runs] == [["coverage_drop"], [], [], []]


POST_PAGE = b'<html><body><div class="post"><p class="body">Loker admin Kamboja gaji 20jt, ' \
            b'japri 0812-0000-5151</p></div></body></html>'


def test_transient_errors_are_retried_after_a_pause_and_permanent_ones_are_not(tmp_path,
                                                                             sqlite_url):
    with serve_site({}) as site:
        site.extra["/flaky"] = [Response(503, "text/html", b"sibuk"),
                                Response(503, "text/html", b"sibuk"),
                                Response(200, "text/html", POST_PAGE)]
        site.extra["/gone"] = Response(404, "text/html", b"tidak ada")
        html = {"item": "div.post", "text": ".body"}
        result = crawl(tmp_path, sqlite_url, [
            {"name": "flaky", "kind": "html", "url": f"{site.url}/flaky", **html},
            {"name": "gone", "kind": "html", "url": f"{site.url}/gone", **html}])
    summary = crawl_json(result)
    assert (summary["flaky"]["posts_new"], summary["flaky"]["errors"]) == (1, 0)
    assert site.requests.count("/flaky") == 3  # two retries, then the page
    assert site.requests.count("/gone") == 1  # a 404 is an answer: never retried
    assert summary["gone"]["errors_by_kind"] == {"http_404": 1}


def test_a_source_that_hangs_is_abandoned_after_its_own_timeout(tmp_path, sqlite_url):
    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=1)])]}) as site:
        site.extra["/lambat"] = Response(200, "text/html", POST_PAGE, delay=5)
        result = crawl(tmp_path, sqlite_url, [
            {"name": "lambat", "kind": "html", "url": f"{site.url}/lambat", "timeout": 0.5,
             "item": "div.post", "text": ".body"},
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
    summary = crawl_json(result)
    assert summary["lambat"]["errors_by_kind"] == {"timeout": 1}
    assert site.requests.count("/lambat") == 3  # a timeout may pass: retried twice
    assert summary["tg"]["posts_new"] == 1  # the other source is not held up

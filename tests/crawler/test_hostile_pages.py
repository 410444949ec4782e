"""Hostile pages that used to end silently ("0 pages, 0 errors"): a gzip bomb and a redirect
loop are each an error of their own kind, and the good source beside them keeps its posts."""

from __future__ import annotations

import json
import zlib

import pytest

from crawler.demo_site.server import Response, serve_site
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import OFFER, channel

pytestmark = pytest.mark.slow  # crawls in a subprocess

MIB = 1 << 20


def gzip_bomb(inflated_mib: int = 1024) -> bytes:
    """About 1 MiB of gzip that inflates to `inflated_mib` MiB of zeros: one gzip member of a
    mebibyte, repeated (a gzip file may hold many members), so 1 GiB is never in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format
    member = packer.compress(bytes(MIB)) + packer.flush()
    return member * inflated_mib


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    db = f"sqlite:///{tmp_path}/patrol.db"
    bomb = gzip_bomb()
    assert 0.9 * MIB < len(bomb) < 1.1 * MIB
    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=n) for n in range(5)])]}) \
            as site:
        site.extra["/bom"] = Response(200, "text/html", bomb,
                                      headers={"Content-Encoding": "gzip"})
        site.extra["/putar"] = Response(302, "text/html", b"",
                                        headers={"Location": "/putar2"})
        site.extra["/putar2"] = Response(302, "text/html", b"",
                                         headers={"Location": "/putar"})
        html = {"item": "div.post", "text": ".body"}
        path = write_sources(tmp_path / "sources.toml", [
            {"name": "bom", "kind": "html", "url": f"{site.url}/bom", **html},
            {"name": "putar", "kind": "html", "url": f"{site.url}/putar", **html},
            {"name": "baik", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        result = run_patrol("crawl", "--sources", str(path), "--json", cwd=tmp_path, db=db)
        text = run_patrol("crawl", "--sources", str(path), cwd=tmp_path, db=db)
    return result, text, site, db, tmp_path


def test_a_gzip_bomb_is_counted_as_too_large(hostile_crawl):
    result, _, site, _, _ = hostile_crawl
    summary = crawl_json(result)["bom"]
    assert (summary["pages"], summary["failed"]) == (0, True)
    assert summary["errors_by_kind"] == {"too_large": 1}
    assert site.requests.count("/bom") == 2  # once per crawl: a bomb is not retried
    assert "Traceback" not in result.stderr


def test_a_redirect_loop_is_counted_as_too_many_redirects(hostile_crawl):
    result, _, site, _, _ = hostile_crawl
    summary = crawl_json(result)["putar"]
    assert (summary["pages"], summary["failed"]) == (0, True)
    assert summary["errors_by_kind"] == {"too_many_redirects": 1}
    # Stopped when it comes back to /putar, once per crawl (two crawls), not after 20 redirects
    assert (site.requests.count("/putar"), site.requests.count("/putar2")) == (2, 2)


def test_the_good_source_beside_them_keeps_its_posts(hostile_crawl):
    result, _, _, _, _ = hostile_crawl
    summary = crawl_json(result)["baik"]
    assert (summary["posts_new"], summary["errors"]) == (5, 0)
    assert result.returncode == 1  # two sources failed outright


def test_the_failed_source_lines_and_the_run_report_name_the_kinds(hostile_crawl):
    _, text, _, db, tmp_path = hostile_crawl
    assert "source bom failed: nothing could be fetched (too_large 1;" in text.stdout
    assert "source putar failed: nothing could be fetched (too_many_redirects 1;" in text.stdout
    runs = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=db).stdout)
    shown = run_patrol("runs", "show", str(runs[0]["id"]), "--json", cwd=tmp_path, db=db)
    report = {s["source"]: s for s in json.loads(shown.stdout)["sources"]}
    assert report["bom"]["errors_by_kind"] == {"too_large": 1}
    assert report["putar"]["errors_by_kind"] == {"too_many_redirects": 1}
    assert report["baik"]["status"] != "failed"

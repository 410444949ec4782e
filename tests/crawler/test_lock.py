"""Two crawls never overlap: the second one says a crawl is running and exits 3, on SQLite (a
file lock) and PostgreSQL (an advisory lock)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.demo_site.server import Response, serve_site, telegram_page
from storage.db import open_database, session_factory
from storage.locks import AlreadyRunning, take_lock
from storage.models import Post, PostVersion
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import OFFER, channel

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

REPO = Path(__file__).resolve().parents[2]


def _start(args: list[str], cwd: Path, db: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    env["PATROL_DATABASE_URL"] = db
    return subprocess.Popen([sys.executable, "-m", "patrol.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_second_crawl_while_one_runs_is_not_started_and_exits_3(tmp_path, db_url):
    gate = threading.Event()
    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=1)])]}) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        site.gate = gate  # the first crawl's requests wait until the test opens the gate
        first = _start(["crawl", "--sources", str(sources), "--json"], tmp_path, db_url)
        try:
            deadline = time.monotonic() + 60
            while not site.requests:  # it fetches only once it holds the lock
                assert first.poll() is None, first.communicate()
                assert time.monotonic() < deadline, "the first crawl never fetched"
                time.sleep(0.05)
            second = run_patrol("crawl", "--sources", str(sources), cwd=tmp_path, db=db_url)
            assert second.returncode == 3, second.stderr
            assert "another patrol crawl or import is running" in second.stderr
            lines = tmp_path / "posts.jsonl"
            lines.write_text('{"text": "ART Saudi visa ziarah, japri 0812-0000-1111"}\n')
            imported = run_patrol("import", str(lines), cwd=tmp_path, db=db_url)
            assert imported.returncode == 3, imported.stderr
        finally:
            gate.set()
        output, errors = first.communicate(timeout=120)
        assert first.returncode == 0, errors
        assert crawl_json(subprocess.CompletedProcess([], 0, output, errors))["tg"][
            "posts_new"] == 1
        # The lock went with the first crawl: the next one runs.
        third = run_patrol("crawl", "--sources", str(sources), cwd=tmp_path, db=db_url)
    assert third.returncode == 0, third.stderr


def test_a_crawl_killed_while_holding_the_lock_does_not_block_the_next(tmp_path, sqlite_url):
    gate = threading.Event()
    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=1)])]}) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        site.gate = gate
        first = _start(["crawl", "--sources", str(sources)], tmp_path, sqlite_url)
        deadline = time.monotonic() + 60
        while not site.requests:
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        workers = _children(first.pid)
        assert workers, "the crawl has no scoring worker to leave behind"
        first.kill()
        first.wait(timeout=30)
        gate.set()
        after = run_patrol("crawl", "--sources", str(sources), cwd=tmp_path, db=sqlite_url)
    assert after.returncode == 0, after.stderr
    # Its scoring worker went with it rather than waiting for work for ever.
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() and not _zombie(pid) for pid in workers):
        assert time.monotonic() < deadline, f"scoring workers {workers} outlived their crawl"
        time.sleep(0.1)
    # The killed run is reported as interrupted, not as still running.
    runs = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=sqlite_url).stdout)
    assert [r["status"] for r in runs] == ["finished", "interrupted"]
    assert runs[1]["sources"][0]["status"] == "interrupted"


def test_sigterm_mid_crawl_keeps_what_was_stored_and_the_next_run_adds_the_rest(tmp_path,
                                                                               db_url):
    texts = [OFFER.format(n=n) for n in range(23)]  # three pages: 10, 10 and 3 messages
    content = {"telegram": [channel("lokerx", texts)]}
    with serve_site(content) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        second_page, last_page = "/s/lokerx?before=14", "/s/lokerx?before=4"
        # The second page answers slowly: the stop arrives while it is being fetched.
        site.extra[second_page] = Response(200, "text/html; charset=utf-8", telegram_page(
            content["telegram"][0], 14, site.url).encode(), delay=5)
        first = _start(["crawl", "--sources", str(sources), "--json"], tmp_path, db_url)
        deadline = time.monotonic() + 60
        while second_page not in site.requests:
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)
        # Scrapy stops gracefully: the page in flight is finished and stored, no new one
        # is started.
        assert last_page not in site.requests
        assert len(_posts(db_url)) == 20
        del site.extra[second_page]
        second = run_patrol("crawl", "--sources", str(sources), "--json", cwd=tmp_path,
                            db=db_url)
    assert second.returncode == 0, second.stderr
    assert crawl_json(second)["tg"]["posts_new"] == 3
    after = _posts(db_url)
    assert len(after) == 23 and all(versions == 1 for versions in after.values())
    runs = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=db_url).stdout)
    assert [r["status"] for r in runs] == ["finished", "interrupted"]


def _posts(db: str) -> dict[str, int]:
    """Stored post URLs with their number of versions."""
    engine = open_database(db)
    with session_factory(engine)() as session:
        rows = session.execute(select(Post.url, func.count(PostVersion.id))
                               .join(PostVersion).group_by(Post.url)).all()
    engine.dispose()
    return dict(rows)


def test_frontier_workers_share_the_lock_and_keep_a_plain_crawl_or_import_out(db_url):
    with take_lock(db_url, "crawl", shared=True), take_lock(db_url, "crawl", shared=True):
        for what in ("crawl", "import"):
            with pytest.raises(AlreadyRunning, match="another patrol crawl or import"):
                with take_lock(db_url, what):
                    pass
    with take_lock(db_url, "crawl"):  # released with the last worker
        with pytest.raises(AlreadyRunning):
            with take_lock(db_url, "crawl", shared=True):
                pass


def _scrapy_crawl(sources: Path, db: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    return subprocess.run([str(Path(sys.executable).parent / "scrapy"), "crawl", "telegram",
                           "-a", "source=tg", "-a", f"sources_file={sources}",
                           "-s", f"PATROL_DATABASE_URL={db}", "-s", "PATROL_SCORE_PROCESSES=0"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_scrapy_crawl_takes_the_crawl_lock_shared_with_other_jobs(tmp_path, db_url):
    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=1)])]}) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        with take_lock(db_url, "crawl"):  # a `patrol crawl` is running
            refused = _scrapy_crawl(sources, db_url)
        assert site.requests == []  # it fetched nothing
        with take_lock(db_url, "crawl", shared=True):  # another Scrapy job is running
            ran = _scrapy_crawl(sources, db_url)
    assert "Not started: another patrol crawl or import is running" in refused.stderr
    assert "Traceback" not in refused.stderr + ran.stderr
    # Only the job that could run is a run, and stored the post.
    runs = json.loads(run_patrol("runs", "list", "--json", cwd=tmp_path, db=db_url).stdout)
    assert [(r["kind"], r["status"], r["posts_new"]) for r in runs] == [("scrapy", "finished", 1)]

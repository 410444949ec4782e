"""Recheck benchmark: `patrol recheck` of N posts judged illegal on a local job board, where one
ad in ten was taken down (404) and one in ten edited since the crawl. Prints pages/s and the
recheck process's peak RSS. Never part of the test suite.

    .venv/bin/python bench/recheck_bench.py [--posts 10000] [--database URL]

The board is served by a separate process; it is crawled once with `patrol crawl`, every post is
marked as judged illegal, the board changes, and `patrol recheck --decided-days 1` runs as the
nightly job would (the real CLI in its own process, measured alone).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PATROL = str(Path(sys.executable).parent / "patrol")


def serve(posts: int, port: int, changed: bool) -> None:
    """Child process: serve the board (as crawled, or as it is a day later) until killed."""
    from crawler.demo_site.server import job_board, serve_site

    content, index = job_board(posts)
    if changed:
        for n, job in enumerate(content["job"]):
            if n % 10 == 0:
                job["removed"] = True
            elif n % 10 == 1:
                job["description"] += " Kuota tinggal sedikit, segera daftar!"
    with serve_site(content, port=port, extra=index) as site:
        print(site.url, flush=True)
        while True:
            time.sleep(3600)


def _server(posts: int, port: int, changed: bool) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--posts", str(posts),
                               "--port", str(port)] + (["--changed"] if changed else []),
                              stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().strip()


def _judge_all_illegal(database: str) -> int:
    """A decision "illegal" on every stored post, as reviewers would have made."""
    from sqlalchemy import select

    from storage import users
    from storage.db import open_database, session_factory
    from storage.models import Decision, PostVersion, ReviewItem, Score, utcnow

    with session_factory(open_database(database))() as session:
        reviewer = users.add_user(session, "bench", "reviewer", "bench-password")
        now = utcnow()
        for version_id, score_id in session.execute(
                select(PostVersion.id, Score.id).join(Score, Score.post_version_id
                                                      == PostVersion.id)):
            item = session.scalar(select(ReviewItem).where(
                ReviewItem.post_version_id == version_id))
            if item is None:
                item = ReviewItem(post_version_id=version_id, score_id=score_id,
                                  reason="random", status="decided", priority=0.0)
                session.add(item)
                session.flush()
            item.status = "decided"
            session.add(Decision(review_item_id=item.id, reviewer_id=reviewer.id,
                                 verdict="illegal", reason_codes=["fee_upfront"],
                                 created_at=now))
        session.commit()
        return session.query(Decision).count()


def run(posts: int, database: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = database or f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "PATROL_DATABASE_URL": database}
        server, url = _server(posts, 0, changed=False)
        port = int(url.rsplit(":", 1)[1])
        sources = Path(tmp) / "sources.toml"
        sources.write_text(f'[[source]]\nname = "bench"\nkind = "jobposting"\n'
                           f'url = "{url}/loker/"\nmax_pages = {posts + 10}\nmax_depth = 2\n')
        try:
            started = time.perf_counter()
            subprocess.run([PATROL, "crawl", "--sources", str(sources), "--json"], env=env,
                           cwd=tmp, check=True, capture_output=True)
            print(f"filled          {posts} posts crawled in "
                  f"{time.perf_counter() - started:.0f} s")
        finally:
            server.kill()
            server.wait()
        print(f"judged illegal  {_judge_all_illegal(database)} posts")
        server, _ = _server(posts, port, changed=True)
        try:
            started = time.perf_counter()
            recheck = subprocess.Popen([PATROL, "recheck", "--decided-days", "1", "--json"],
                                       env=env, cwd=tmp, stdout=subprocess.PIPE, text=True)
            output = recheck.stdout.read()
            _, status, usage = os.wait4(recheck.pid, 0)
            wall = time.perf_counter() - started
        finally:
            server.kill()
            server.wait()
    found = json.loads(output)
    print(f"rechecked       {found['posts']} posts in {wall:.1f} s (exit status "
          f"{os.waitstatus_to_exitcode(status)})")
    print("outcomes        " + ", ".join(f"{found[k]} {k}" for k in
                                         ("online", "changed", "gone", "failed")))
    print(f"pages/s         {found['posts'] / wall:.0f}")
    print(f"peak RSS        {usage.ru_maxrss / 1024:.0f} MB recheck process")
    print(f"CPU seconds     {usage.ru_utime + usage.ru_stime:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--changed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.posts, args.port, args.changed)
        return
    run(args.posts, args.database)


if __name__ == "__main__":
    main()

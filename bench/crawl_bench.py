"""Crawl benchmark: a generated local job board of N JobPosting pages, crawled with scoring and
storage on. Prints pages/s, posts/s and the crawler's peak RSS. Never part of the test suite.

    .venv/bin/python bench/crawl_bench.py [--pages 2000] [--repeat 3] [--database URL]
        [--flyer-every 5] [--ocr 0] [--ocr-processes 2]
    .venv/bin/python bench/crawl_bench.py --render --pages 200 [--render-pages 2]  # Chromium

With --flyer-every N, every Nth ad carries a flyer image of its own, fetched and read with
Tesseract (PATROL_OCR_PROCESSES worker processes); --ocr 0 turns image reading off, to compare.

The site is served by a separate process so its CPU and memory are not counted as the
crawler's; the crawler's scoring workers are separate processes too (PATROL_SCORE_PROCESSES).
Each run is a fresh process. This machine's CPU speed varies from run to run (the same crawl
takes 13 to 20 CPU seconds), so the median of several runs is the figure to quote.
Target: >= 150 pages/s and < 400 MB peak RSS on 2 cores. With --render the source has
`render = true`: every page goes through the browser (Debian's Chromium, PATROL_RENDER_PAGES
pages at once), whose processes are children, so "largest child" is a browser process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(pages: int, flyer_every: int) -> None:
    """Child process: serve the generated site and print its URL, until killed."""
    from crawler.demo_site.server import job_board, serve_site

    content, index = job_board(pages, flyer_every)
    with serve_site(content, extra=index) as site:
        print(site.url, flush=True)
        while True:
            time.sleep(3600)


def measure(pages: int, database: str | None, reactor: str | None, flyer_every: int = 0,
            ocr: int = 1, ocr_processes: int = 1, render_pages: int | None = None) -> dict:
    """One crawl of a fresh site in this process (a Twisted reactor runs once per process)."""
    from sqlalchemy import func, select

    from crawler.run import crawl_settings, run_crawl
    from crawler.sources import SourceConfig
    from patrol.cases.linking import link_pending
    from storage.db import open_database, session_factory
    from storage.models import ImageFile
    from storage.runs import open_run

    server = subprocess.Popen([sys.executable, __file__, "--serve", "--pages", str(pages),
                               "--flyer-every", str(flyer_every)],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            database = database or f"sqlite:///{tmp}/bench.db"
            with session_factory(open_database(database))() as session:
                run_id = open_run(session, "crawl").id  # as `patrol crawl`, which links after
                session.commit()
            source = SourceConfig(name="bench", kind="jobposting", url=f"{url}/loker/",
                                  max_pages=pages + 10, max_depth=2,
                                  render=render_pages is not None)
            started = time.perf_counter()
            overrides = {"PATROL_RUN_ID": run_id, "PATROL_OCR": ocr,
                         "PATROL_OCR_PROCESSES": ocr_processes}
            overrides |= {"TWISTED_REACTOR": reactor} if reactor else {}
            overrides |= {"PATROL_RENDER_PAGES": render_pages} if render_pages else {}
            [summary] = run_crawl([source], crawl_settings(database, None, overrides))
            elapsed = time.perf_counter() - started
            with session_factory(open_database(database))() as session:
                images = session.scalar(select(func.count()).select_from(ImageFile)
                                        .where(ImageFile.text.is_not(None)))
            linked = time.perf_counter()
            with session_factory(open_database(database))() as session:
                link_pending(session)  # the step `patrol crawl` runs after the crawl
            link_seconds = time.perf_counter() - linked
    finally:
        server.kill()
        server.wait()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"pages": summary.pages, "posts": summary.posts_new, "flagged": summary.flagged,
            "errors": summary.errors, "images_read": images, "wall": elapsed,
            "spider_seconds": summary.seconds,
            "link_seconds": link_seconds,
            "rss_mb": own.ru_maxrss / 1024, "child_rss_mb": children.ru_maxrss / 1024,
            "cpu": own.ru_utime + own.ru_stime,
            "child_cpu": children.ru_utime + children.ru_stime}


def _rate(per_second: float) -> str:
    return f"{per_second:.1f}" if per_second < 10 else f"{per_second:.0f}"


def report(run: dict) -> None:
    print(f"pages crawled   {run['pages']}")
    print(f"posts stored    {run['posts']} (flagged {run['flagged']}, errors {run['errors']})")
    print(f"images read     {run['images_read']}")
    print(f"wall time       {run['wall']:.1f} s (including spider start-up)")
    print(f"pages/s         {_rate(run['pages'] / run['wall'])} overall, "
          f"{_rate(run['pages'] / run['spider_seconds'])} from spider open to close")
    print(f"posts/s         {run['posts'] / run['wall']:.0f}")
    print(f"then linking    {run['link_seconds']:.1f} s to group and link the "
          f"{run['posts']} new posts")
    print(f"peak RSS        {run['rss_mb']:.0f} MB crawler process, "
          f"{run['child_rss_mb']:.0f} MB largest child")
    print(f"CPU seconds     crawler {run['cpu']:.1f}, "
          f"child processes (scoring workers and test site) {run['child_cpu']:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--database", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--reactor", default=None, help="a TWISTED_REACTOR to compare")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs, each in a fresh process; the median is reported")
    parser.add_argument("--flyer-every", type=int, default=0,
                        help="every Nth ad has a flyer image (0: none)")
    parser.add_argument("--ocr", type=int, default=1, choices=(0, 1),
                        help="read the images' text (PATROL_OCR)")
    parser.add_argument("--ocr-processes", type=int, default=1,
                        help="processes reading images (PATROL_OCR_PROCESSES)")
    parser.add_argument("--render", action="store_true",
                        help="crawl the board with render = true (a browser per page)")
    parser.add_argument("--render-pages", type=int, default=2,
                        help="with --render: browser pages at once (PATROL_RENDER_PAGES)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pages, args.flyer_every)
        return
    if args.once:
        render_pages = args.render_pages if args.render else None
        print(json.dumps(measure(args.pages, args.database, args.reactor, args.flyer_every,
                                 args.ocr, args.ocr_processes, render_pages)))
        return
    command = [sys.executable, __file__, "--once", "--pages", str(args.pages),
               "--flyer-every", str(args.flyer_every), "--ocr", str(args.ocr),
               "--ocr-processes", str(args.ocr_processes)]
    command += ["--database", args.database] if args.database else []
    command += ["--reactor", args.reactor] if args.reactor else []
    command += ["--render", "--render-pages", str(args.render_pages)] if args.render else []
    runs = []
    for n in range(args.repeat):
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        run = runs[-1]
        print(f"run {n + 1}: {_rate(run['pages'] / run['wall'])} pages/s overall, "
              f"{_rate(run['pages'] / run['spider_seconds'])} open to close, "
              f"crawler CPU {run['cpu']:.1f} s", flush=True)
    print(f"\nmedian of {len(runs)} runs (by overall pages/s):")
    report(sorted(runs, key=lambda r: r["pages"] / r["wall"])[len(runs) // 2])


if __name__ == "__main__":
    main()

"""Crawl benchmark: a generated local job board of N JobPosting pages, crawled with scoring and
storage on. Prints pages/s, posts/s and the crawler's peak RSS. Never part of the test suite.

    .venv/bin/python bench/crawl_bench.py [--pages 2000] [--database URL]

The site is served by a separate process so its CPU and memory are not counted as the
crawler's; the crawler's scoring workers are separate processes too (PATROL_SCORE_PROCESSES).
Target (issue 3): >= 150 pages/s and < 400 MB peak RSS on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generated_content(pages: int) -> dict:
    """`pages` job ads whose texts cycle through the demo posts, each made unique."""
    from crawler.demo_site.server import load_content

    demo = load_content()
    texts = [m["text"] for c in demo["telegram"] for m in c["message"]]
    texts += [t["text"] for t in demo["forum"]]
    jobs = []
    for n in range(pages):
        jobs.append({"slug": f"job-{n}", "format": "jsonld" if n % 4 else "microdata",
                     "title": f"Lowongan #{n}", "company": f"Perusahaan {n % 97}",
                     "date": "2026-11-05", "location": "Jeddah, SA", "salary": "SAR 1500 MONTH",
                     "description": "<p>" + texts[n % len(texts)].replace("\n", "<br>")
                                    + f" (ref {n})</p>", "label": "?"})
    return {"job": jobs}


def serve(pages: int) -> None:
    """Child process: serve the generated site and print its URL, until killed."""
    from crawler.demo_site.server import Response, serve_site

    content = generated_content(pages)
    index = "".join(f'<a href="/loker/{j["slug"]}">{j["title"]}</a>\n' for j in content["job"])
    with serve_site(content, extra={"/loker/": Response(200, "text/html", index.encode())}) as site:
        print(site.url, flush=True)
        while True:
            time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--database", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--reactor", default=None, help="a TWISTED_REACTOR to compare")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pages)
        return

    from crawler.run import crawl_settings, run_crawl
    from crawler.sources import SourceConfig
    from storage.db import open_database

    server = subprocess.Popen([sys.executable, __file__, "--serve", "--pages", str(args.pages)],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            database = args.database or f"sqlite:///{tmp}/bench.db"
            open_database(database)
            source = SourceConfig(name="bench", kind="jobposting", url=f"{url}/loker/",
                                  max_pages=args.pages + 10, max_depth=2)
            started = time.perf_counter()
            overrides = {"TWISTED_REACTOR": args.reactor} if args.reactor else None
            [summary] = run_crawl([source], crawl_settings(database, None, overrides))
            elapsed = time.perf_counter() - started
    finally:
        server.kill()
        server.wait()
    crawler_cpu = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = crawler_cpu.ru_maxrss / 1024
    child_mb = server_cpu.ru_maxrss / 1024
    print(f"pages crawled   {summary.pages}")
    print(f"posts stored    {summary.posts_new} (flagged {summary.flagged}, "
          f"errors {summary.errors})")
    print(f"wall time       {elapsed:.1f} s (including spider start-up)")
    print(f"pages/s         {summary.pages / elapsed:.0f} overall, "
          f"{summary.pages / summary.seconds:.0f} from spider open to close")
    print(f"posts/s         {summary.posts_new / elapsed:.0f}")
    print(f"peak RSS        {peak_mb:.0f} MB crawler process, {child_mb:.0f} MB largest child")
    print(f"CPU seconds     crawler {crawler_cpu.ru_utime + crawler_cpu.ru_stime:.1f}, "
          f"child processes (scoring workers and test site) "
          f"{server_cpu.ru_utime + server_cpu.ru_stime:.1f}")


if __name__ == "__main__":
    main()

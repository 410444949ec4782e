"""Scale-out benchmark: the same generated job board of N pages crawled by one worker and by
two workers sharing one frontier in Redis (`patrol crawl --frontier`), each into a fresh
PostgreSQL schema. Prints pages/s for each and the speed-up. Never part of the test suite.

    .venv/bin/python bench/scaleout_bench.py [--pages 2000] [--redis URL] [--postgres URL]

pages/s is measured where it is unambiguous, at the site: pages served between the first and
the last page request, so neither the workers' start-up nor the seconds a worker waits for
the others (PATROL_FRONTIER_IDLE) count. Wall time from start to the last worker's exit is
printed too. All processes (site, workers, their scoring processes, Redis and PostgreSQL)
share this machine's cores, so two workers on a 2-core machine measure contention as much as
scale-out; on separate machines each worker brings its own cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(pages: int) -> None:
    """Child process: serve the board, timing page requests; /__stats reports them."""
    from crawler.demo_site.server import Response, job_board, serve_site

    content, index = job_board(pages)
    with serve_site(content, extra=index) as site:
        times: list[float] = []
        route = site.route

        def timed(path: str) -> Response:
            if path == "/__stats":
                return Response(200, "application/json", json.dumps(
                    {"pages": len(times), "first": min(times, default=0),
                     "last": max(times, default=0)}).encode())
            if path.startswith("/loker/"):
                times.append(time.monotonic())
            return route(path)

        site.route = timed
        print(site.url, flush=True)
        while True:
            time.sleep(3600)


def crawl(workers: int, pages: int, redis_url: str, postgres: str) -> dict:
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    site = subprocess.Popen([sys.executable, __file__, "--serve", "--pages", str(pages)],
                            stdout=subprocess.PIPE, text=True)
    try:
        url = site.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            sources = Path(tmp) / "sources.toml"
            sources.write_text(f'[[source]]\nname = "papan"\nkind = "jobposting"\n'
                               f'url = "{url}/loker/"\nmax_pages = {pages + 10}\n'
                               f'max_depth = 2\n', encoding="utf-8")
            env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
            env["PATROL_DATABASE_URL"] = f"{postgres}?options=-csearch_path%3D{schema}"
            run = f"bench-{uuid.uuid4().hex[:8]}"
            command = [sys.executable, "-m", "patrol.cli", "crawl", "--sources", str(sources),
                       "--json", "--frontier", redis_url, "--frontier-run", run]
            started = time.monotonic()
            procs = [subprocess.Popen(command, cwd=tmp, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
                     for _ in range(workers)]
            outputs = [p.communicate() for p in procs]
            wall = time.monotonic() - started
        for proc, (_, errors) in zip(procs, outputs, strict=True):
            if proc.returncode != 0:
                raise SystemExit(f"a worker failed:\n{errors[-2000:]}")
        with urllib.request.urlopen(f"{url}/__stats") as reply:
            stats = json.loads(reply.read())
    finally:
        site.kill()
        site.wait()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        import redis

        client = redis.Redis.from_url(redis_url)
        client.delete(*client.keys(f"cyber-patrol:{run}:*") or ["-"])
    shares = [json.loads(out)[0]["pages"] for out, _ in outputs]
    span = stats["last"] - stats["first"]
    return {"workers": workers, "pages": stats["pages"], "shares": shares,
            "pages_per_s": stats["pages"] / span if span else 0.0, "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pages)
        return
    print(f"{args.pages}-page job board, {os.cpu_count()} cores\n")
    results = []
    for workers in (1, 2):
        result = crawl(workers, args.pages, args.redis, args.postgres)
        results.append(result)
        print(f"{workers} worker{'s' if workers > 1 else ' '}  {result['pages_per_s']:6.0f} "
              f"pages/s  ({result['pages']} pages fetched, per worker {result['shares']}; "
              f"wall {result['wall']:.1f} s with start-up and idle wait)", flush=True)
    print(f"\nspeed-up  {results[1]['pages_per_s'] / results[0]['pages_per_s']:.2f}x")


if __name__ == "__main__":
    main()

"""Review app under load: simulated reviewers, each opening a page every 5 s on average.

    .venv/bin/python bench/review_load.py [--posts 20000] [--workers 2] [--seconds 60]
                                          [--reviewers 10,30,100] [--database URL]

Fills a fresh PostgreSQL database (`patrol_load`, or --database) the way bench/review_bench.py
does (its 100,000 posts by --posts 100000; fewer by default so a run takes a few minutes),
adds one account per simulated reviewer, and serves it with `patrol serve --workers N`. Each
reviewer signs in, then goes round: the queue, a filtered queue (a red flag, a source with a
score band, or a search), "Ambil berikutnya" (a claim), the item it was given, the decision on
it, and now and then the dashboard, waiting a random time (exponential, mean 5 s) before each
page, as people do, not as fast as answered. For each number of reviewers it prints requests/s,
p50, p99 and errors (any answer but the one the page gives, or no answer in 30 s).
Targets on a 2-core machine: 30 reviewers p99 < 500 ms; 100 reviewers without errors.
A benchmark: it prints figures and never fails the suite.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_bench import SOURCES, fill, fresh_database, percentile, serve  # noqa: E402

LOAD_DB = "patrol_load"
PASSWORD = "load-password-1"
MEAN_WAIT = 5.0
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def add_reviewers(url: str, count: int) -> list[str]:
    from storage import users
    from storage.db import open_database, session_factory

    engine = open_database(url)
    names = [f"peninjau{n}" for n in range(count)]
    with session_factory(engine)() as session:
        existing = {u.name for u in users.list_users(session)}
        for name in names:
            if name not in existing:
                users.add_user(session, name, "reviewer", PASSWORD)
        session.commit()
    engine.dispose()
    return names


async def reviewer(base: str, name: str, until: float, tally: Tally, codes: list[str],
                   rng: random.Random) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False) as client:
        page = await client.get("/login")
        signed = await client.post("/login", data={"name": name, "password": PASSWORD,
                                                   "csrf_token": TOKEN.search(page.text)[1]})
        if signed.status_code != 303:
            tally.errors.append(f"login {signed.status_code}")
            return
        token = TOKEN.search((await client.get("/")).text)[1]
        step = 0
        item = None
        while True:
            await asyncio.sleep(rng.expovariate(1 / MEAN_WAIT))
            if time.monotonic() >= until:
                return
            method, path, data, expect = _next(step, item, token, codes, rng)
            step += 1
            started = time.perf_counter()
            try:
                answer = await client.request(method, path, data=data)
            except httpx.HTTPError as exc:
                tally.errors.append(f"{method} {path}: {type(exc).__name__}")
                continue
            tally.times.append((time.perf_counter() - started) * 1000)
            if answer.status_code not in expect:
                tally.errors.append(f"{method} {path}: {answer.status_code}")
            elif path == "/claim-next":
                where = answer.headers.get("location", "")
                item = where if where.startswith("/items/") else None


def _next(step: int, item: str | None, token: str, codes: list[str], rng: random.Random):
    """(method, path, form, expected statuses) of the reviewer's `step`th page."""
    kind = step % 6
    if kind == 0:
        return "GET", "/" if rng.random() < 0.7 else f"/?page={rng.randint(2, 20)}", None, {200}
    if kind == 1:
        path = rng.choice([f"/?flag={rng.choice(codes)}",
                           f"/?source={rng.choice(SOURCES)[0]}&band=high",
                           f"/?q={rng.choice(['kamboja', 'visa ziarah', 'jalur', 'paspor'])}"])
        return "GET", path, None, {200}
    if kind == 2:
        return "POST", "/claim-next", {"csrf_token": token}, {303}
    if kind == 3 and item:
        return "GET", item, None, {200}
    if kind == 4 and item:
        verdict = rng.choice(["illegal", "benign"])
        reasons = {"illegal": "other", "benign": "news"}[verdict]
        return "POST", item + "/decision", {"csrf_token": token, "verdict": verdict,
                                            f"reasons_{verdict}": reasons,
                                            "note": "uji beban"}, {303}
    return "GET", "/dashboard", None, {200}


async def load(base: str, names: list[str], seconds: float, codes: list[str]) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    rng = random.Random(len(names))
    await asyncio.gather(*(reviewer(base, name, until, tally, codes,
                                    random.Random(rng.random())) for name in names))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60,
                        help="how long each number of reviewers works")
    parser.add_argument("--reviewers", default="10,30,100")
    parser.add_argument("--database", help="an empty PostgreSQL database (default: a fresh "
                                           f"{LOAD_DB} next to the test database)")
    args = parser.parse_args()
    levels = [int(n) for n in args.reviewers.split(",")]

    url = args.database or fresh_database(LOAD_DB)
    started = time.perf_counter()
    facts = fill(url, args.posts)
    names = add_reviewers(url, max(levels))
    print(f"filled      {args.posts} posts, {facts['queued']} queued, {len(names)} reviewers, "
          f"in {time.perf_counter() - started:.0f} s; serving with {args.workers} workers")
    process, base = serve(url, args.workers)
    try:
        print(f"{'reviewers':>9} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'errors':>7}")
        for count in levels:
            tally = asyncio.run(load(base, names[:count], args.seconds, facts["codes"]))
            times = tally.times or [0.0]
            print(f"{count:>9} {len(tally.times):>9} {len(tally.times) / args.seconds:>7.1f} "
                  f"{percentile(times, 0.5):>8.0f} {percentile(times, 0.99):>8.0f} "
                  f"{len(tally.errors):>7}", flush=True)
            for error in sorted(set(tally.errors))[:5]:
                print(f"          e.g. {error}")
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()

"""Review app benchmark: 100,000 scored posts in PostgreSQL, pages timed over real HTTP.

    .venv/bin/python bench/review_bench.py [--posts 100000] [--requests 200] [--database URL]

Fills a fresh PostgreSQL database (`patrol_bench`, dropped and created; or --database) with
posts whose texts, flags and entities come from scoring the corpus with the active model, so
the flags are those a real crawl stores. About 40% of posts are queued; a sixth of the queue is
already decided. Posts of one corpus text form one near-duplicate group, as linking would make
them: a few hundred groups of about a hundred posts, the hardest case for the grouped queue.
Then `patrol serve` runs in its own process and one signed-in client times:
the queue page (first and deeper pages), filtered queue pages (red-flag code, source with score
band, platform with date range, text search), the item page, and the dashboard (not targeted).
Each figure is from `--requests` requests after a warm-up.
Target: p50 < 150 ms and p99 < 400 ms for the queue, filtered queue and item pages.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import zlib
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DB = "patrol_bench"
SOURCES = [(f"sumber-{n}", kind) for n, kind in enumerate(
    ["telegram", "jobposting", "rss", "forum"] * 3)]
PASSWORD = "bench-password-1"
CHUNK = 5000


def fresh_database(name: str = BENCH_DB) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def scored_corpus() -> list[dict]:
    """Each corpus text with the active model's result, as stored by a crawl."""
    from classifier import load_scorer
    from classifier.corpus import read_records

    texts = [r.text for r in read_records()]
    return [dict(result.to_dict(), text=text)
            for text, result in zip(texts, load_scorer().score(texts), strict=True)]


def fill(url: str, count: int, seed: int = 7) -> dict:
    """Insert `count` posts with versions, scores, evidence, queue items and decisions."""
    from sqlalchemy import insert, text

    from storage import users
    from storage.db import open_database, session_factory
    from storage.models import (
        Decision,
        Evidence,
        Post,
        PostVersion,
        ReviewItem,
        Score,
        ScoreFlag,
        Source,
        utcnow,
    )

    rng = random.Random(seed)
    engine = open_database(url)
    scored = scored_corpus()
    illegal = [s for s in scored if s["label"] == "illegal"]
    benign = [s for s in scored if s["label"] != "illegal"]
    now = utcnow()
    with session_factory(engine)() as session:
        for name, kind in SOURCES:
            session.add(Source(name=name, kind=kind, url=f"https://{name}.test/"))
        reviewer = users.add_user(session, "bench", "reviewer", PASSWORD)
        session.commit()
        source_ids = dict(session.execute(text("SELECT name, id FROM sources")).all())
        reviewer_id = reviewer.id

    tables = {t: [] for t in ("evidence", "posts", "versions", "scores", "codes", "items",
                              "decisions")}
    queued = 0
    first_with: dict[str, int] = {}  # corpus text -> its first post: their near-duplicate group

    def flush(conn) -> None:  # parents first, for the foreign keys
        for table, model in (("evidence", Evidence), ("posts", Post), ("versions", PostVersion),
                             ("scores", Score), ("codes", ScoreFlag), ("items", ReviewItem),
                             ("decisions", Decision)):
            if tables[table]:
                conn.execute(insert(model), tables[table])
                tables[table].clear()

    with engine.begin() as conn:
        for n in range(1, count + 1):
            name, kind = SOURCES[n % len(SOURCES)]
            # 40% of posts are drawn from the texts the model flags, so that share is queued.
            base = rng.choice(illegal if rng.random() < 0.4 else benign)
            seen = now - timedelta(days=rng.uniform(0, 90))
            body = f"{base['text']}\n\n(kiriman #{n})"
            if n % 20 == 1:  # one fetched page holds twenty posts
                page = f"<html><body><pre>{body}</pre>{'<p>lorem</p>' * 200}</body></html>"
                raw = page.encode()
                tables["evidence"].append(dict(
                    id=n // 20 + 1, sha256=f"{n:064x}", final_url=f"https://{name}.test/p/{n}",
                    status=200, headers={}, body=zlib.compress(raw), body_size=len(raw),
                    fetched_at=seen))
            tables["posts"].append(dict(
                id=n, url=f"https://{name}.test/post/{n}", platform=kind,
                source_id=source_ids[name], author=f"akun{n % 5000}", posted_at=seen,
                first_seen=seen, last_seen=seen, current_version=1))
            tables["versions"].append(dict(
                id=n, post_id=n, version=1, text=body, content_hash=f"{n:064x}",
                first_seen=seen, evidence_id=(n - 1) // 20 + 1,
                group_id=first_with.setdefault(base["text"], n)))
            tables["scores"].append(dict(
                id=n, post_version_id=n, model=base["model"], score=base["score"],
                label=base["label"], threshold=base["threshold"], flags=base["flags"],
                entities=base["entities"], scored_at=seen))
            tables["codes"] += [dict(score_id=n, code=code)
                                for code in dict.fromkeys(f["code"] for f in base["flags"])]
            if base["label"] == "illegal":
                queued += 1
                roll = rng.random()
                status = ("decided" if roll < 0.15 else "escalated" if roll < 0.17
                          else "dismissed" if roll < 0.19 else "open")
                tables["items"].append(dict(
                    id=n, post_version_id=n, score_id=n, status=status,
                    priority=base["score"], reason="threshold", group_id=first_with[base["text"]],
                    created_at=seen + timedelta(minutes=5)))
                if status in ("decided", "escalated"):
                    tables["decisions"].append(dict(
                        review_item_id=n, reviewer_id=reviewer_id,
                        verdict={"decided": rng.choice(["illegal", "benign"]),
                                 "escalated": "unsure"}[status],
                        reason_codes=["other"], note="bench",
                        created_at=seen + timedelta(hours=1)))
            if n % CHUNK == 0:
                flush(conn)
        flush(conn)
        for table in ("sources", "evidence", "posts", "post_versions", "scores",
                      "review_items", "decisions"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT coalesce(max(id), 1) FROM {table}))"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # as autovacuum leaves a live database
    engine.dispose()
    codes = sorted({f["code"] for s in illegal for f in s["flags"]})
    return {"queued": queued, "codes": codes}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    patrol = Path(sys.executable).parent / "patrol"
    process = subprocess.Popen([str(patrol), "serve", "--port", str(port), "--database", url,
                                "--workers", str(workers)],
                               cwd=ROOT, stdout=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("patrol serve did not start")


def signed_in(base: str):
    import httpx

    client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    answer = client.post("/login", data={"name": "bench", "password": PASSWORD,
                                         "csrf_token": token})
    if answer.status_code != 303:
        raise SystemExit(f"login failed: {answer.status_code}")
    return client


def timed(client, paths: list[str], warm: int = 5) -> list[float]:
    for path in paths[:warm]:
        client.get(path)
    out = []
    for path in paths:
        started = time.perf_counter()
        answer = client.get(path)
        out.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"GET {path}: {answer.status_code}")
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: a fresh "
                                           f"{BENCH_DB} next to the test database)")
    args = parser.parse_args()
    rng = random.Random(3)

    url = args.database or fresh_database()
    started = time.perf_counter()
    facts = fill(url, args.posts)
    print(f"filled          {args.posts} posts, {facts['queued']} queued, "
          f"in {time.perf_counter() - started:.0f} s")

    process, base = serve(url)
    try:
        client = signed_in(base)
        n = args.requests
        open_items = [int(m) for m in re.findall(r'href="/items/(\d+)"', client.get("/").text)]
        sources = [name for name, _ in SOURCES]
        cases = {
            "queue page 1": ["/"] * n,
            "queue pages 2-40": [f"/?page={rng.randint(2, 40)}" for _ in range(n)],
            "filtered: flag": [f"/?flag={rng.choice(facts['codes'])}" for _ in range(n)],
            "filtered: source+band": [f"/?source={rng.choice(sources)}&band=high"
                                      for _ in range(n)],
            "filtered: platform+dates": ["/?platform=telegram&from=2026-09-01&to=2026-10-15"
                                         f"&page={rng.randint(1, 3)}" for _ in range(n)],
            "filtered: search": [f"/?q={rng.choice(['kamboja', 'visa ziarah', 'jalur', 'paspor'])}"
                                 for _ in range(n)],
            "item page": [f"/items/{rng.randint(1, args.posts)}" for _ in range(n)],
            "dashboard": ["/dashboard"] * max(n // 10, 5),
        }
        # Items are ids of queued posts only; pick from the ids the queue lists on many pages.
        ids = set(open_items)
        for page in range(2, 60):
            ids.update(int(m) for m in re.findall(r'href="/items/(\d+)"',
                                                  client.get(f"/?page={page}").text))
        cases["item page"] = [f"/items/{rng.choice(sorted(ids))}" for _ in range(n)]
        print(f"{'page':26} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for name, paths in cases.items():
            ms = timed(client, paths)
            print(f"{name:26} {statistics.median(ms):8.1f} {percentile(ms, 0.99):8.1f} "
                  f"{max(ms):8.1f}")
        print("target          p50 < 150 ms, p99 < 400 ms (queue, filtered queue, item page)")
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()

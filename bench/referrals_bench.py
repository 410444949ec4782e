"""Referrals list benchmark: 10,000 referrals in PostgreSQL, the pages timed over real HTTP.

    .venv/bin/python bench/referrals_bench.py [--referrals 10000] [--requests 200] [--database URL]

Fills a fresh PostgreSQL database (`patrol_bench_referrals`, dropped and created; or
--database) with 2,000 decided posts, 12 partners and `--referrals` referrals of one to three
items each, in every status, sent over the last year with their history; then `patrol serve`
runs in its own process (as in bench/review_bench.py, whose helpers this uses) and one
signed-in client times the referrals list (first and deeper pages, each filter) and one
referral's page. Each figure is from `--requests` requests after a warm-up.
Target: the list's p50 < 150 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import timedelta

from review_bench import PASSWORD, fresh_database, percentile, serve, signed_in, timed

POSTS = 2000
PARTNERS = 12
BENCH_DB = "patrol_bench_referrals"


def fill(url: str, count: int, seed: int = 5) -> None:
    from sqlalchemy import insert

    from patrol.cases import referrals
    from storage import users
    from storage.db import open_database, session_factory
    from storage.models import (
        Decision,
        Partner,
        Post,
        PostVersion,
        Referral,
        ReferralEvent,
        ReferralItem,
        ReviewItem,
        Source,
        utcnow,
    )

    rng = random.Random(seed)
    engine = open_database(url)
    now = utcnow()
    with session_factory(engine)() as s:
        admin = users.add_user(s, "bench", "admin", PASSWORD)
        s.add(Source(id=1, name="sumber", kind="telegram", url="https://t.me/s/sumber"))
        s.flush()
        s.execute(insert(Post), [{"id": i, "url": f"https://t.me/s/sumber/{i}",
                                  "platform": "telegram", "source_id": 1, "first_seen": now,
                                  "last_seen": now} for i in range(1, POSTS + 1)])
        s.execute(insert(PostVersion), [{"id": i, "post_id": i, "version": 1,
                                         "text": f"Loker Kamboja admin {i} wa 0812-0000-{i:04d}",
                                         "content_hash": f"{i:064x}", "first_seen": now}
                                        for i in range(1, POSTS + 1)])
        s.execute(insert(ReviewItem), [{"id": i, "post_version_id": i, "status": "decided",
                                        "priority": 0.9, "created_at": now}
                                       for i in range(1, POSTS + 1)])
        s.execute(insert(Decision), [{"review_item_id": i, "reviewer_id": admin.id,
                                      "verdict": "illegal", "reason_codes": ["other"],
                                      "created_at": now} for i in range(1, POSTS + 1)])
        s.execute(insert(Partner), [{"id": p, "name": f"Mitra {p}", "kind": "police",
                                     "contact": "", "region": "", "active": True,
                                     "created_at": now} for p in range(1, PARTNERS + 1)])
        rows, items, events = [], [], []
        for n in range(1, count + 1):
            created = now - timedelta(days=rng.uniform(0, 365))
            status = rng.choice(referrals.STATUSES)
            sent = None if status == "draft" else created + timedelta(days=1)
            rows.append({"id": n, "reference": f"RUJ-{created:%Y}-{n:05d}",
                         "partner_id": rng.randint(1, PARTNERS), "subject_kind": "items",
                         "subject_id": None, "status": status, "created_at": created,
                         "created_by": "bench", "sent_at": sent,
                         "sent_by": "bench" if sent else None,
                         "deadline": sent + timedelta(days=14) if sent else None,
                         "status_at": sent or created, "notes": ""})
            for item in rng.sample(range(1, POSTS + 1), rng.randint(1, 3)):
                items.append({"referral_id": n, "review_item_id": item})
            events.append({"referral_id": n, "at": created, "actor": "bench",
                           "from_status": None, "to_status": "draft", "note": ""})
            if sent:
                events.append({"referral_id": n, "at": sent, "actor": "bench",
                               "from_status": "draft", "to_status": status, "note": ""})
        s.execute(insert(Referral), rows)
        s.execute(insert(ReferralItem), items)
        s.execute(insert(ReferralEvent), events)
        s.commit()
        s.connection().exec_driver_sql("ANALYZE")
        s.commit()
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: a fresh "
                                           f"{BENCH_DB} next to the test database)")
    args = parser.parse_args()
    rng = random.Random(3)
    url = args.database or fresh_database(BENCH_DB)
    started = time.perf_counter()
    fill(url, args.referrals)
    print(f"filled          {args.referrals} referrals of {POSTS} decided posts to {PARTNERS} "
          f"partners in {time.perf_counter() - started:.0f} s")
    process, base = serve(url)
    try:
        client = signed_in(base)
        n = args.requests
        pages = -(-args.referrals // 50)
        cases = {
            "list page 1": ["/referrals"] * n,
            f"list pages 2-{pages}": [f"/referrals?page={rng.randint(2, pages)}"
                                      for _ in range(n)],
            "filtered: partner": [f"/referrals?partner={rng.randint(1, PARTNERS)}"
                                  f"&page={rng.randint(1, 10)}" for _ in range(n)],
            "filtered: status": [f"/referrals?status={rng.choice(['sent', 'closed', 'draft'])}"
                                 for _ in range(n)],
            "filtered: overdue": [f"/referrals?overdue=1&page={rng.randint(1, 5)}"
                                  for _ in range(n)],
            "filtered: partner+status": [f"/referrals?partner={rng.randint(1, PARTNERS)}"
                                         "&status=acknowledged" for _ in range(n)],
            "one referral": [f"/referrals/{rng.randint(1, args.referrals)}" for _ in range(n)],
        }
        print(f"{'page':26} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for name, paths in cases.items():
            ms = timed(client, paths)
            print(f"{name:26} {statistics.median(ms):8.1f} {percentile(ms, 0.99):8.1f} "
                  f"{max(ms):8.1f}")
        print("target          p50 < 150 ms (the referrals list, every filter)")
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()

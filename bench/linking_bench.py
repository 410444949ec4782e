"""Linking benchmark: near-duplicate grouping and recruiter linking over 100,000 posts.

    .venv/bin/python bench/linking_bench.py [--posts 100000] [--database URL]

Generates posts from the corpus the way recruiters post: 5,000 recruiters, each with one or two
phone numbers reused across their posts, each post a corpus text (or an edited repost of an
earlier one: another emoji, a line added, a price changed). Stores them (not timed), then times
`link_pending` over all of them (grouping and linking from scratch), and again for 1,000 new
posts arriving after that. Prints both times, the groups and recruiters found, the share of
reposts that landed in their original's group (what the shortcuts of patrol.cases.groups cost in
recall), and peak RSS.
Targets: full grouping < 60 s, incremental update for 1,000 posts < 2 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

RECRUITERS = 5000


def generate(count: int, start: int, rng: random.Random, texts: list[tuple[str, bool]],
             reposts: dict[str, str]):
    """(url, text, phone, flagged) for `count` posts; `reposts` gets repost URL -> original."""
    from grouping_threshold import edited

    posted: list[tuple[str, bool, str]] = []
    for n in range(start, start + count):
        url = f"https://t.me/s/bench/{n}"
        recruiter = rng.randrange(RECRUITERS)
        phone = f"0812-0000-{recruiter:04d}" if rng.random() < 0.7 else \
            f"0813-0000-{recruiter:04d}"
        if posted and rng.random() < 0.4:  # a repost with small edits
            text, flagged, original = rng.choice(posted[-2000:])
            reposts[url] = original
            text = edited(text, rng)
        else:
            text, flagged = rng.choice(texts)
            text = f"{text}\nhub {phone}"
            posted.append((text, flagged, url))
        yield url, text, phone, flagged


def store(session, posts) -> None:
    from classifier import Entity, ScoreResult
    from storage.posts import PostInput, ScoredPost, store_batch

    batch = []
    for url, text, phone, flagged in posts:
        e164 = "+62" + phone.replace("-", "")[1:]
        where = text.find(phone)
        entities = [Entity("phone", e164, phone, where, where + len(phone))] if where >= 0 else []
        result = ScoreResult(0.9 if flagged else 0.1, "illegal" if flagged else "benign", 0.5,
                             "bench", [], entities)
        batch.append(ScoredPost(PostInput(url=url, platform="telegram", text=text), result,
                                "threshold" if flagged else None))
        if len(batch) == 1000:
            store_batch(session, batch, None)
            session.commit()
            batch = []
    if batch:
        store_batch(session, batch, None)
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--database", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from classifier.corpus import read_records
    from patrol.cases.linking import link_pending
    from storage.db import open_database, session_factory
    from storage.models import Post, PostVersion

    rng = random.Random(5)
    texts = [(r.text, r.label == "illegal") for r in read_records()]
    reposts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/linking.db"
        engine = open_database(url)
        with session_factory(engine)() as session:
            started = time.perf_counter()
            store(session, generate(args.posts, 0, rng, texts, reposts))
            print(f"stored          {args.posts} posts in {time.perf_counter() - started:.0f} s "
                  "(not part of the figures)")
            started, steps = time.perf_counter(), Counter()
            link_pending(session, batch=2000, timings=steps)
            full = time.perf_counter() - started
            store(session, generate(1000, args.posts, rng, texts, reposts))
            started = time.perf_counter()
            link_pending(session)
            incremental = time.perf_counter() - started
            groups = session.scalar(select(func.count(func.distinct(PostVersion.group_id))))
            grouped = session.scalar(select(func.count()).select_from(
                select(PostVersion.group_id).group_by(PostVersion.group_id)
                .having(func.count() > 1).subquery()))
            linked = session.scalar(select(func.count(func.distinct(Post.recruiter_id))))
            group_of = dict(session.execute(select(Post.url, PostVersion.group_id)
                                            .join(PostVersion)).all())
            together = sum(group_of[r] == group_of[o] for r, o in reposts.items())
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"full run        {full:.1f} s for {args.posts} posts from scratch: grouping "
          f"{steps['group']:.1f} s, recruiter linking {steps['link']:.1f} s, reading and "
          f"committing {full - steps['group'] - steps['link']:.1f} s")
    print(f"incremental     {incremental:.2f} s for 1,000 new posts")
    print(f"groups          {groups} ({grouped} with more than one post)")
    print(f"recruiters      {linked}")
    print(f"reposts grouped {together / len(reposts):.1%} of {len(reposts)} edited reposts are "
          "in their original's group (1-3 edits each; bench/grouping_threshold.py: 98.2% of "
          "such pairs reach the threshold)")
    print(f"peak RSS        {peak:.0f} MB")
    print("targets         full grouping < 60 s, incremental < 2 s")


if __name__ == "__main__":
    main()

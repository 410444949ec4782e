"""Claims under contention: many reviewers pressing "ambil berikutnya" at once never share an item.
Runs on SQLite and on PostgreSQL (where claims race for real, with row locks)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from patrol.queue import claims, decisions, states
from storage import users
from storage.db import session_factory
from storage.models import AuditEntry, ReviewItem, User


def test_concurrent_claims_give_each_item_to_one_reviewer(review_engine_any):
    make = session_factory(review_engine_any)
    with make() as s:
        for n in range(12):
            users.add_user(s, f"peninjau{n}", "reviewer", "kata-sandi-uji")
        s.commit()
        names = [f"peninjau{n}" for n in range(12)]
        items = s.scalar(select(func.count()).select_from(ReviewItem))
    results: dict[str, int | None] = {}
    start = threading.Barrier(len(names))

    def reviewer(name: str) -> None:
        with make() as s:
            user = s.scalar(select(User).where(User.name == name))
            start.wait()
            item = claims.claim_next(s, user)
            results[name] = item.id if item else None

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    claimed = [i for i in results.values() if i is not None]
    assert len(results) == len(names)
    assert len(claimed) == items  # every item went to someone ...
    assert max(Counter(claimed).values()) == 1  # ... and to no one twice
    with make() as s:
        holders = s.execute(select(ReviewItem.id, User.name)
                            .join(User, ReviewItem.claimed_by == User.id)).all()
        assert {i: n for i, n in holders} == {i: n for n, i in results.items() if i}
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "claim")) == items


def test_an_expired_claim_can_be_taken_by_another_reviewer(review_engine):
    make = session_factory(review_engine)
    with make() as s:
        rina = s.scalar(select(User).where(User.name == "rina"))
        budi = s.scalar(select(User).where(User.name == "budi"))
        first = claims.claim_next(s, rina, lifetime=timedelta(seconds=-1))  # already expired
        taken = claims.claim(s, first.id, budi)
        assert taken.claimed_by == budi.id
        assert claims.held_by(s, rina) is None


def test_an_expired_claim_on_an_escalated_or_revisited_item_keeps_it_out_of_the_queue(
        review_engine):
    make = session_factory(review_engine)
    with make() as s:
        rina, budi, adi = (s.scalar(select(User).where(User.name == n))
                           for n in ("rina", "budi", "adi"))
        first = claims.claim_next(s, rina)
        decisions.decide(s, first.id, rina, "unsure", ["other"], "tidak yakin")
        second = claims.claim_next(s, rina)
        decisions.decide(s, second.id, rina, "benign", ["other"], "iklan resmi")
        expired = timedelta(seconds=-1)
        claims.claim(s, first.id, adi, lifetime=expired)  # the admin's claim runs out
        claims.claim(s, second.id, rina, lifetime=expired)  # so does rina's second look
        offered = [claims.claim_next(s, budi, lifetime=expired) for _ in range(4)]
        assert {first.id, second.id}.isdisjoint({i.id for i in offered if i})
        with pytest.raises(states.QueueError, match="admin"):
            claims.claim(s, first.id, budi)
        assert claims.claim(s, second.id, budi).claimed_by == budi.id  # revisiting is allowed
        claims.release(s, second.id, budi)
        assert s.get(ReviewItem, second.id).status == "decided"

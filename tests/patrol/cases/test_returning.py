"""A recruiter whose referral a partner acted on posts again: the new item is marked as a
returning recruiter's and comes first in the queue, on SQLite and PostgreSQL. Posts the
recruiter made before the referral, and recruiters whose referral is still waiting, are not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from classifier import load_scorer
from patrol.cases import partners, referrals, returning
from patrol.cases.linking import link_pending
from patrol.queue.listing import list_queue
from review import packets
from storage.db import session_factory
from storage.models import Post, PostVersion, Referral, ReviewItem, utcnow
from storage.posts import PostInput, ScoredPost, store_batch
from tests.patrol.cases.test_referrals import decide, items
from tests.review.conftest import CASE, _filled


@pytest.fixture
def s(db_url: str) -> Iterator[Session]:
    engine: Engine
    for engine in _filled(db_url, CASE):
        with session_factory(engine)() as session:
            yield session


def _post_again(session: Session, url: str, text: str) -> int:
    result = load_scorer("rules").score([text])[0]
    store_batch(session, [ScoredPost(PostInput(url=url, platform="telegram", text=text), result,
                                     "threshold")], None)
    session.commit()
    link_pending(session)
    session.commit()
    return session.scalar(select(ReviewItem.id).join(PostVersion).join(Post)
                          .where(Post.url == url))


def _referred(session: Session, item_id: int, status: str) -> Referral:
    partner = partners.add(session, f"Polda {status}", "police", "x@polda.test", "Jatim", "adi")
    made = referrals.propose(session, partner.id, "rina", items=[item_id])
    session.commit()
    packets.send_referral(session, made.id, "adi", "admin", days=10)
    if status != "sent":
        referrals.change(session, made.id, status, "adi", "admin")
    session.commit()
    # Sent a day ago, so that every post stored before the test began came before it.
    made.sent_at = utcnow() - timedelta(days=1)
    session.execute(update(Post).values(first_seen=utcnow() - timedelta(days=2)))
    session.commit()
    return made


def test_a_recruiter_back_after_action_is_marked_and_raised(s):
    first = items(s)[0]
    decide(s, [first])
    referral = _referred(s, first, "acted_on")
    recruiter = s.scalar(select(Post.recruiter_id).join(PostVersion).join(ReviewItem)
                         .where(ReviewItem.id == first))
    back = _post_again(s, "https://t.me/s/lokerln/99",
                       "Lowongan ART Saudi lagi, visa ziarah, japri 0812-0000-1111")
    assert s.scalar(select(Post.recruiter_id).where(Post.url == "https://t.me/s/lokerln/99")) \
        == recruiter
    before = [e.id for e in list_queue(s, limit=50)]
    assert before[0] != back

    assert returning.mark(s) >= 1
    s.commit()
    queue = list_queue(s, limit=50)
    assert (queue[0].id, queue[0].returning) == (back, True)
    assert s.get(ReviewItem, back).returning_from == referral.id
    # Items posted before the referral are not returns; marking twice changes nothing.
    assert not any(e.returning for e in queue if e.id != back and e.id in before)
    assert returning.mark(s) == 0


def test_a_referral_still_waiting_for_an_answer_marks_nothing(s):
    first = items(s)[0]
    decide(s, [first])
    _referred(s, first, "sent")
    _post_again(s, "https://t.me/s/lokerln/98",
                "Lowongan ART Saudi lagi, visa ziarah, japri 0812-0000-1111")
    assert returning.mark(s) == 0
    assert not any(e.returning for e in list_queue(s, limit=50))

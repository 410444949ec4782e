"""The queue shows a near-duplicate group once, and a decision can be applied to the whole
group, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from classifier import load_scorer
from patrol.cases.linking import link_pending
from patrol.queue import claims, decisions, items, listing
from storage import audit, users
from storage.models import Decision, Post, PostVersion, ReviewItem
from storage.posts import PostInput, ScoredPost, store_batch

OFFER = ("Dibutuhkan admin online di Kamboja, gaji 15 juta per bulan, tiket dan visa "
         "ditanggung, tanpa pengalaman, berangkat minggu depan. Hubungi 0812-0000-1111")
REPOSTS = {
    "https://t.me/s/a/1": OFFER,
    "https://t.me/s/b/2": "🔥 " + OFFER + "\nSlot terbatas!!",
    "https://fb.test/3": OFFER.replace("15 juta", "17 juta"),
}
OTHER = {"https://t.me/s/a/9": "ART ke Riyadh pakai visa ziarah, tanpa pelatihan, potong gaji "
                               "6 bulan, japri 0813-0000-2222"}


def _store(session, texts: dict[str, str]) -> None:
    results = load_scorer("rules").score(list(texts.values()))
    store_batch(session, [ScoredPost(PostInput(url=url, platform="telegram", text=text), r,
                                     "threshold")
                          for (url, text), r in zip(texts.items(), results, strict=True)], None)
    session.commit()
    link_pending(session)


def _item(session, url: str) -> int:
    return session.scalar(select(ReviewItem.id).join(PostVersion).join(Post)
                          .where(Post.url == url))


def test_the_queue_shows_a_group_once_with_how_many_more_it_holds(session):
    _store(session, REPOSTS)
    _store(session, OTHER)
    entries = listing.list_queue(session)
    assert sorted(e.similar for e in entries) == [0, 2]
    grouped = next(e for e in entries if e.similar)
    assert grouped.url in REPOSTS
    assert listing.count_queue(session, listing.QueueFilter()) == 2
    every = listing.list_queue(session, grouped=False)
    assert {e.url for e in every} == set(REPOSTS) | set(OTHER)
    assert listing.count_queue(session, listing.QueueFilter(), grouped=False) == 4
    page = listing.queue_page(session, listing.QueueFilter(), limit=1, offset=1)
    assert (page.total, page.more, len(page.entries)) == (2, False, 1)
    beyond = listing.queue_page(session, listing.QueueFilter(), limit=1, offset=5)
    assert (beyond.total, beyond.entries) == (2, [])
    # Paging counts groups: the second page of one is the other offer.
    first, second = (listing.list_queue(session, limit=1, offset=n) for n in (0, 1))
    assert {first[0].url, second[0].url} == {grouped.url, *OTHER}
    # A filter counts only the group's matching members.
    only_fb = listing.list_queue(session, where=listing.QueueFilter(search="17 juta"))
    assert [(e.url, e.similar) for e in only_fb] == [("https://fb.test/3", 0)]


def test_a_group_is_shown_by_its_first_copy_and_placed_by_its_riskiest(session):
    _store(session, OTHER)
    _store(session, {"https://t.me/s/a/1": OFFER})
    repost = "🔥 " + OFFER + "\nSlot terbatas!! " + "Hubungi segera. " * 2000
    _store(session, {"https://t.me/s/b/2": repost})
    first, riskiest = _item(session, "https://t.me/s/a/1"), _item(session, "https://t.me/s/b/2")
    session.get(ReviewItem, riskiest).priority = 1.0
    session.get(ReviewItem, first).priority = 0.6
    session.get(ReviewItem, _item(session, "https://t.me/s/a/9")).priority = 0.8
    session.commit()
    entries = listing.list_queue(session)
    assert [(e.id, e.similar) for e in entries][0] == (first, 1)  # the original, placed first
    assert len(entries) == 2


def test_a_group_decision_writes_one_decision_per_unreviewed_post(session):
    _store(session, REPOSTS)
    _store(session, OTHER)
    rina = users.add_user(session, "rina", "reviewer", "kata-sandi-uji")
    budi = users.add_user(session, "budi", "reviewer", "kata-sandi-uji")
    session.commit()
    first, second, third = (_item(session, url) for url in REPOSTS)
    claims.claim(session, third, budi)  # budi is reading this one: it is not decided for him

    claims.claim(session, first, rina)
    view = items.item_view(session, first)
    assert view.group_size == 3 and view.group_open == [second]
    decisions.decide(session, first, rina, "illegal", ["scam_compound_job"], "sama dgn grup",
                 whole_group=True)

    rows = session.execute(select(Decision.review_item_id, Decision.applied_from,
                                  Decision.verdict, Decision.note)
                           .order_by(Decision.id)).all()
    assert rows == [(first, None, "illegal", "sama dgn grup"),
                    (second, first, "illegal", "sama dgn grup")]
    status = dict(session.execute(select(ReviewItem.id, ReviewItem.status)).all())
    assert status[first] == status[second] == "decided"
    assert status[third] == "claimed"
    assert status[_item(session, *OTHER)] == "open"
    [entry] = audit.entries(session, action="group_decision")
    assert entry.target == f"item:{first}" and entry.details["items"] == [second]


def test_a_decision_without_whole_group_leaves_the_group_alone(session):
    _store(session, REPOSTS)
    rina = users.add_user(session, "rina", "reviewer", "kata-sandi-uji")
    session.commit()
    first = _item(session, "https://t.me/s/a/1")
    claims.claim(session, first, rina)
    decisions.decide(session, first, rina, "benign", ["other"], "contoh")
    assert session.scalar(select(Decision.id).where(Decision.review_item_id != first)) is None
    assert len(items.item_view(session, _item(session, "https://fb.test/3")).group_open) == 1

"""Retention: raw pages whose posts were all judged benign long ago are emptied; texts,
decisions and hashes stay; anything else is kept whole. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from classifier import load_scorer
from crawler.items import Fetched
from patrol.operations.retention import purge_benign
from patrol.queue import claims, decisions
from storage import audit, users
from storage.models import Decision, Evidence, Post, PostVersion, ReviewItem, utcnow
from storage.posts import PostInput, ScoredPost, evidence_body, store_batch
from tests.conftest import run_patrol

PAGES = {  # page -> its posts
    "https://t.me/s/info": ["Info resmi: lowongan Taiwan lewat P3MI terdaftar, bebas biaya",
                            "Waspada penipuan kerja Kamboja, lapor ke BP2MI"],
    "https://t.me/s/campur": ["Info resmi: pelatihan BLK gratis bulan depan",
                              "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-1111"],
    "https://t.me/s/baru": ["Berita: 12 calon PMI dipulangkan dari Malaysia"],
}
VERDICT = {"ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-1111": "illegal"}


def _fill(session) -> None:
    scorer = load_scorer("rules")
    for page, texts in PAGES.items():
        evidence = Fetched(f"<html>{' '.join(texts)}</html>".encode(), page, 200)
        store_batch(session, [
            ScoredPost(PostInput(url=f"{page}/{n}", platform="telegram", text=text,
                                 evidence=evidence), result, "threshold")
            for n, (text, result) in enumerate(zip(texts, scorer.score(texts), strict=True))],
            None)
    rina = users.add_user(session, "rina", "reviewer", "kata-sandi-uji")
    session.commit()
    for item_id, text in session.execute(select(ReviewItem.id, PostVersion.text).join(
            PostVersion)).all():
        claims.claim(session, item_id, rina)
        decisions.decide(session, item_id, rina, VERDICT.get(text, "benign"), ["other"], "uji")
    # The news post was judged only yesterday.
    session.execute(update(Decision).where(Decision.review_item_id.in_(
        select(ReviewItem.id).join(PostVersion).join(Post).where(Post.url.like("%/baru/%"))))
        .values(created_at=utcnow() - timedelta(days=1)))
    older = utcnow() - timedelta(days=200)
    session.execute(update(Decision).where(Decision.created_at > utcnow() - timedelta(hours=1))
                    .values(created_at=older))
    session.commit()


def _pages(session) -> dict[str, Evidence]:
    return {e.final_url: e for e in session.scalars(select(Evidence))}


def test_only_pages_whose_every_post_was_judged_benign_long_ago_are_purged(session):
    _fill(session)
    before = {url: (e.sha256, evidence_body(e)) for url, e in _pages(session).items()}
    planned = purge_benign(session, 180, "uji", dry_run=True)
    assert (planned.pages, planned.dry_run) == (1, True)
    assert all(e.purged_at is None for e in _pages(session).values())

    done = purge_benign(session, 180, "uji")
    session.commit()
    assert done.pages == 1 and done.bytes == len(before["https://t.me/s/info"][1])
    pages = _pages(session)
    purged = pages["https://t.me/s/info"]
    assert purged.purged_at is not None and evidence_body(purged) == b""
    assert purged.sha256 == before["https://t.me/s/info"][0]  # the hash stays
    for kept in ("https://t.me/s/campur", "https://t.me/s/baru"):  # an offer; too recent
        assert evidence_body(pages[kept]) == before[kept][1] and pages[kept].purged_at is None
    texts = set(session.scalars(select(PostVersion.text)))
    assert set(PAGES["https://t.me/s/info"]) <= texts  # post texts stay (training data)
    assert session.scalar(select(Decision.id).limit(1)) is not None
    [entry] = audit.entries(session, action="retention_purge")
    assert entry.details["pages"] == 1
    assert purge_benign(session, 180, "uji").pages == 0  # nothing twice


def test_patrol_retention_purge_from_the_cli(session, db_url, tmp_path):
    _fill(session)
    dry = run_patrol("retention", "purge", "--dry-run", cwd=tmp_path, db=db_url)
    assert dry.returncode == 0, dry.stderr
    assert "would purge 1 raw pages" in dry.stdout and "180 days" in dry.stdout
    recent = run_patrol("retention", "purge", "--days", "365", cwd=tmp_path, db=db_url)
    assert "purged 0 raw pages" in recent.stdout
    maintained = run_patrol("db", "maintain", cwd=tmp_path, db=db_url)
    assert maintained.returncode == 0, maintained.stderr
    assert "expired sign-in sessions deleted" in maintained.stdout


def test_images_are_purged_like_pages_keeping_their_hash_and_text(session):
    from storage.models import ImageFile, PostImage

    _fill(session)
    versions = {v.text: v for v in session.scalars(select(PostVersion))}
    benign = versions[PAGES["https://t.me/s/info"][0]]
    offer = versions[PAGES["https://t.me/s/campur"][1]]
    alone = ImageFile(sha256="a" * 64, content_type="image/png", size=3, width=1, height=1,
                      body=b"abc", text="info resmi")
    shared = ImageFile(sha256="b" * 64, content_type="image/png", size=4, width=1, height=1,
                       body=b"abcd", text="tanpa pelatihan")
    session.add_all([PostImage(version=benign, image=alone, position=1, url="https://x/1.png"),
                     PostImage(version=benign, image=shared, position=2, url="https://x/2.png"),
                     PostImage(version=offer, image=shared, position=1, url="https://x/2.png")])
    session.commit()
    done = purge_benign(session, 180, "uji")
    session.commit()
    assert done.images == 1
    session.refresh(alone)
    session.refresh(shared)
    assert (alone.body, alone.sha256, alone.text) == (b"", "a" * 64, "info resmi")
    assert alone.purged_at is not None
    assert shared.body == b"abcd" and shared.purged_at is None  # also on an illegal offer

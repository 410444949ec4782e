"""Referrals on SQLite and PostgreSQL: proposing from decided items, recruiters and groups, the
lifecycle with its history and audit entries, refused transitions, the listing's filters, the
dashboard's figures, and upgrading a database from before referrals."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from patrol.cases import partners, referrals
from patrol.queue import claims, decisions
from review import packets
from storage import audit
from storage.db import head_revision, make_engine, session_factory, upgrade
from storage.models import AuditEntry, Post, PostVersion, ReferralEvent, ReviewItem, User, utcnow
from tests.review.conftest import CASE, _filled


@pytest.fixture
def case_any(db_url: str) -> Iterator[Engine]:
    """The recruiter case of tests/review/conftest.py on each database."""
    yield from _filled(db_url, CASE)


@pytest.fixture
def s(case_any: Engine) -> Iterator[Session]:
    with session_factory(case_any)() as session:
        yield session


def decide(session: Session, item_ids: list[int], verdict: str = "illegal") -> None:
    rina = session.scalar(select(User).where(User.name == "rina"))
    for item_id in item_ids:
        claims.claim(session, item_id, rina)
        decisions.decide(session, item_id, rina, verdict, ["other"], "dicek")


def items(session: Session) -> list[int]:
    return list(session.scalars(select(ReviewItem.id).order_by(ReviewItem.id)))


def police(session: Session) -> int:
    partner = partners.add(session, "Polda Jawa Timur", "police", "ditreskrimum@polda.test",
                           "Jawa Timur", "adi")
    session.commit()
    return partner.id


def test_a_referral_goes_through_its_lifecycle_with_history_and_audit(s):
    first, second = items(s)[:2]
    decide(s, [first, second])
    partner = police(s)
    made = referrals.propose(s, partner, "rina", items=[second, first], notes="nomor sama")
    s.commit()
    assert made.reference == f"RUJ-{utcnow():%Y}-{made.id:05d}"
    assert [i.review_item_id for i in made.items] == [first, second]

    packets.send_referral(s, made.id, "adi", "admin", days=10, note="via surel")
    s.commit()
    assert made.status == "sent" and made.sent_by == "adi"
    assert timedelta(days=9, hours=23) < made.deadline - made.sent_at <= timedelta(days=10)
    # The packet kept is the one whose manifest hash was recorded, and it verifies whole.
    with zipfile.ZipFile(io.BytesIO(made.packet_zip)) as archive:
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    assert packets.sha256(files[packets.MANIFEST]) == made.packet_sha256
    assert packets.LETTER in files and made.reference.encode() in files[packets.LETTER]
    assert len(referrals.post_ids(s, made)) == 2

    for status in ("acknowledged", "acted_on", "closed"):
        referrals.change(s, made.id, status, "adi", "admin", note=f"jawaban {status}")
        s.commit()
    history = [(e.actor, e.from_status, e.to_status) for e in s.scalars(
        select(ReferralEvent).where(ReferralEvent.referral_id == made.id)
        .order_by(ReferralEvent.id))]
    assert history == [("rina", None, "draft"), ("adi", "draft", "sent"),
                       ("adi", "sent", "acknowledged"), ("adi", "acknowledged", "acted_on"),
                       ("adi", "acted_on", "closed")]
    logged = [(e.actor, e.action) for e in s.scalars(
        select(AuditEntry).where(AuditEntry.target == f"referral:{made.reference}")
        .order_by(AuditEntry.id))]
    assert logged == [("rina", "referral_propose"), ("adi", "referral_sent"),
                      ("adi", "referral_acknowledged"), ("adi", "referral_acted_on"),
                      ("adi", "referral_closed")]
    sent = audit.entries(s, action="referral_sent")[0]
    assert sent.details["manifest_sha256"] == made.packet_sha256
    assert audit.entries(s, action="export_evidence")[0].target == f"referral:{made.id}"


def test_wrong_moves_are_refused_in_indonesian_and_change_nothing(s):
    decide(s, items(s)[:1])
    made = referrals.propose(s, police(s), "rina", items=items(s)[:1])
    s.commit()
    with pytest.raises(referrals.ReferralError, match="hanya admin"):
        packets.send_referral(s, made.id, "rina", "reviewer", days=14)
    with pytest.raises(referrals.ReferralError, match="tidak bisa diubah menjadi acknowledged"):
        referrals.change(s, made.id, "acknowledged", "adi", "admin")
    with pytest.raises(referrals.ReferralError, match="tombol Kirim"):
        referrals.change(s, made.id, "sent", "adi", "admin")
    with pytest.raises(referrals.ReferralError, match="tenggat"):
        packets.send_referral(s, made.id, "adi", "admin", days=0)
    s.rollback()
    assert s.get(type(made), made.id).status == "draft" and made.packet_zip is None
    assert audit.entries(s, action="export_evidence") == []  # a refused send exports nothing
    referrals.change(s, made.id, "closed", "adi", "admin", note="ditarik")
    s.commit()
    with pytest.raises(referrals.ReferralError, match="sudah final"):
        referrals.change(s, made.id, "acted_on", "adi", "admin")
    assert len(s.scalars(select(ReferralEvent).where(
        ReferralEvent.referral_id == made.id)).all()) == 2


def test_only_decided_items_are_referred(s):
    open_item, decided = items(s)[:2]
    decide(s, [decided])
    partner = police(s)
    with pytest.raises(referrals.ReferralError, match=f"belum diputus atau tidak ada: {open_item}"):
        referrals.propose(s, partner, "rina", items=[decided, open_item])
    with pytest.raises(referrals.ReferralError, match="tepat satu"):
        referrals.propose(s, partner, "rina", items=[decided], recruiter=1)
    with pytest.raises(referrals.ReferralError, match="tidak ada mitra"):
        referrals.propose(s, partner + 99, "rina", items=[decided])


def test_a_recruiter_or_a_group_brings_its_decided_items(s):
    every = items(s)
    decide(s, every[:3])
    partner = police(s)
    recruiter = s.scalar(select(Post.recruiter_id).where(Post.recruiter_id.is_not(None)))
    linked = set(s.scalars(
        select(ReviewItem.id).join(PostVersion).join(Post)
        .where(Post.recruiter_id == recruiter, ReviewItem.id.in_(every[:3]))))
    by_recruiter = referrals.propose(s, partner, "rina", recruiter=recruiter)
    assert {i.review_item_id for i in by_recruiter.items} == linked
    group = s.scalar(select(PostVersion.group_id).join(ReviewItem).where(
        ReviewItem.id == every[0]))
    by_group = referrals.propose(s, partner, "rina", group=group)
    assert every[0] in {i.review_item_id for i in by_group.items}
    assert (by_recruiter.subject_kind, by_group.subject_kind) == ("recruiter", "group")
    with pytest.raises(referrals.ReferralError, match="belum punya item yang diputus"):
        referrals.propose(s, partner, "rina", group=s.scalar(
            select(PostVersion.group_id).join(ReviewItem).where(ReviewItem.id == every[-1])))


def test_the_listing_filters_by_partner_status_and_deadline_and_pages(s):
    decide(s, items(s)[:1])
    first = police(s)
    other = partners.add(s, "Kanal aduan platform", "platform", "", "", "adi").id
    made = [referrals.propose(s, first if n % 2 else other, "rina", items=items(s)[:1])
            for n in range(5)]
    s.commit()
    packets.send_referral(s, made[1].id, "adi", "admin", days=3)
    packets.send_referral(s, made[3].id, "adi", "admin", days=30)
    s.commit()
    later = utcnow() + timedelta(days=5)
    rows, total = referrals.listing(s, referrals.Filters(overdue=True), now=later)
    assert (total, [r.id for r in rows], rows[0].overdue) == (1, [made[1].id], True)
    rows, total = referrals.listing(s, referrals.Filters(partner_id=first))
    assert total == 2 and {r.id for r in rows} == {made[1].id, made[3].id}
    rows, total = referrals.listing(s, referrals.Filters(status="draft"), per_page=2)
    assert total == 3 and [r.id for r in rows] == [made[4].id, made[2].id]
    rows, _ = referrals.listing(s, referrals.Filters(status="draft", page=2), per_page=2)
    assert [r.id for r in rows] == [made[0].id] and rows[0].takedown is None
    with pytest.raises(referrals.ReferralError, match="status tidak dikenal"):
        referrals.listing(s, referrals.Filters(status="lost"))


def test_dashboard_figures_count_partners_months_answers_and_returning_recruiters(s):
    decide(s, items(s)[:2])
    partner = police(s)
    one = referrals.propose(s, partner, "rina", items=items(s)[:1])
    two = referrals.propose(s, partner, "rina", items=items(s)[1:2])
    referrals.propose(s, partner, "rina", items=items(s)[1:2])  # a draft: not counted
    s.commit()
    for made in (one, two):
        packets.send_referral(s, made.id, "adi", "admin", days=14)
    referrals.change(s, one.id, "acted_on", "adi", "admin")
    s.commit()
    figures = referrals.figures(s)
    assert figures.per_partner_month == [("Polda Jawa Timur", f"{utcnow():%Y-%m}", 2)]
    assert (figures.sent, figures.acted_on, figures.share_acted_on) == (2, 1, 0.5)
    assert figures.returning_recruiters == 0
    assert figures.median_days_to_takedown is None  # the recheck fills it
    # The recruiter posts again after it was referred.
    recruiter = s.scalar(select(Post.recruiter_id).join(PostVersion).join(ReviewItem)
                         .where(ReviewItem.id == items(s)[0]))
    assert recruiter is not None
    newest = s.scalars(select(Post).where(Post.recruiter_id == recruiter)).first()
    newest.first_seen = utcnow() + timedelta(hours=1)
    s.commit()
    assert referrals.figures(s).returning_recruiters == 1


def test_a_database_from_before_referrals_is_upgraded(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0011")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO users (name, role, password_hash, active, created_at) "
                             "VALUES ('adi', 'admin', 'x', true, '2026-12-01 00:00:00+00:00')")
    before, after = upgrade(engine)
    assert (before, after) == ("0011", head_revision())
    with session_factory(engine)() as session:
        partner = partners.add(session, "Polda Bali", "police", "", "Bali", "adi")
        session.commit()
        assert partners.listing(session)[0].id == partner.id
        assert session.scalar(select(User.name)) == "adi"
    engine.dispose()

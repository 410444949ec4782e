"""Referrals, partners and the register on the web: who may do what, CSRF on every form, the
lifecycle from a reviewer's proposal to an admin's close, the letter with hostile post text,
the register upload with bad rows, and the item page's lookup of the companies a post names."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from classifier import load_scorer
from patrol.cases import agencies, partners
from patrol.queue import claims, decisions
from review import packets
from storage.db import session_factory
from storage.models import AuditEntry, Referral, ReviewItem, User
from storage.posts import PostInput, ScoredPost, ensure_source, store_batch
from tests.review.conftest import POSTS


@pytest.fixture
def decided(review_engine: Engine) -> Iterator[list[int]]:
    """Every item decided illegal by rina, and one partner: the police of East Java."""
    with session_factory(review_engine)() as s:
        rina = s.scalar(select(User).where(User.name == "rina"))
        ids = list(s.scalars(select(ReviewItem.id).order_by(ReviewItem.id)))
        for item_id in ids:
            claims.claim(s, item_id, rina)
            decisions.decide(s, item_id, rina, "illegal", ["other"], "cek")
        partners.add(s, "Polda Jawa Timur", "police", "ditreskrimum@polda.test", "Jawa Timur",
                     "adi")
        s.commit()
    yield ids


def _session(browser_engine: Engine) -> Session:
    return session_factory(browser_engine)()


def _propose(client, items: str, partner: int = 1) -> int:
    response = client.post("/referrals", {"partner": partner, "subject": "items",
                                          "value": items, "notes": "<b>nomor sama</b>"})
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[2].split("?")[0])


def test_reviewer_proposes_admin_sends_records_answers_and_closes(browser, decided,
                                                                  review_engine):
    rina, adi = browser("rina"), browser("adi")
    form = rina.get(f"/referrals/new?items={decided[0]}")
    assert "Polda Jawa Timur" in form.text and f'value="{decided[0]}"' in form.text
    referral = _propose(rina, f"{decided[0]}, {decided[3]}")
    page = rina.get(f"/referrals/{referral}")
    assert "Draf (usulan)" in page.text and "&lt;b&gt;nomor sama&lt;/b&gt;" in page.text
    assert f'action="/referrals/{referral}/send"' not in page.text  # not for reviewers
    reference = page.text.split("<h1>Rujukan ")[1].split("<")[0]
    assert f'href="/referrals/{referral}">{reference}</a> (Draf (usulan))' in rina.get(
        f"/items/{decided[3]}").text  # the item says where it was referred
    # A reviewer cannot send; an admin cannot without the form's token.
    assert rina.post(f"/referrals/{referral}/send", {"days": "7"}).status_code == 403
    assert adi.post(f"/referrals/{referral}/send", {"days": "7", "csrf_token": "salah"},
                    csrf=False).status_code == 403
    assert adi.get(f"/referrals/{referral}").status_code == 200
    assert adi.post(f"/referrals/{referral}/send", {"days": "7"}).status_code == 303
    sent = adi.get(f"/referrals/{referral}")
    assert "Terkirim" in sent.text and "SHA-256 manifest.json" in sent.text
    # The packet kept is the one sent, whole.
    zipped = rina.get(f"/referrals/{referral}/packet")
    assert zipped.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    with _session(review_engine) as s:
        recorded = s.get(Referral, referral).packet_sha256
    assert packets.sha256(files[packets.MANIFEST]) == recorded
    # Answers, and a refused move with its reason in Indonesian.
    assert rina.post(f"/referrals/{referral}/status",
                     {"status": "acknowledged"}).status_code == 403
    assert adi.post(f"/referrals/{referral}/status", {"status": "acknowledged",
                                                      "note": "diterima"}).status_code == 303
    wrong = adi.post(f"/referrals/{referral}/status", {"status": "draft"})
    assert wrong.status_code == 409 and "tidak bisa diubah menjadi draft" in wrong.text
    for status in ("acted_on", "closed"):
        assert adi.post(f"/referrals/{referral}/status", {"status": status}).status_code == 303
    assert rina.post(f"/referrals/{referral}/note", {"note": "pelaku ditangkap"}).status_code \
        == 303
    final = rina.get(f"/referrals/{referral}").text
    for shown in ("Ditutup", "Diterima mitra", "Ditindaklanjuti", "pelaku ditangkap",
                  "diterima"):
        assert shown in final
    with _session(review_engine) as s:
        actions = [a for (a,) in s.execute(select(AuditEntry.action).where(
            AuditEntry.action.like("referral%")).order_by(AuditEntry.id))]
    assert actions == ["referral_propose", "referral_sent", "referral_acknowledged",
                       "referral_acted_on", "referral_closed", "referral_note"]


def test_the_letter_escapes_everything_from_posts(browser, decided):
    rina = browser("rina")
    hostile = list(POSTS).index("https://jobs.test/4")
    referral = _propose(rina, str(decided[hostile]))
    letter = rina.get(f"/referrals/{referral}/letter")
    assert letter.status_code == 200
    text = letter.text
    assert "<script>alert(1)" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>agen</b>" not in text and "&lt;b&gt;agen&lt;/b&gt;" in text
    assert "</textarea>" not in text
    assert "Polda Jawa Timur" in text and "RUJ-" in text and "Ringkasan kasus" in text
    assert "+6281200007777" in text  # the identifier, in the summary


def test_the_list_filters_by_partner_status_and_deadline(browser, decided):
    adi = browser("adi")
    first = _propose(adi, str(decided[0]))
    _propose(adi, str(decided[1]))
    adi.post(f"/referrals/{first}/send", {"days": "1"})
    listed = adi.get("/referrals?status=sent").text
    assert f'href="/referrals/{first}"' in listed and "1 rujukan" in listed
    assert "2 rujukan" in adi.get("/referrals?partner=1").text
    assert "0 rujukan" in adi.get("/referrals?overdue=1").text  # due tomorrow
    assert adi.get("/referrals?status=hilang").status_code == 400
    assert adi.get("/referrals?page=x").status_code == 400


def test_only_admins_keep_partners(browser, decided):
    rina, adi = browser("rina"), browser("adi")
    assert rina.get("/partners").status_code == 403
    assert rina.post("/partners", {"name": "X", "kind": "police"}).status_code == 403
    assert adi.post("/partners", {"name": "Kanal aduan", "kind": "platform",
                                  "csrf_token": "salah"}, csrf=False).status_code == 403
    assert adi.post("/partners", {"name": "Kanal aduan", "kind": "platform"}).status_code == 303
    assert "Kanal aduan" in adi.get("/partners").text
    assert adi.post("/partners/1", {"name": "Polda Jatim", "kind": "police",
                                    "active": ""}).status_code == 303
    # An inactive partner is no longer offered for new referrals.
    assert "Polda Jatim" not in rina.get(f"/referrals/new?items={decided[0]}").text
    assert adi.post("/partners", {"name": "Y", "kind": "dukun"}).status_code == 409


def test_admins_upload_the_register_and_see_each_bad_row(browser, review_engine):
    rina, adi = browser("rina"), browser("adi")
    content = (b"nama,sip3mi,berlaku_sampai\nPT Maju Jaya Abadi,KEP.1/2024,2027-12-31\n"
               b"PT <script>x</script>,,2027-01-01\nPT Karya,KEP.2,2027-02-30\n")
    upload = {"file": ("p3mi.csv", content, "text/csv")}
    assert rina.client.post("/agencies/import", data={"csrf_token": rina.csrf or "x"},
                            files=upload).status_code == 403
    adi.get("/agencies")
    assert adi.client.post("/agencies/import", data={"csrf_token": "salah"},
                           files=upload).status_code == 403
    page = adi.client.post("/agencies/import", data={"csrf_token": adi.csrf}, files=upload)
    assert page.status_code == 200
    assert "1 ditambahkan, 0 diperbarui, 2 baris ditolak" in page.text
    assert "baris 3: nomor SIP3MI untuk &#39;PT &lt;script&gt;x&lt;/script&gt;&#39; kosong" \
        in page.text
    assert "baris 4: tanggal berlaku" in page.text
    assert "PT Maju Jaya Abadi" in rina.get("/agencies").text  # reviewers may look


def test_the_item_page_looks_up_the_companies_a_post_names(browser, review_engine):
    text = ("PRT Saudi resmi lewat PT Maju Jaya Abadi dan PT Karya Palsu Mandiri, visa "
            "ziarah, hub 0812-0000-9999")
    with _session(review_engine) as s:
        agencies.save(s, "adi", "P.T. Maju Jaya Abadi", "KEP.123/2024", "2027-12-31")
        source = ensure_source(s, "jobs", "jobposting", "https://jobs.test/")
        result = load_scorer("rules").score([text])[0]
        store_batch(s, [ScoredPost(PostInput(url="https://jobs.test/pt", platform="jobposting",
                                             text=text), result, "threshold")], source.id)
        s.commit()
        item = s.scalar(select(ReviewItem.id).order_by(ReviewItem.id.desc()))
    rina = browser("rina")
    rina.get(f"/items/{item}")
    assert rina.post(f"/items/{item}/claim").status_code == 303  # the form is the holder's
    page = rina.get(f"/items/{item}").text
    assert "PT Maju Jaya Abadi</code>: terdaftar (SIP3MI KEP.123/2024, berlaku s.d. 31-12-2027)" \
        in page
    assert "PT Karya Palsu Mandiri</code>: <b>tidak ditemukan di daftar</b>" in page
    assert 'value="unlisted_agency" checked' in page  # offered, ticked for "Ilegal"
    # A post naming no company offers no such reason.
    assert rina.post("/items/1/claim").status_code == 303
    assert "unlisted_agency" not in rina.get("/items/1").text


def test_the_dashboard_shows_referral_figures(browser, decided):
    adi = browser("adi")
    referral = _propose(adi, str(decided[0]))
    adi.post(f"/referrals/{referral}/send", {"days": "14"})
    adi.post(f"/referrals/{referral}/status", {"status": "acted_on"})
    page = adi.get("/dashboard").text
    assert 'id="per-partner-month"' in page and "Polda Jawa Timur" in page
    assert "ditindaklanjuti mitra: <b>1</b> (100" in page


def test_once_sent_the_letter_shown_is_the_one_in_the_packet(browser, decided, review_engine):
    adi = browser("adi")
    referral = _propose(adi, str(decided[0]))
    draft = adi.get(f"/referrals/{referral}/letter").text
    assert "SHA-256 tiap berkas tercantum" in draft
    adi.post(f"/referrals/{referral}/send", {"days": "14"})
    with _session(review_engine) as s:
        sent = s.get(Referral, referral)
        with zipfile.ZipFile(io.BytesIO(sent.packet_zip)) as archive:
            inside = archive.read(f"{sent.packet_name}/{packets.LETTER}")
    assert adi.get(f"/referrals/{referral}/letter").content == inside


def test_the_referral_pages_and_dashboard_say_when_its_posts_were_taken_down(
        browser, decided, review_engine):
    from datetime import timedelta

    from patrol.cases import referrals
    from storage.models import PostCheck

    adi = browser("adi")
    referral = _propose(adi, f"{decided[0]}, {decided[1]}")
    adi.post(f"/referrals/{referral}/send", {"days": "14"})
    assert "belum diperiksa ulang" in adi.get(f"/referrals/{referral}").text
    with _session(review_engine) as s:
        made = s.get(Referral, referral)
        first, second = referrals.post_ids(s, made)
        s.add(PostCheck(post_id=first, outcome="gone", checked_at=made.sent_at
                        + timedelta(days=1)))
        s.add(PostCheck(post_id=second, outcome="online", checked_at=made.sent_at
                        + timedelta(days=1)))
        s.commit()
    expected = "1 dari 2 unggahan masih online, 1 sudah diturunkan"
    assert expected in adi.get(f"/referrals/{referral}").text
    assert expected in adi.get("/referrals").text
    with _session(review_engine) as s:
        made = s.get(Referral, referral)
        s.add(PostCheck(post_id=second, outcome="gone", checked_at=made.sent_at
                        + timedelta(days=2, hours=12)))
        s.commit()
    assert "sudah diturunkan semua, 2,5 hari setelah dikirim" in adi.get(
        f"/referrals/{referral}").text
    assert "Median hari sampai diturunkan: <b>" in (page := adi.get("/dashboard").text)
    assert "1,8 hari" in page  # 1 and 2.5 days


def test_the_item_page_says_how_long_after_its_referral_a_post_was_taken_down(
        browser, decided, review_engine):
    from datetime import timedelta

    from patrol.cases import referrals
    from storage.models import PostCheck

    adi = browser("adi")
    referral = _propose(adi, str(decided[0]))
    adi.post(f"/referrals/{referral}/send", {"days": "14"})
    with _session(review_engine) as s:
        made = s.get(Referral, referral)
        [post] = referrals.post_ids(s, made)
        s.add(PostCheck(post_id=post, outcome="online", checked_at=made.sent_at
                        + timedelta(days=1)))
        s.commit()
    page = adi.get(f"/items/{decided[0]}").text
    assert "; 1,0 hari setelah dirujuk" in page and "masih online" in page
    with _session(review_engine) as s:
        made = s.get(Referral, referral)
        s.add(PostCheck(post_id=post, outcome="gone", checked_at=made.sent_at
                        + timedelta(days=3, hours=6)))
        s.commit()
    page = adi.get(f"/items/{decided[0]}").text
    assert "; online 3,2 hari setelah dirujuk" in page and "sudah diturunkan sejak" in page
    with _session(review_engine) as s:
        from storage.models import Post

        recruiter = s.get(Post, post).recruiter_id
    assert recruiter is not None  # the recruiter's page lists the same post the same way
    assert "; online 3,2 hari setelah dirujuk" in adi.get(f"/recruiters/{recruiter}").text

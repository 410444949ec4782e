"""A referral in a real browser (Chromium driven by Playwright, the app served on 127.0.0.1):
an admin adds the partner, a reviewer proposes the referral from an item's page, an admin
sends it, records the partner's answer and closes it, and the history says who did what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from patrol.queue import claims, decisions
from storage import audit
from storage.db import session_factory
from storage.models import ReviewItem, User
from tests.review.test_browser import _login, _serve, _tab

pytestmark = pytest.mark.slow  # a browser and a server


@pytest.fixture
def served(review_engine):
    with session_factory(review_engine)() as s:
        rina = s.scalar(select(User).where(User.name == "rina"))
        item = s.scalar(select(ReviewItem.id).order_by(ReviewItem.id))
        claims.claim(s, item, rina)
        decisions.decide(s, item, rina, "illegal", ["other"], "visa ziarah untuk kerja")
    yield from _serve(review_engine)


@pytest.fixture
def page():
    yield from _tab(viewport={"width": 1280, "height": 900})


def _logout(page) -> None:
    page.click("text=Keluar")
    page.wait_for_url("**/login*")


def test_propose_send_answer_and_close_in_the_browser(served, page, review_engine):
    _login(page, served, "adi")
    page.goto(served + "/partners")
    page.fill("section.card input[name=name]", "Polda Jawa Timur")
    page.select_option("section.card select[name=kind]", "police")
    page.fill("section.card input[name=region]", "Jawa Timur")
    page.click("section.card button[type=submit]")
    page.wait_for_url("**/partners?msg=partner_saved")
    _logout(page)

    _login(page, served, "rina")
    page.goto(served + "/items/1")
    page.click("#propose-referral")
    page.wait_for_url("**/referrals/new?items=1")
    page.fill("textarea[name=notes]", "nomor yang sama dengan kasus lain")
    page.click("main button[type=submit]")
    page.wait_for_url("**/referrals/*?msg=referral_proposed")
    referral = page.url.removeprefix(served).split("?")[0]
    assert "Draf (usulan)" in page.inner_text("#status")
    assert page.locator("#send").count() == 0  # sending is for admins
    _logout(page)

    _login(page, served, "adi")
    page.goto(served + referral)
    page.fill("input[name=days]", "10")
    page.click("#send")
    page.wait_for_url("**?msg=referral_sent")
    assert "Terkirim" in page.inner_text("#status")
    assert page.locator("a", has_text="unduh bukti-rujukan-").count() == 1
    page.select_option("select[name=status]", "acknowledged")
    page.fill("form[action$='/status'] textarea[name=note]", "diterima Subdit IV")
    page.click("#change")
    page.wait_for_url("**?msg=referral_changed")
    page.select_option("select[name=status]", "closed")
    page.click("#change")
    page.wait_for_url("**?msg=referral_changed")
    assert "Ditutup" in page.inner_text("#status")
    assert page.locator("#change").count() == 0  # nothing follows "closed"
    history = page.inner_text("main table >> nth=-1")
    for line in ("rina", "Draf (usulan) → Terkirim", "Terkirim → Diterima mitra",
                 "diterima Subdit IV", "Diterima mitra → Ditutup"):
        assert line in history

    with page.expect_popup() as opened:
        page.click("text=Surat rujukan (siap cetak)")
    letter = opened.value
    letter.wait_for_load_state()
    assert "Polda Jawa Timur" in letter.inner_text("body")

    with session_factory(review_engine)() as s:
        actions = [(e.actor, e.action) for e in reversed(audit.entries(s, limit=20))
                   if e.action.startswith("referral") or e.action == "partner_add"]
    assert actions == [("adi", "partner_add"), ("rina", "referral_propose"),
                       ("adi", "referral_sent"), ("adi", "referral_acknowledged"),
                       ("adi", "referral_closed")]

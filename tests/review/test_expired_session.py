"""A session that expires while a decision is half made: after signing in again the reviewer is
back on the item with the verdict, reasons and note they had chosen still chosen (nothing is
saved until they press "Simpan keputusan")."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select, update

from storage.db import session_factory
from storage.models import Decision, ReviewItem, WebSession, utcnow
from tests.review.conftest import PASSWORD, csrf_of

CHOICE = {"verdict": "benign", "reasons_benign": ["warning", "other"],
          "note": "peringatan resmi BP3MI & bukan tawaran", "whole_group": "1"}


def _expire_sessions(engine) -> None:
    with session_factory(engine)() as s:
        s.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        s.commit()


def _sign_in_again(b, login_address: str):
    page = b.client.get(login_address)
    assert page.status_code == 200
    nxt = re.search(r'name="next" value="([^"]*)"', page.text).group(1).replace("&amp;", "&")
    return b.client.post("/login", data={"name": "rina", "password": PASSWORD, "next": nxt,
                                         "csrf_token": csrf_of(page.text)})


def _checked(html: str, name: str) -> set[str]:
    return set(re.findall(rf'name="{name}" value="([^"]+)"[^>]*\bchecked\b', html))


def test_a_decision_half_made_when_the_session_expired_is_still_chosen_after_signing_in(
        browser, review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    rina.get(item_url)
    _expire_sessions(review_engine)
    bounced = rina.post(item_url + "/decision", CHOICE)
    assert bounced.status_code == 303
    login_address = bounced.headers["location"]
    assert login_address.startswith("/login?")
    back = parse_qs(urlsplit(login_address).query)["next"][0]
    assert urlsplit(back).path == item_url  # the item page, not the form's address (405)
    signed_in = _sign_in_again(rina, login_address)
    assert signed_in.status_code == 303
    page = rina.get(signed_in.headers["location"])
    assert page.status_code == 200
    assert _checked(page.text, "verdict") == {"benign"}
    assert _checked(page.text, "reasons_benign") == {"warning", "other"}
    assert "peringatan resmi BP3MI &amp; bukan tawaran</textarea>" in page.text
    assert 'id="draft-notice"' in page.text
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0  # nothing saved yet


def test_when_the_claim_expired_too_the_choice_survives_claiming_the_item_again(
        browser, review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    _expire_sessions(review_engine)
    with session_factory(review_engine)() as s:
        s.execute(update(ReviewItem).values(claim_expires_at=utcnow() - timedelta(seconds=1)))
        s.commit()
    login_address = rina.post(item_url + "/decision", CHOICE).headers["location"]
    page = rina.get(_sign_in_again(rina, login_address).headers["location"])
    assert "Simpan keputusan" not in page.text and 'id="draft-notice"' in page.text
    claim_action = re.search(r'action="(/items/\d+/claim[^"]*)"', page.text).group(1)
    claimed = rina.post(claim_action.replace("&amp;", "&"))
    assert claimed.status_code == 303
    again = rina.get(claimed.headers["location"]).text
    assert "Simpan keputusan" in again
    assert _checked(again, "verdict") == {"benign"}
    assert _checked(again, "reasons_benign") == {"warning", "other"}


def test_any_other_form_posted_with_an_expired_session_returns_to_its_page(browser,
                                                                             review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    _expire_sessions(review_engine)
    for path, page in ((item_url + "/release", item_url), ("/claim-next", "/"),
                       ("/logout", "/")):
        location = rina.post(path).headers["location"]
        assert parse_qs(urlsplit(location).query)["next"] == [page]


def test_an_unchosen_verdict_or_unknown_code_in_the_address_is_not_ticked(browser):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    page = rina.get(item_url + "?verdict=entah&reasons=made_up&reasons=fee_upfront").text
    assert _checked(page, "verdict") == set()
    assert _checked(page, "reasons_illegal") == {"fee_upfront"}

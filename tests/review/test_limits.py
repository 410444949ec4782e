"""What an anonymous visitor can send before signing in is bounded: the request body, each form
field, what the audit log keeps of a value, and how often one client address may fail to sign in."""

from __future__ import annotations

from sqlalchemy import func, select

from storage import audit, users
from storage.db import session_factory
from storage.models import AuditEntry
from tests.review.conftest import PASSWORD, csrf_of


def _failed_logins(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "login_failed"))


def _post_login(b, **fields):
    token = csrf_of(b.client.get("/login").text)
    return b.client.post("/login", data={"password": "salah-sandi", "csrf_token": token,
                                         **fields})


def test_a_megabyte_login_is_refused_unread_and_leaves_no_trace(browser, review_engine):
    b = browser()
    response = _post_login(b, name="x" * 1_000_000)
    assert response.status_code == 413
    assert "terlalu besar" in response.text
    assert "x" * 200 not in response.text  # not echoed back
    assert response.headers["x-content-type-options"] == "nosniff"
    assert _failed_logins(review_engine) == 0


def test_a_login_name_longer_than_any_user_name_is_refused_not_stored(browser, review_engine):
    b = browser()
    response = _post_login(b, name="y" * 5000)  # well under the body limit
    assert response.status_code == 400
    assert "terlalu panjang" in response.text
    assert "y" * 200 not in response.text
    assert _failed_logins(review_engine) == 0


def test_every_form_field_is_capped_for_signed_in_users_too(browser, review_engine):
    adi = browser("adi")
    response = adi.post("/users", {"name": "z" * 5000, "role": "reviewer",
                                   "password": PASSWORD})
    assert response.status_code == 400 and "terlalu panjang" in response.text
    assert adi.post("/items/1/claim", {"csrf_token": "c" * 5000}).status_code == 400


def test_the_audit_log_keeps_a_bounded_part_of_any_value(review_engine):
    with session_factory(review_engine)() as s:
        entry = audit.record(s, "a" * 500, "login_failed", "t" * 100_000, note="n" * 100_000,
                             reasons=["r" * 100_000])
        s.commit()
        stored = s.get(AuditEntry, entry.id)
        assert len(stored.actor) <= 100
        assert len(stored.target) <= audit.MAX_VALUE
        assert stored.target.endswith("…")
        assert len(stored.details["note"]) <= audit.MAX_VALUE
        assert len(stored.details["reasons"][0]) <= audit.MAX_VALUE


def test_failed_logins_are_limited_per_client_address_as_well_as_per_name(
        browser, review_engine, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_ADDRESS", 4)
    b = browser(address="203.0.113.7")
    for n in range(4):  # four names, one failure each: no name is locked
        response = b.login(f"tebakan{n}", "salah-sandi")
        assert "Nama atau kata sandi salah" in response.text
    refused = b.login("budi")  # even a right password, from this address
    assert refused.status_code == 401 and "Terlalu banyak percobaan gagal" in refused.text
    assert b.login("tebakan9", "salah-sandi").status_code == 401
    assert _failed_logins(review_engine) == 4  # a refused attempt adds nothing
    elsewhere = browser(address="198.51.100.2")
    assert elsewhere.login("budi").status_code == 303

"""Ordinary mistakes in an address get a 400 or 404 in Indonesian, never a 500; every error page,
the 500 page included, carries the security headers and, for a signed-in user, the menu."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from review import dashboard
from review.app import create_app
from tests.review.conftest import Browser

HUGE = "99999999999999999999"


@pytest.mark.parametrize("path, status, says", [
    ("/?q=" + "a" * 50_000, 400, "Teks pencarian terlalu panjang"),
    (f"/?page={HUGE}", 400, "Nomor halaman"),
    ("/?page=-3", 400, "Nomor halaman"),
    ("/?to=9999-12-31", 400, "Tanggal"),
    ("/?from=2026-13-40", 400, "Tanggal"),
    ("/?status=entah", 400, "Status"),
    (f"/items/{HUGE}", 404, "tidak ditemukan"),
    (f"/items/{HUGE}/evidence", 404, "tidak ditemukan"),
    (f"/recruiters/{HUGE}", 404, "tidak ditemukan"),
    (f"/groups/{HUGE}", 404, "tidak ditemukan"),
    ("/items/abc", 404, "tidak ditemukan"),
])
def test_a_mistake_in_the_address_is_explained_in_indonesian(browser, path, status, says):
    rina = browser("rina")
    response = rina.get(path)
    assert response.status_code == status, response.text[:300]
    assert says in response.text
    assert "does not match" not in response.text and "Formulir tidak lengkap" not in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert 'class="who"' in response.text and 'href="/recruiters"' in response.text


def test_a_huge_audit_page_number_is_refused(browser):
    assert browser("adi").get(f"/audit?page={HUGE}").status_code == 400


def test_a_huge_id_in_a_form_address_is_not_found(browser):
    rina = browser("rina")
    assert rina.post(f"/items/{HUGE}/claim").status_code == 404
    assert rina.post(f"/recruiters/{HUGE}/evidence").status_code == 404


def test_the_500_page_has_the_headers_and_the_layout(review_engine, monkeypatch):
    def broken(session):
        raise RuntimeError("a bug")

    monkeypatch.setattr(dashboard, "collect", broken)
    with TestClient(create_app(review_engine), follow_redirects=False,
                    raise_server_exceptions=False) as client:
        rina = Browser(client)
        assert rina.login("rina").status_code == 303
        response = rina.get("/dashboard")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.text and "a bug" not in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    assert "rina" in response.text and 'href="/dashboard"' in response.text


def test_an_error_page_for_a_visitor_who_is_not_signed_in_has_no_menu(browser):
    response = browser().client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'class="who"' not in response.text

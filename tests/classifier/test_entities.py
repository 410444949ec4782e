"""Entities: a bare @handle offered as the contact is one; an email, an amount or an official
account is not."""

from __future__ import annotations

import pytest

from classifier.entities import extract_entities
from classifier.normalise import normalise
from classifier.rule_features import CONTACT_KINDS


def _handles(text: str) -> list[tuple[str, str]]:
    return [(e.value, e.text) for e in extract_entities(normalise(text)) if e.kind == "handle"]


@pytest.mark.parametrize("text, handle", [
    ("Loker Malaysia gaji besar, japri @rekrut_asia_jobs", "@rekrut_asia_jobs"),
    ("Minat? Hubungi: @Agen_LN88 sekarang", "@agen_ln88"),
    ("info lengkap dm ke @lokerjepang.", "@lokerjepang"),
])
def test_a_bare_handle_offered_as_the_contact_is_extracted(text, handle):
    ((value, shown),) = _handles(text)
    assert value == handle and shown.lower() == handle


@pytest.mark.parametrize("text", [
    "kirim CV ke rekrut@gmail.com",
    "japri rekrut@gmail.com",
    "gaji @ 5 jt per bulan, japri",
    "harga 3 @ 50rb hub admin",
    "WASPADA lowongan palsu! Hubungi @bp2mi_ri untuk info resmi",
    "kata @rekrut_asia_jobs di postingannya, ini penipuan",
    "hubungi @tim.hrd.com untuk info",
    "japri tele @rekrut_asia_jobs",  # a Telegram handle, already its own kind
])
def test_emails_amounts_official_accounts_and_quotes_are_not_bare_handles(text):
    assert _handles(text) == []


def test_the_new_kind_is_not_a_contact_feature_so_no_models_features_change():
    assert "handle" not in CONTACT_KINDS


def _companies(text: str) -> list[str]:
    return [e.value for e in extract_entities(normalise(text)) if e.kind == "organisation"]


@pytest.mark.parametrize("text, names", [
    ("Resmi lewat PT Maju Jaya Abadi, berangkat cepat", ["PT Maju Jaya Abadi"]),
    ("via PT. Sinar Terang Sejahtera Indonesia Raya Makmur", ["PT. Sinar Terang Sejahtera "
                                                              "Indonesia Raya"]),
    # A full stop or a line break ends a name: two companies, not one.
    ("daftar di PT Lama Sekali. CV Sinar juga buka", ["PT Lama Sekali", "CV Sinar"]),
    ("PT Karya Mandiri\nKuota Terbatas", ["PT Karya Mandiri"]),
    ("LPK Bahasa Jepang Hikari", ["LPK Bahasa Jepang Hikari"]),
    ("gaji UMR pt kecil-kecilan, tanpa PTnya", []),
])
def test_company_names_stop_at_the_end_of_a_sentence_or_line(text, names):
    assert _companies(text) == names

"""The register of licensed agencies: names normalised for lookup, a CSV import that reports
every bad row by its line and keeps the good ones, edits, and the lookup of the companies the
classifier finds in a post."""

from __future__ import annotations

from datetime import date

import pytest

from classifier import load_scorer
from patrol.cases import agencies
from storage import audit

REGISTER = (
    "nama;sip3mi;berlaku_sampai\n"
    "PT Maju Jaya Abadi;KEP.123/2024;2027-12-31\n"
    ";KEP.1/2024;2027-01-01\n"
    "PT. Sinar Terang;;2027-01-01\n"
    "\n"
    "P.T. Cahaya Timur;KEP 9;31-13-2026\n"
    "pt cahaya-timur;KEP 10;31-12-2026\n"
    "PT Maju Jaya Abadi, Tbk;KEP.124/2024;2027-12-31\n"
    "PT MAJU JAYA ABADI;KEP 5;01/01/2028\n"
)


@pytest.mark.parametrize(("name", "key"), [
    ("PT. Maju-Jaya  Abadi", "maju jaya abadi"),
    ("P.T. MAJU JAYA ABADI", "maju jaya abadi"),
    ("pt maju jaya abadi.", "maju jaya abadi"),
    ("Maju Jaya Abadi, PT", "maju jaya abadi"),
    ("PT Ｍａｊｕ Jaya Abadi", "maju jaya abadi"),  # full-width letters
    ("Ptolemy Sejahtera", "ptolemy sejahtera"),  # "PT" only as a word
])
def test_names_are_compared_without_case_pt_or_punctuation(name, key):
    assert agencies.normalise(name) == key


def test_an_import_reports_each_bad_row_by_line_and_keeps_the_good_ones(session):
    report = agencies.import_csv(session, REGISTER.encode(), "adi", "p3mi.csv")
    session.commit()
    assert report.errors == [
        "baris 3: nama perusahaan kosong",
        "baris 4: nomor SIP3MI untuk 'PT. Sinar Terang' kosong",
        "baris 6: tanggal berlaku '31-13-2026' untuk 'P.T. Cahaya Timur' bukan tanggal "
        "(tulis TTTT-BB-HH atau HH-BB-TTTT)",
        "baris 9: perusahaan yang sama dengan baris 2 ('PT MAJU JAYA ABADI'); hanya yang "
        "pertama dipakai",
    ]
    kept = {a.name: (a.licence, a.valid_until) for a in agencies.listing(session)}
    assert kept == {"PT Maju Jaya Abadi": ("KEP.123/2024", date(2027, 12, 31)),
                    "pt cahaya-timur": ("KEP 10", date(2026, 12, 31)),
                    "PT Maju Jaya Abadi, Tbk": ("KEP.124/2024", date(2027, 12, 31))}
    assert (report.added, report.updated) == (3, 0)
    entry = audit.entries(session, action="register_import")[0]
    assert (entry.target, entry.details["errors"]) == ("p3mi.csv", 4)
    # Importing the next edition updates the companies it names and adds no duplicates.
    again = agencies.import_csv(session, b"nama,sip3mi,berlaku_sampai\n"
                                b"PT. MAJU JAYA ABADI,KEP.200/2026,2029-06-30\n", "adi")
    assert (again.added, again.updated, again.errors) == (0, 1, [])
    assert [a.licence for a in agencies.listing(session, "maju jaya abadi")] == [
        "KEP.200/2026", "KEP.124/2024"]


def test_a_file_that_is_not_a_register_is_refused_whole(session):
    with pytest.raises(agencies.RegisterError, match="baris 1 tidak punya kolom licence"):
        agencies.import_csv(session, b"nama,alamat\nPT A,Jl. B\n", "adi", "x.csv")
    with pytest.raises(agencies.RegisterError, match="bukan teks UTF-8"):
        agencies.import_csv(session, b"nama,sip3mi\n\xff\xfe", "adi", "x.csv")
    assert agencies.listing(session) == []


def test_admins_edit_an_entry_and_a_name_stays_unique(session):
    made = agencies.save(session, "adi", "PT Maju Jaya Abadi", "KEP 1", "2027-01-01")
    agencies.save(session, "adi", "PT Lain Sekali", "KEP 2", "2027-01-01")
    agencies.save(session, "adi", "PT Maju Jaya Abadi", "KEP 1A", "2028-01-01", made.id)
    session.commit()
    assert (made.licence, made.valid_until) == ("KEP 1A", date(2028, 1, 1))
    with pytest.raises(agencies.RegisterError, match="sudah ada di daftar"):
        agencies.save(session, "adi", "p.t. maju jaya abadi", "KEP 3", "2027-01-01")
    assert audit.entries(session, action="register_edit")[0].details["before"]["licence"] == \
        "KEP 1"


def test_companies_a_post_names_are_looked_up(session):
    agencies.save(session, "adi", "PT Maju Jaya Abadi", "KEP.123/2024", "2027-12-31")
    agencies.save(session, "adi", "PT Lama Sekali", "KEP.9/2019", "2024-01-01")
    session.commit()
    text = ("Lowongan PRT Saudi resmi lewat PT Maju Jaya Abadi Buka cabang, atau PT. Karya "
            "Palsu Mandiri, atau PT Lama Sekali. CV Sinar juga. Hub 0812-0000-1234")
    entities = load_scorer("rules").score([text])[0].to_dict()["entities"]
    found = {f.name: f for f in agencies.lookup(session, entities, today=date(2026, 12, 7))}
    assert set(found) == {"PT Maju Jaya Abadi Buka", "PT. Karya Palsu Mandiri",
                          "PT Lama Sekali"}  # a CV is no P3MI: not looked up
    listed = found["PT Maju Jaya Abadi Buka"]  # the words after the name do not hide it
    assert (listed.agency.licence, listed.unlisted) == ("KEP.123/2024", False)
    assert found["PT. Karya Palsu Mandiri"].agency is None
    assert found["PT. Karya Palsu Mandiri"].unlisted
    assert found["PT Lama Sekali"].expired and found["PT Lama Sekali"].unlisted

"""`patrol partners`, `patrol referrals`, `patrol verify --referral` and `patrol agencies`
through the real CLI: a referral from proposal to close, refusals as one line, the exported
packet checked against the one recorded when it was sent, and a register import with bad rows."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from patrol.queue import claims, decisions
from storage.db import session_factory
from storage.models import ReviewItem, User
from tests.conftest import run_patrol
from tests.review.conftest import _filled


def _decided_database(url: str) -> list[int]:
    engine = next(_filled(url))
    with session_factory(engine)() as s:
        rina = s.scalar(select(User).where(User.name == "rina"))
        ids = list(s.scalars(select(ReviewItem.id).order_by(ReviewItem.id)))
        for item_id in ids[:2]:
            claims.claim(s, item_id, rina)
            decisions.decide(s, item_id, rina, "illegal", ["other"], "cek")
    engine.dispose()
    return ids


def test_a_referral_from_proposal_to_close_through_the_cli(sqlite_url, tmp_path: Path):
    ids = _decided_database(sqlite_url)

    def patrol(*args: str):
        return run_patrol(*args, cwd=tmp_path, db=sqlite_url)

    added = patrol("partners", "add", "Polda Bali", "--kind", "police", "--region", "Bali")
    assert added.returncode == 0 and "added partner 1: Polda Bali" in added.stdout
    refused = patrol("referrals", "propose", "--partner", "1", "--items", f"{ids[0]},{ids[2]}")
    assert refused.returncode == 2
    assert f"item belum diputus atau tidak ada: {ids[2]}" in refused.stderr
    proposed = patrol("referrals", "propose", "--partner", "1", "--items", f"{ids[0]},{ids[1]}",
                      "--notes", "dua unggahan, satu nomor")
    assert proposed.returncode == 0, proposed.stderr
    reference = proposed.stdout.split()[1]
    assert reference.startswith("RUJ-") and "(2 items)" in proposed.stdout

    sent = patrol("referrals", "send", reference, "--days", "7")
    assert sent.returncode == 0, sent.stderr
    wrong = patrol("referrals", "answer", reference, "draft")
    assert wrong.returncode == 2 and "tidak bisa diubah menjadi draft" in wrong.stderr
    for status in ("acted_on", "closed"):
        answered = patrol("referrals", "answer", reference, status, "--note", f"jawaban {status}")
        assert answered.returncode == 0, answered.stderr

    shown = json.loads(patrol("referrals", "show", reference, "--json").stdout)
    assert shown["status"] == "closed" and shown["items"] == ids[:2]
    assert [(h["from"], h["to"]) for h in shown["history"]] == [
        (None, "draft"), ("draft", "sent"), ("sent", "acted_on"), ("acted_on", "closed")]
    assert {h["actor"] for h in shown["history"]} == {f"cli:{_user()}"}
    assert shown["takedown"] == {"posts": 2, "checked": 0, "gone": 0, "online": 0,
                                 "days_up": None}  # no recheck has looked at them yet
    listed = json.loads(patrol("referrals", "list", "--status", "closed", "--json").stdout)
    assert [r["reference"] for r in listed] == [reference]
    assert json.loads(patrol("referrals", "list", "--overdue", "--json").stdout) == []

    exported = json.loads(patrol("referrals", "export", reference, "--out", "out",
                                 "--json").stdout)
    assert exported["manifest_sha256"] == shown["packet"]["manifest_sha256"]
    assert reference in (tmp_path / exported["letter"]).read_text(encoding="utf-8")
    verified = patrol("verify", exported["packet"], "--referral", reference)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "it is the packet sent with referral" in verified.stdout
    # Another packet of the same posts is intact, but not the one that was sent.
    other = patrol("export", "evidence", "--post", "1", "--out", "other.zip")
    assert other.returncode == 0, other.stderr
    mismatch = patrol("verify", "other.zip", "--referral", reference)
    assert mismatch.returncode == 1 and "not the packet sent with referral" in mismatch.stdout


def _user() -> str:
    import getpass

    return getpass.getuser()


def test_a_register_import_reports_bad_rows_and_keeps_the_good(sqlite_url, tmp_path: Path):
    register = tmp_path / "p3mi.csv"
    register.write_text("nama,sip3mi,berlaku_sampai\nPT Maju Jaya Abadi,KEP.1/2024,2027-12-31\n"
                        "PT Beta,,2027-01-01\nPT Gamma,KEP.3,kemarin\n", encoding="utf-8")
    imported = run_patrol("agencies", "import", str(register), cwd=tmp_path, db=sqlite_url)
    assert imported.returncode == 1
    assert "baris 3: nomor SIP3MI untuk 'PT Beta' kosong" in imported.stdout
    assert "baris 4: tanggal berlaku 'kemarin'" in imported.stdout
    assert "1 added, 0 updated, 2 rows refused" in imported.stdout
    listed = run_patrol("agencies", "list", "--json", cwd=tmp_path, db=sqlite_url)
    assert json.loads(listed.stdout) == [{"name": "PT Maju Jaya Abadi", "licence": "KEP.1/2024",
                                          "valid_until": "2027-12-31"}]

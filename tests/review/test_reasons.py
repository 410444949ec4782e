"""A decision's reasons belong to its verdict: red flags explain "Ilegal", the kind of post
explains "Bukan" (and becomes a training label), and the ticked reasons lead their list."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from patrol.retraining import reviewed_labels
from storage.db import session_factory
from storage.models import Decision


def _claimed(rina) -> str:
    return rina.post("/claim-next").headers["location"]


def _listed(html: str, name: str) -> list[tuple[str, bool]]:
    return [(code, bool(ticked)) for code, ticked in re.findall(
        rf'name="{name}" value="([^"]+)"( checked)?', html)]


def test_the_ticked_red_flags_lead_the_illegal_list_and_benign_has_its_own(browser):
    rina = browser("rina")
    page = rina.get(_claimed(rina)).text
    illegal = _listed(page, "reasons_illegal")
    ticked = [code for code, on in illegal if on]
    assert ticked and illegal[:len(ticked)] == [(code, True) for code in ticked]
    benign = [code for code, _ in _listed(page, "reasons_benign")]
    assert {"warning", "news", "licensed_ad", "domestic_job", "question"} <= set(benign)
    assert not any(on for _, on in _listed(page, "reasons_benign"))
    assert "Peringatan/imbauan resmi" in page


def test_choosing_benign_never_records_the_ticked_red_flags(browser, review_engine):
    rina = browser("rina")
    item_url = _claimed(rina)
    page = rina.get(item_url).text
    ticked = [code for code, on in _listed(page, "reasons_illegal") if on]
    response = rina.post(item_url + "/decision", {
        "verdict": "benign", "reasons_illegal": ticked, "reasons_benign": ["warning"]})
    assert response.status_code == 303
    with session_factory(review_engine)() as s:
        assert s.scalar(select(Decision.reason_codes)) == ["warning"]


def test_a_red_flag_is_refused_as_the_reason_for_a_benign_verdict(browser, review_engine):
    rina = browser("rina")
    item_url = _claimed(rina)
    refused = rina.post(item_url + "/decision", {"verdict": "benign",
                                                 "reasons": ["visit_visa_for_work"]})
    assert refused.status_code == 409 and "tidak bisa menjadi alasan" in refused.text
    illegal_reason = rina.post(item_url + "/decision", {"verdict": "illegal",
                                                        "reasons": ["news"]})
    assert illegal_reason.status_code == 409
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0


def test_unsure_takes_its_own_reasons_or_a_worrying_red_flag(browser, review_engine):
    rina = browser("rina")
    assert rina.post(_claimed(rina) + "/decision", {
        "verdict": "unsure", "reasons_unsure": ["check_agency", "fee_upfront"]}
        ).status_code == 303


def test_a_benign_reason_is_the_training_records_kind_of_hard_negative(browser,
                                                                        review_engine):
    rina = browser("rina")
    rina.post(_claimed(rina) + "/decision", {"verdict": "benign",
                                             "reasons_benign": ["warning"]})
    with session_factory(review_engine)() as s:
        (record,) = reviewed_labels.resolve(s).records()
    assert record.label == "benign" and record.flags == ()
    assert record.extra["reason_codes"] == ["warning"]

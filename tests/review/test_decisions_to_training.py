"""Decisions made in the review app are what the analysts train on."""

from __future__ import annotations

from patrol.retraining import reviewed_labels
from storage.db import session_factory
from tests.review.conftest import POSTS


def test_decisions_made_in_the_app_become_training_records(browser, review_engine):
    rina, adi = browser("rina"), browser("adi")
    first = rina.post("/claim-next").headers["location"]
    rina.post(first + "/decision", {"verdict": "illegal", "note": "visa ziarah untuk kerja",
                                    "reasons": ["visit_visa_for_work", "other"]})
    second = rina.post("/claim-next").headers["location"]
    rina.post(second + "/decision", {"verdict": "unsure", "reasons": ["other"],
                                     "note": "perlu admin"})
    with session_factory(review_engine)() as s:
        resolution = reviewed_labels.resolve(s)
    (record,) = resolution.records()
    assert record.label == "illegal" and record.text in POSTS.values()
    assert record.flags == ("visit_visa_for_work",)
    assert record.extra["reason_codes"] == ["other", "visit_visa_for_work"]
    assert [(d["reviewer"], d["verdict"]) for d in record.extra["decisions"]] == [
        ("rina", "illegal")]
    assert record.extra["model"] == "rules-baseline-1"
    assert len(resolution.waiting) == 1  # the unsure one waits for an admin

    adi.post(second + "/claim")
    adi.post(second + "/decision", {"verdict": "benign", "reasons": ["other"],
                                    "note": "berita, bukan lowongan"})
    with session_factory(review_engine)() as s:
        labels = sorted(r.label for r in reviewed_labels.resolve(s).records())
    assert labels == ["benign", "illegal"]

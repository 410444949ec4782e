"""Reviewers' decisions become labelled records; the frozen slices stay out of training.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from classifier import load_scorer
from classifier.corpus import read_records, split
from patrol.retraining import reviewed_labels
from patrol.retraining.evaluation_set import FreezeError, evaluation_set, freeze, frozen_hashes
from storage.models import AuditEntry, ReviewItem
from tests.patrol.retraining.conftest import decide, store

OFFERS = [
    "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-2222",
    "kerja Malaysia lewat jalur tikus, paspor nyusul, wa 0812-0000-3333",
    "Loker admin Kamboja gaji 20 jt, tiket ditalangin dulu. hub 0812-0000-4444",
    "Butuh TKW Dubai visa turis, berangkat 2 minggu, tanpa medical. wa 0812-0000-5555",
]


def _items(session) -> list[int]:
    return list(session.scalars(select(ReviewItem.id).order_by(ReviewItem.id)))


def test_verdicts_become_records_with_provenance_and_conflicts_are_settled(session):
    store(session, load_scorer("rules"), OFFERS)
    first, second, third, fourth = _items(session)
    decide(session, first, "rina", "illegal", ("visit_visa_for_work", "no_training_or_certificate"))
    decide(session, second, "budi", "benign")
    decide(session, third, "rina", "illegal")
    decide(session, third, "budi", "benign")  # a second reviewer disagrees
    decide(session, fourth, "rina", "unsure")  # escalated to an admin

    before_admin = reviewed_labels.resolve(session)
    assert [d.text for d in before_admin.conflicts] == [OFFERS[2]]
    assert sorted(d.text for d in before_admin.waiting) == sorted([OFFERS[2], OFFERS[3]])
    assert sorted(r.text for r in before_admin.records()) == sorted(OFFERS[:2])

    decide(session, third, "adi", "benign")  # the admin settles the conflict
    decide(session, fourth, "adi", "illegal")  # and answers the escalation
    resolution = reviewed_labels.resolve(session)
    records = {r.text: r for r in resolution.records()}
    assert {t: r.label for t, r in records.items()} == {
        OFFERS[0]: "illegal", OFFERS[1]: "benign", OFFERS[2]: "benign", OFFERS[3]: "illegal"}
    first_record = records[OFFERS[0]]
    assert first_record.flags == ("no_training_or_certificate", "visit_visa_for_work")
    assert first_record.extra["model"] == "rules-baseline-1"
    assert first_record.extra["url"] == "https://t.me/s/loker/0"
    assert [d["reviewer"] for d in first_record.extra["decisions"]] == ["rina"]
    assert records[OFFERS[2]].extra["resolved_by"] == "admin"
    assert [d.text for d in resolution.conflicts] == [OFFERS[2]]
    assert resolution.waiting == []


def test_a_reviewer_who_changed_their_mind_counts_once_with_the_latest_verdict(session):
    store(session, load_scorer("rules"), OFFERS[:1])
    (item,) = _items(session)
    decide(session, item, "rina", "illegal")
    decide(session, item, "rina", "benign")
    resolution = reviewed_labels.resolve(session)
    assert [(r.text, r.label) for r in resolution.records()] == [(OFFERS[0], "benign")]
    assert resolution.conflicts == []


def test_a_frozen_slice_is_never_trained_on_and_always_evaluated(session, small_corpus):
    texts = [f"{offer} (kiriman {n})" for n in range(5) for offer in OFFERS]
    store(session, load_scorer("rules"), texts)
    for n, item in enumerate(_items(session)):
        decide(session, item, "rina", "illegal" if n % 3 else "benign")
    resolution = reviewed_labels.resolve(session)
    trained_before = {resolution.labelled[0].content_hash}

    first = freeze(session, resolution, "adi", share=0.25, seed=1, trained_on=trained_before,
                   name="2026-11-23")
    session.commit()
    assert len(first.items) == 4  # a quarter of the 19 texts no model has seen
    frozen = frozen_hashes(session)
    assert not frozen & trained_before
    trainable = {r.text for r in resolution.records(exclude=frozen)}
    assert len(trainable) == 16 and not trainable & {i.version.text for i in first.items}

    evaluated = evaluation_set(session, str(small_corpus))
    corpus_test = split(read_records(small_corpus), "test")
    assert evaluated[:len(corpus_test)] == corpus_test
    assert sorted((r.text, r.label) for r in evaluated[len(corpus_test):]) == sorted(
        (i.version.text, i.label) for i in first.items)

    second = freeze(session, resolution, "adi", share=0.25, seed=1, name="2026-11-30")
    assert not {i.content_hash for i in second.items} & frozen  # never frozen twice
    audit = session.scalars(select(AuditEntry.target).where(
        AuditEntry.action == "eval_freeze")).all()
    assert audit == ["slice:2026-11-23", "slice:2026-11-30"]


def test_freezing_with_nothing_left_says_so(session):
    store(session, load_scorer("rules"), OFFERS[:1])
    (item,) = _items(session)
    decide(session, item, "rina", "illegal")
    resolution = reviewed_labels.resolve(session)
    freeze(session, resolution, "adi", share=1.0, name="a")
    with pytest.raises(FreezeError, match="no decided post is left to freeze"):
        freeze(session, resolution, "adi", share=1.0, name="b")

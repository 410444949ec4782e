"""Compare, promote, roll back and re-score, with the small-corpus model and variants of it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from classifier import artefacts, load_scorer
from patrol.retraining.promotion import PromotionRefused, compare, promote, rollback
from patrol.retraining.rescoring import rescore
from storage.models import AuditEntry, ReviewItem, Score
from storage.posts import PostInput, ScoredPost, store_batch
from tests.patrol.retraining.conftest import BASE, store, ticket_ads, variant

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

OFFERS = [
    "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-2222",
    "kerja Malaysia lewat jalur tikus, paspor nyusul, wa 0812-0000-3333",
    "Loker admin Kamboja gaji 20 jt, tiket ditalangin dulu. hub 0812-0000-4444",
    "Butuh TKW Dubai visa turis, berangkat 2 minggu, tanpa medical. wa 0812-0000-5555",
    "Cari ART utk keluarga di Jakarta Selatan, gaji 3 jt, tidur di rumah, wa 0812-0000-6666",
    "WASPADA modus lowongan ke Saudi pakai visa ziarah, jangan tergiur! Lapor BP2MI.",
] + ticket_ads(6, seed=5)


def _audit(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                .order_by(AuditEntry.id)))


def test_a_worse_candidate_is_refused_unless_forced_with_a_reason(session, models):
    worse = variant(models, "worse", threshold=0.999)  # hardly anything is flagged: recall falls
    result = compare(session, load_scorer(worse), load_scorer(None), queue_days=None)
    assert result.worse() and "F1" in result.worse()[0]
    assert result.candidate["metrics"]["recall"] < result.active["metrics"]["recall"]

    with pytest.raises(PromotionRefused, match="worse than the active model base"):
        promote(session, worse, "cli:ana")
    with pytest.raises(PromotionRefused, match="--force needs --reason"):
        promote(session, worse, "cli:ana", force=True)
    assert artefacts.active_version() == BASE and _audit(session, "model_promote") == []

    promote(session, worse, "cli:ana", force=True, reason="uji paksa")
    assert artefacts.active_version() == worse
    (entry,) = _audit(session, "model_promote")
    assert (entry.actor, entry.target) == ("cli:ana", "model:worse")
    assert entry.details["forced"] is True and entry.details["reason"] == "uji paksa"
    assert entry.details["previous"] == BASE
    assert artefacts.history()[-1] | {"at": None} == {
        "at": None, "action": "promote", "from": BASE, "to": worse, "actor": "cli:ana",
        "reason": "uji paksa"}


def test_a_candidate_worse_held_out_by_family_is_refused(session, models):
    # The same model and threshold (equal on the frozen set) whose card says it generalises
    # worse to families it never saw.
    pipeline, card = artefacts.load(models / BASE)
    held = card["grouped"]
    weaker = {**held, "metrics": {**held["metrics"], "f1": held["metrics"]["f1"] - 0.05},
              "hard_negatives": {**held["hard_negatives"],
                                 "fpr": held["hard_negatives"]["fpr"] + 0.02}}
    card = {k: v for k, v in card.items() if k not in ("version", "model_sha256")}
    artefacts.save(pipeline, {**card, "grouped": weaker}, root=models, version="weaker")
    result = compare(session, load_scorer("weaker"), load_scorer(None), queue_days=None)
    assert result.worse() == [
        f"leave-family-out F1 {weaker['metrics']['f1']} < {held['metrics']['f1']}",
        f"leave-family-out hard-negative false-positive rate {weaker['hard_negatives']['fpr']} "
        f"> {held['hard_negatives']['fpr']}"]
    with pytest.raises(PromotionRefused, match="leave-family-out F1"):
        promote(session, "weaker", "cli:ana")
    assert artefacts.active_version() == BASE


def test_a_model_that_fails_to_verify_is_never_promoted(session, models):
    better = variant(models, "tampered", threshold=0.5)
    path = models / better / artefacts.MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(PromotionRefused, match="SHA-256 does not match"):
        promote(session, better, "cli:ana", force=True, reason="x")
    assert artefacts.active_version() == BASE


def test_an_interrupted_promotion_leaves_the_previous_model_active(session, models,
                                                                   monkeypatch):
    # The base model under another name: as good on the frozen set, so promotion goes ahead.
    same = variant(models, "same", threshold=artefacts.read_card(models / BASE)["threshold"])

    def cut_off(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(artefacts.os, "replace", cut_off)
    with pytest.raises(KeyboardInterrupt):
        promote(session, same, "cli:ana")
    assert artefacts.active_version() == BASE
    assert load_scorer(None).version == BASE
    session.rollback()
    assert _audit(session, "model_promote") == []  # the change and its entry, or neither


def test_rescore_moves_items_and_rollback_restores_the_scores_exactly(session, models):
    base = load_scorer(None)
    results = store(session, base, OFFERS)
    initial = {i.id: (i.status, i.score.score, i.score.model) for i in
               session.scalars(select(ReviewItem))}
    assert initial and all(model == BASE for _, _, model in initial.values())
    strict = 0.9
    assert any(r.score < strict and r.label == "illegal" for r in results), "no item to drop"

    promote(session, variant(models, "strict", strict), "cli:ana", force=True, reason="uji")
    moved = rescore(session, load_scorer(None), "cli:ana", batch=5)
    assert moved.posts == len(OFFERS) and moved.scored == len(OFFERS) and moved.reused == 0
    items = {i.id: i for i in session.scalars(select(ReviewItem))}
    dropped = {n for n, (_, score, _) in initial.items() if score < strict}
    assert {n for n, i in items.items() if i.status == "dismissed"} == dropped
    assert moved.left == len(dropped) and moved.entered == 0
    assert {e.target for e in _audit(session, "queue_leave")} == {f"item:{n}" for n in dropped}
    assert len(session.scalars(select(Score)).all()) == 2 * len(OFFERS)  # kept, not replaced

    assert rollback(session, "cli:ana") == ("strict", BASE)
    back = rescore(session, load_scorer(None), "cli:ana")
    assert back.reused == len(OFFERS) and back.scored == 0 and back.entered == len(dropped)
    session.expire_all()
    restored = {i.id: (i.status, i.score.score, i.score.model) for i in
                session.scalars(select(ReviewItem))}
    assert restored == initial


def test_a_lenient_model_queues_posts_that_were_never_queued(session, models):
    results = store(session, load_scorer(None), OFFERS)
    lowest_flagged = min(r.score for r in results if r.label == "illegal")
    below = [r.score for r in results if r.label == "benign"]
    lenient = max(below) - 1e-6  # just low enough to take the highest unflagged post
    assert lenient < lowest_flagged
    promote(session, variant(models, "lenient", lenient), "cli:ana", force=True, reason="uji")
    moved = rescore(session, load_scorer(None), "cli:ana")
    assert moved.entered == 1 and moved.left == 0
    (entered,) = _audit(session, "queue_enter")
    item = session.get(ReviewItem, int(entered.target.split(":")[1]))
    assert item.status == "open" and item.score.model == "lenient"
    assert item.score.score == pytest.approx(max(below))


def test_comparison_counts_queue_changes_and_serialises(session, models):
    store(session, load_scorer(None), OFFERS)
    queued = session.scalars(select(ReviewItem)).all()
    result = compare(session, load_scorer(variant(models, "none", 1.0)), load_scorer(None))
    assert result.queue.scored == len(OFFERS)
    assert (result.queue.enter, result.queue.leave) == (0, len(queued))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["candidate"]["model"] == "none" and data["active"]["model"] == BASE
    assert data["records"]["frozen"] == 0 and data["records"]["corpus_test"] > 0


def test_rescore_keeps_samples_in_the_queue(session, models):
    text = "Jual motor bekas Honda Beat 2019, surat lengkap, harga 9 jt, wa 0812-0000-6666"
    (result,) = load_scorer(None).score([text])
    assert result.label == "benign"
    store_batch(session, [ScoredPost(PostInput(url="https://x.test/1", platform="web",
                                               text=text), result, "random")], None)
    session.commit()
    promote(session, variant(models, "strict", 0.9), "cli:ana", force=True, reason="uji")
    moved = rescore(session, load_scorer(None), "cli:ana")
    (item,) = session.scalars(select(ReviewItem)).all()
    assert (item.status, item.reason, item.score.model) == ("open", "random", "strict")
    assert item.priority == 0.9 and moved.left == 0


def test_held_out_figures_over_other_records_are_not_compared(session, models):
    """A model trained on a larger corpus is held out on families the active one never had:
    its figures are over other posts, so only the frozen set compares the two."""
    pipeline, card = artefacts.load(models / BASE)
    held = card["grouped"]
    other = {**held, "metrics": {**held["metrics"], "f1": held["metrics"]["f1"] - 0.05},
             "held_out": {**held["held_out"], "ids": held["held_out"]["ids"][1:] + ["new-1"]}}
    card = {k: v for k, v in card.items() if k not in ("version", "model_sha256")}
    artefacts.save(pipeline, {**card, "grouped": other}, root=models, version="larger")
    result = compare(session, load_scorer("larger"), load_scorer(None), queue_days=None)
    assert not result.held_out_comparable() and result.worse() == []
    assert result.to_dict()["held_out_compared"] is False

"""`patrol evaluate --live`: the estimates equal a computation by hand on a fixed sample."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from classifier import ScoreResult
from patrol.retraining.live_estimates import estimate
from storage.models import ReviewItem
from storage.posts import PostInput, ScoredPost, store_batch
from tests.conftest import run_patrol
from tests.patrol.retraining.conftest import decide


def _post(n: int, score: float, reason: str | None, model: str = "m1") -> ScoredPost:
    label = "illegal" if score >= 0.5 else "benign"
    return ScoredPost(PostInput(url=f"https://x.test/{model}/{n}", platform="web",
                                text=f"{model} post {n}"),
                      ScoreResult(score, label, 0.5, model), reason)


def _fixed_sample(session) -> None:
    """12 posts flagged by m1, 190 below its threshold of which 20 are random samples, and
    5 flagged by another model that must not count."""
    batch = [_post(n, 0.9, "threshold") for n in range(12)]
    batch += [_post(100 + n, 0.1, "random" if n < 20 else None) for n in range(190)]
    batch += [_post(n, 0.95, "threshold", model="m0") for n in range(5)]
    store_batch(session, batch, None)
    session.commit()
    items = {i.version.text: i.id for i in session.scalars(select(ReviewItem))}
    verdicts = ["illegal"] * 8 + ["benign"] * 2 + ["unsure"]  # the 12th is not decided
    for n, verdict in enumerate(verdicts):
        decide(session, items[f"m1 post {n}"], "rina", verdict)
    decide(session, items["m1 post 9"], "budi", "benign")  # a second look, same verdict
    decide(session, items["m1 post 0"], "rina", "benign")  # changed mind...
    decide(session, items["m1 post 0"], "rina", "illegal")  # ...and back: illegal counts
    for n in range(20):
        decide(session, items[f"m1 post {100 + n}"], "rina", "illegal" if n == 0 else "benign")
    for n in range(5):
        decide(session, items[f"m0 post {n}"], "rina", "benign")


# 95% Wilson intervals from a table: 8 of 10 and 1 of 20.
PRECISION = (0.8, 0.4902, 0.9433)
MISS = (0.05, 0.0089, 0.2361)


def _recall(precision: float, miss: float) -> float:
    return precision * 12 / (precision * 12 + miss * 190)


def test_live_estimates_match_a_hand_computation(session):
    _fixed_sample(session)
    result = estimate(session, "m1")
    assert (result.precision.hits, result.precision.n) == (8, 10)
    assert (result.miss_rate.hits, result.miss_rate.n) == (1, 20)
    assert (result.flagged, result.unflagged) == (12, 190)
    got = (result.precision.value, result.precision.low, result.precision.high)
    assert got == pytest.approx(PRECISION, abs=1e-4)
    got = (result.miss_rate.value, result.miss_rate.low, result.miss_rate.high)
    assert got == pytest.approx(MISS, abs=1e-4)
    assert result.recall == pytest.approx(9.6 / (9.6 + 9.5))
    assert result.recall_low == pytest.approx(_recall(PRECISION[1], MISS[2]), abs=1e-3)
    assert result.recall_high == pytest.approx(_recall(PRECISION[2], MISS[1]), abs=1e-3)


def test_without_decisions_the_estimates_say_so(session):
    store_batch(session, [_post(1, 0.9, "threshold")], None)
    session.commit()
    result = estimate(session, "m1")
    assert result.precision.value is None and result.recall is None
    assert result.flagged == 1


def test_evaluate_live_prints_the_estimates(tmp_path, db_url, session):
    _fixed_sample(session)
    env = {"PATROL_DATABASE_URL": db_url, "PATROL_MODEL": "m1"}
    shown = run_patrol("evaluate", "--live", cwd=tmp_path, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "queue precision 0.800 (95% 0.490-0.943; 8 of 10)" in shown.stdout
    assert "miss rate       0.050 (95% 0.009-0.236; 1 of 20)" in shown.stdout
    assert "recall          0.503" in shown.stdout
    data = json.loads(run_patrol("evaluate", "--live", "--json", cwd=tmp_path, env=env).stdout)
    assert data["precision"]["n"] == 10 and data["unflagged"] == 190

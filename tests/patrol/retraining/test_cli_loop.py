"""The analyst's loop through the real CLI: decisions in, a candidate out, compared, promoted,
re-scored and rolled back."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from classifier import artefacts, load_scorer
from storage import users
from storage.db import open_database, session_factory
from storage.models import ReviewItem
from tests.conftest import run_patrol
from tests.patrol.retraining.conftest import BASE, PASSWORD, decide, flagged_ticket_ads, store

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training


def _database(tmp_path, decided: list[str], undecided: list[str] = ()) -> str:
    url = f"sqlite:///{tmp_path / 'patrol.db'}"
    engine = open_database(url)
    with session_factory(engine)() as session:
        users.add_user(session, "rina", "reviewer", PASSWORD)
        session.commit()
        store(session, load_scorer(None), decided + list(undecided))
        by_text = {i.version.text: i.id for i in session.scalars(select(ReviewItem))}
        for text in decided:
            decide(session, by_text[text], "rina", "benign", note="iklan tiket, bukan lowongan")
    engine.dispose()
    return url


def test_decisions_that_correct_a_false_positive_train_a_candidate_that_scores_it_lower(
        tmp_path, models, small_corpus):
    base = load_scorer(None)
    ads = flagged_ticket_ads(31, seed=11)
    corrected, still_queued, held_out = ads[:24], ads[24:30], ads[30]
    url = _database(tmp_path, corrected, still_queued)
    env = {"PATROL_MODELS_DIR": str(models), "PATROL_CORPUS": str(small_corpus),
           "PATROL_DATABASE_URL": url}

    trained = run_patrol("train", "--with-decisions", "--version", "fixed", cwd=tmp_path,
                         env=env, timeout=300)
    assert trained.returncode == 0, trained.stderr
    assert "fitting on" in trained.stderr and "(24 from decisions)" in trained.stderr
    fixed = load_scorer("fixed")
    before, after = base.score([held_out])[0], fixed.score([held_out])[0]
    assert after.score < before.score - 0.2 and after.label == "benign", (before, after)
    assert artefacts.active_version(models) == BASE  # a candidate until promoted

    card = artefacts.read_card(models / "fixed")
    assert card["decisions"] | {"provenance_file": None} == {
        "records": 24, "illegal": 0, "benign": 24, "frozen_excluded": 0, "conflicts": 0,
        "waiting_for_admin": 0, "provenance_file": None}
    provenance = json.loads((models / "fixed" / artefacts.DECISIONS_FILE).read_text("utf-8"))
    assert len(provenance) == 24 and {p["label"] for p in provenance} == {"benign"}
    assert {d["reviewer"] for p in provenance for d in p["decisions"]} == {"rina"}
    assert all("text" not in p for p in provenance)  # post texts stay in the database

    compared = run_patrol("models", "compare", "fixed", "--json", cwd=tmp_path, env=env)
    assert compared.returncode == 0, compared.stderr
    comparison = json.loads(compared.stdout)
    assert comparison["queue"]["scored"] == len(still_queued)
    assert comparison["queue"]["leave"] >= 1 and comparison["queue"]["enter"] == 0

    promoted = run_patrol("models", "promote", "fixed", "--force", "--reason", "uji", cwd=tmp_path,
                          env=env)
    assert promoted.returncode == 0, promoted.stderr
    assert artefacts.active_version(models) == "fixed"
    rescored = run_patrol("rescore", "--json", cwd=tmp_path, env=env)
    assert rescored.returncode == 0, rescored.stderr
    assert json.loads(rescored.stdout)["left"] == comparison["queue"]["leave"]
    rolled = run_patrol("models", "rollback", cwd=tmp_path, env=env)
    assert rolled.returncode == 0 and "active model: base (was fixed)" in rolled.stdout


def test_training_with_too_few_decisions_says_so_and_stops(tmp_path, models, small_corpus):
    url = _database(tmp_path, flagged_ticket_ads(3, seed=2))
    env = {"PATROL_MODELS_DIR": str(models), "PATROL_CORPUS": str(small_corpus),
           "PATROL_DATABASE_URL": url}
    result = run_patrol("train", "--with-decisions", "--version", "few", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "only 3 decided posts can be trained on (need at least 20" in result.stderr
    assert not (models / "few").exists()


def test_a_worse_candidate_is_refused_by_the_cli(tmp_path, models, small_corpus):
    from tests.patrol.retraining.conftest import variant

    variant(models, "worse", 0.999)
    env = {"PATROL_MODELS_DIR": str(models), "PATROL_CORPUS": str(small_corpus),
           "PATROL_DATABASE_URL": f"sqlite:///{tmp_path / 'patrol.db'}"}
    result = run_patrol("models", "promote", "worse", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "worse than the active model base" in result.stderr and "--force" in result.stderr
    assert artefacts.active_version(models) == BASE

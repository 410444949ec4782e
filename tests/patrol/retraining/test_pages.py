"""The analysts' pages of the review app: models, comparison, promote and rollback, live
estimates and drift; analysts and admins only."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from classifier import artefacts, load_scorer
from review.app import create_app
from storage import users
from storage.db import open_database, session_factory
from storage.models import AuditEntry
from tests.patrol.retraining.conftest import BASE, PASSWORD, flagged_ticket_ads, store, variant
from tests.review.conftest import Browser


@pytest.fixture
def app_engine(sqlite_url, models):
    engine = open_database(sqlite_url)
    with session_factory(engine)() as session:
        for name, role in (("rina", "reviewer"), ("ana", "analyst")):
            users.add_user(session, name, role, PASSWORD)
        session.commit()
        store(session, load_scorer(None), flagged_ticket_ads(3, seed=4))
    yield engine
    engine.dispose()


@pytest.fixture
def signed_in(app_engine):
    app = create_app(app_engine)

    def client(name: str) -> Browser:
        browser = Browser(TestClient(app, follow_redirects=False))
        assert browser.login(name, PASSWORD).status_code == 303
        return browser

    return client


def test_reviewers_cannot_see_or_change_models(signed_in, models):
    rina = signed_in("rina")
    for path in ("/models", f"/models/{BASE}", "/analysis"):
        assert rina.get(path).status_code == 403
    rina.get("/")
    assert rina.post("/models/rollback").status_code == 403
    assert artefacts.active_version(models) == BASE


def test_an_analyst_compares_refuses_a_worse_model_then_forces_it_and_rolls_back(
        signed_in, models, app_engine):
    variant(models, "worse", 0.999)
    ana = signed_in("ana")
    listing = ana.get("/models").text
    assert "worse" in listing and re.search(r"base\s*<span class=\"status\">aktif", listing)

    page = ana.get("/models/worse").text
    assert "Kandidat lebih buruk" in page and "F1" in page
    assert 'name="force"' in page

    refused = ana.post("/models/worse/promote")
    assert refused.status_code == 409 and "Kandidat lebih buruk" in refused.text
    no_reason = ana.post("/models/worse/promote", {"force": "1"})
    assert no_reason.status_code == 409 and "perlu alasan" in no_reason.text
    assert artefacts.active_version(models) == BASE

    ana.get("/models/worse")
    assert ana.post("/models/worse/promote", {"force": "1", "reason": "uji lapangan"}) \
        .headers["location"] == "/models?msg=promoted"
    assert artefacts.active_version(models) == "worse"
    ana.get("/models")
    assert ana.post("/models/rollback").status_code == 303
    assert artefacts.active_version(models) == BASE
    with session_factory(app_engine)() as session:
        actions = session.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.target)
                                  .where(AuditEntry.action.like("model_%"))
                                  .order_by(AuditEntry.id)).all()
    assert actions == [("ana", "model_promote", "model:worse"),
                       ("ana", "model_rollback", f"model:{BASE}")]


def test_a_promotion_without_the_form_token_is_refused(signed_in, models):
    variant(models, "same", 0.5)
    ana = signed_in("ana")
    assert ana.post("/models/same/promote", {"csrf_token": "palsu"}, csrf=False) \
        .status_code == 403
    assert artefacts.active_version(models) == BASE


def test_the_analysis_page_shows_estimates_and_drift(signed_in):
    page = signed_in("ana").get("/analysis")
    assert page.status_code == 200
    assert "Presisi antrean" in page.text and "belum ada keputusan" in page.text
    assert "3 di atas ambang" in page.text
    assert page.text.count('src="data:image/png;base64,') == 2

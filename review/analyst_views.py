"""What the analysts' pages show: the models with their cards and history, a candidate against
the active model on the frozen set, live precision/recall estimates and drift plots."""

from __future__ import annotations

import base64

from sqlalchemy.orm import Session

from classifier import artefacts, load_scorer
from classifier.baseline import RuleBaseline
from patrol.retraining import drift, live_estimates
from patrol.retraining.promotion import compare


def active_name() -> str:
    return artefacts.active_version() or RuleBaseline.version


def models_overview() -> dict:
    cards = sorted(artefacts.list_cards(), key=lambda c: c["created"], reverse=True)
    return {"cards": cards, "active": artefacts.active_version(),
            "history": list(reversed(artefacts.history()))[:20],
            "can_roll_back": artefacts.previous_active() is not None}


def model_view(session: Session, version: str) -> dict:
    """The card of `version`, and unless it is the active one, its comparison with the active
    model on the frozen set (queue changes are left to `patrol models compare`: scoring every
    unreviewed post is too slow for a page)."""
    card = artefacts.read_card(artefacts.resolve(version))
    result = None
    if version != artefacts.active_version():
        result = compare(session, load_scorer(version), load_scorer(None), queue_days=None)
    return {"card": card, "comparison": result, "active": active_name()}


def live_view(session: Session, weeks: int = 12) -> dict:
    model = active_name()
    report = drift.compute(session, model, weeks=weeks)
    images = {name: base64.b64encode(data).decode("ascii")
              for name, data in drift.plots(report).items()}
    return {"model": model, "estimate": live_estimates.estimate(session, model), "drift": report,
            "images": images}

"""Scoring of posts: red flags with spans, entities, and a calibrated score.

Nothing here knows about Scrapy or the database. The one entry point is `load_scorer()`, whose
result has `.version`, `.threshold` and `.score(texts) -> list[ScoreResult]`.
"""

from __future__ import annotations

import functools
from typing import Protocol

from classifier.result import Entity, Flag, ScorerError, ScoreResult

__all__ = ["Entity", "Flag", "ScoreResult", "Scorer", "ScorerError", "check_model",
           "load_scorer"]

BASELINE_NAMES = {"rules", "baseline", "rules-baseline-1"}


class Scorer(Protocol):
    version: str
    threshold: float

    def score(self, texts: list[str]) -> list[ScoreResult]: ...


def load_scorer(name: str | None = None) -> Scorer:
    """The scorer called `name`: None for the active model (models/ACTIVE; the rule baseline
    when no model is active), 'rules' for the baseline, a version, or a model directory.

    Scorers are read-only once loaded, so one instance per name serves the whole process. The
    active model is looked up on every call: a promotion in another process takes effect."""
    if name is None:
        from classifier import artefacts

        name = artefacts.active_version() or "rules"
    return _load(name)


def check_model(name: str | None) -> None:
    """Raise ScorerError now if `name` names no model, without the cost of loading it."""
    from classifier import artefacts

    directory = _directory(name)
    if directory is not None:
        artefacts.read_card(directory)


def _directory(name: str | None):
    """The model directory `name` stands for; None for the rule baseline."""
    from classifier import artefacts

    if name is None:
        name = artefacts.active_version()
        if name is None:
            return None
    if name in BASELINE_NAMES:
        return None
    return artefacts.resolve(name)


@functools.cache
def _load(name: str | None) -> Scorer:
    from classifier.analysis import prepare

    directory = _directory(name)
    if directory is None:
        from classifier.baseline import RuleBaseline

        scorer: Scorer = RuleBaseline()
    else:
        from classifier import artefacts
        from classifier.model_scorer import TrainedScorer

        scorer = TrainedScorer(*artefacts.load_weights(directory))
    prepare()
    return scorer

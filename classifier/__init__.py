"""Scoring of posts: red flags with spans, entities, and a calibrated score.

Nothing here knows about Scrapy or the database. The one entry point is `load_scorer()`, whose
result has `.version`, `.threshold` and `.score(texts) -> list[ScoreResult]`.
"""

from __future__ import annotations

import functools
from typing import Protocol

from classifier.result import Entity, Flag, ScoreResult

__all__ = ["Entity", "Flag", "ScoreResult", "Scorer", "ScorerError", "check_model", "load_scorer"]

BASELINE_NAMES = {"rules", "baseline", "rules-baseline-1"}


class Scorer(Protocol):
    version: str
    threshold: float

    def score(self, texts: list[str]) -> list[ScoreResult]: ...


class ScorerError(Exception):
    """A model that cannot be loaded; the message says which and why."""


def load_scorer(name: str | None = None) -> Scorer:
    """The scorer called `name`; None means the active one (the rule baseline for now).

    Scorers are read-only once loaded, so one instance per name serves the whole process."""
    return _load(name)


def check_model(name: str | None) -> None:
    """Raise ScorerError now if `name` cannot be loaded, without the cost of loading it."""
    if not (name is None or name in BASELINE_NAMES):
        raise ScorerError(_unknown(name))


def _unknown(name: str) -> str:
    return f"unknown model {name!r}: the available scorer is 'rules' (the baseline)"


@functools.cache
def _load(name: str | None) -> Scorer:
    if name is None or name in BASELINE_NAMES:
        from classifier.baseline import RuleBaseline

        return RuleBaseline()
    raise ScorerError(_unknown(name))

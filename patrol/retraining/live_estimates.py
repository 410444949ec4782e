"""How well the model does on live posts, estimated from reviewers' decisions.

- Precision of the queue: among items queued for scoring at or above the threshold and decided
  illegal or benign, the share judged illegal.
- Miss rate: among random-sample items (drawn uniformly from the posts scored below the
  threshold) that were decided, the share judged illegal.
- Recall: the illegal posts the model flagged over all illegal posts,
      recall = precision * N_flagged / (precision * N_flagged + miss_rate * N_unflagged)
  where N_flagged and N_unflagged count the posts the model scored above and below its
  threshold.

Proportions get 95% Wilson intervals; recall's interval combines the ends of the two
intervals it is made of (lowest precision with highest miss rate, and the reverse), which is
conservative. An item counts with the latest verdict on it; "unsure" is not a verdict here.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Decision, Post, PostVersion, ReviewItem, Score

Z95 = 1.959964


@dataclass(frozen=True)
class Proportion:
    hits: int
    n: int
    value: float | None
    low: float | None
    high: float | None


def wilson(hits: int, n: int, z: float = Z95) -> Proportion:
    if n == 0:
        return Proportion(hits, n, None, None, None)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Proportion(hits, n, p, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class LiveEstimate:
    model: str
    precision: Proportion
    miss_rate: Proportion
    flagged: int
    unflagged: int
    recall: float | None
    recall_low: float | None
    recall_high: float | None

    def to_dict(self) -> dict:
        return asdict(self)


def _recall(precision: float | None, miss: float | None, flagged: int,
            unflagged: int) -> float | None:
    if precision is None or miss is None:
        return None
    found = precision * flagged
    missed = miss * unflagged
    return found / (found + missed) if found + missed else None


def _verdicts(session: Session, model: str, reason: str) -> list[str]:
    """The latest illegal/benign verdict on each decided item of `reason` scored by `model`."""
    latest = (select(Decision.review_item_id, func.max(Decision.id).label("id"))
              .where(Decision.verdict.in_(("illegal", "benign")))
              .group_by(Decision.review_item_id).subquery())
    return list(session.scalars(
        select(Decision.verdict).join(latest, Decision.id == latest.c.id)
        .join(ReviewItem, ReviewItem.id == Decision.review_item_id)
        .join(Score, ReviewItem.score_id == Score.id)
        .where(ReviewItem.reason == reason, Score.model == model)))


def _scored(session: Session, model: str) -> tuple[int, int]:
    """Current posts scored by `model` at or above its threshold, and below it."""
    rows = session.execute(
        select(Score.score >= Score.threshold, func.count())
        .join(PostVersion, Score.post_version_id == PostVersion.id)
        .join(Post, (Post.id == PostVersion.post_id)
              & (Post.current_version == PostVersion.version))
        .where(Score.model == model).group_by(Score.score >= Score.threshold))
    counts = {bool(flagged): n for flagged, n in rows}
    return counts.get(True, 0), counts.get(False, 0)


def estimate(session: Session, model: str) -> LiveEstimate:
    precision_verdicts = _verdicts(session, model, "threshold")
    sample_verdicts = _verdicts(session, model, "random")
    precision = wilson(precision_verdicts.count("illegal"), len(precision_verdicts))
    miss = wilson(sample_verdicts.count("illegal"), len(sample_verdicts))
    flagged, unflagged = _scored(session, model)
    return LiveEstimate(
        model=model, precision=precision, miss_rate=miss, flagged=flagged,
        unflagged=unflagged, recall=_recall(precision.value, miss.value, flagged, unflagged),
        recall_low=_recall(precision.low, miss.high, flagged, unflagged),
        recall_high=_recall(precision.high, miss.low, flagged, unflagged))

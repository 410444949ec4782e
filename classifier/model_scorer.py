"""The trained model as a scorer: calibrated probability from the model's weights, red flags
and entities (with spans) from the rule reading the model also uses as features."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

import numpy as np

from classifier.analysis import analyse
from classifier.result import ScoreResult
from classifier.scope import scope_of
from classifier.weights import Weights

# Longer texts are scored on their start: a 1 MB paste is not a job ad, and the cost of
# tokenising it whole would stall a crawl. The pipeline already cuts posts at 50,000 characters.
MAX_CHARS = 100_000
# Texts are scored in chunks no larger than the analysis cache, so that the features reuse the
# analyses made for the spans instead of redoing them.
CHUNK = 512


class TrainedScorer:
    def __init__(self, weights: Weights, card: dict) -> None:
        self.weights = weights
        self.card = card
        self.version: str = card["version"]
        self.threshold: float = float(card["threshold"])

    def score(self, texts: Sequence[str]) -> list[ScoreResult]:
        results: list[ScoreResult] = []
        with _collector_paused():
            for start in range(0, len(texts), CHUNK):
                results += self._score_chunk([t[:MAX_CHARS] for t in texts[start:start + CHUNK]])
        return results

    def _score_chunk(self, texts: list[str]) -> list[ScoreResult]:
        readings = [analyse(t) for t in texts]  # cached: the feature steps reuse them
        probabilities = self.predict_proba(texts)[:, 1]
        results = []
        for reading, probability in zip(readings, probabilities, strict=True):
            # Not rounded: a score rounded up past the threshold would be queued by the crawl
            # but counted as benign by the model card.
            score = float(probability)
            label = "illegal" if score >= self.threshold else "benign"
            results.append(ScoreResult(score, label, self.threshold, self.version,
                                       list(reading.flags), list(reading.entities),
                                       scope_of(reading)))
        return results

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.weights.predict_proba(texts)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch is scored. Scoring allocates many small objects
    and makes no reference cycles, yet each collection walks the caches' hundreds of thousands
    of entries: that was an eighth of the time to score a post. Any garbage is collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

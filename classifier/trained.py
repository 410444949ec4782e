"""The trained model as a scorer: calibrated probability from the Pipeline, red flags and
entities (with spans) from the rule reading the model also uses as features."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.calibration import _SigmoidCalibration
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.pipeline import FeatureUnion, Pipeline

from classifier.analysis import analyse
from classifier.hashing import hash_words, hashes_words
from classifier.result import ScoreResult

# Longer texts are scored on their start: a 1 MB paste is not a job ad, and the cost of
# tokenising it whole would stall a crawl. The pipeline already cuts posts at 50,000 characters.
MAX_CHARS = 100_000
# Texts are scored in chunks no larger than the analysis cache, so that the features reuse the
# analyses made for the spans instead of redoing them.
CHUNK = 512


class TrainedScorer:
    def __init__(self, pipeline, card: dict) -> None:
        self.pipeline = pipeline
        self.card = card
        self.version: str = card["version"]
        self.threshold: float = float(card["threshold"])

    def score(self, texts: Sequence[str]) -> list[ScoreResult]:
        results: list[ScoreResult] = []
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
                                       list(reading.flags), list(reading.entities)))
        return results

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """`pipeline.predict_proba(texts)`, computed from the fitted steps directly.

        On every call Pipeline, FeatureUnion and each estimator validate parameters and input,
        route metadata and go through joblib: 4 ms of the 5 ms a single post took. Here the
        fitted transformers are applied one after another, and TF-IDF and the calibrated
        linear model are computed from their fitted attributes. A test checks that the result
        equals the Pipeline's.
        """
        *steps, (_, model) = self.pipeline.steps
        features = list(texts)
        for _, step in steps:
            features = _transform(step, features)
        return _calibrated_linear_proba(model, features)


def _transform(step, X):  # noqa: N803 - scikit-learn's argument names
    if isinstance(step, Pipeline):
        for _, inner in step.steps:
            X = _transform(inner, X)
        return X
    if isinstance(step, FeatureUnion) and not step.transformer_weights:
        return sparse.hstack([_transform(t, X) for _, t in step.transformer_list],
                             format="csr")
    if isinstance(step, TfidfTransformer) and step.use_idf and step.norm in ("l2", None):
        return _tfidf(step, X)
    if hashes_words(step):
        return hash_words(step, X)
    return step.transform(X)


def _tfidf(step: TfidfTransformer, counts: sparse.csr_matrix) -> sparse.csr_matrix:
    X = counts.astype(np.float64)  # a copy: the counts may be cached by the caller
    if step.sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1.0
    X.data *= step.idf_[X.indices]
    if step.norm == "l2":
        sizes = np.diff(X.indptr)
        rows = np.repeat(np.arange(X.shape[0]), sizes)
        lengths = np.sqrt(np.bincount(rows, weights=X.data ** 2, minlength=X.shape[0]))
        lengths[lengths == 0] = 1.0  # a text without features stays a row of zeros
        X.data /= np.repeat(lengths, sizes)
    return X


def _calibrated_linear_proba(model, X) -> np.ndarray:  # noqa: N803
    calibrated = getattr(model, "calibrated_classifiers_", [])
    if len(calibrated) != 1 or len(calibrated[0].calibrators) != 1 \
            or not isinstance(calibrated[0].calibrators[0], _SigmoidCalibration) \
            or not hasattr(calibrated[0].estimator, "coef_"):
        return model.predict_proba(X)
    linear, sigmoid = calibrated[0].estimator, calibrated[0].calibrators[0]
    decision = X @ linear.coef_.ravel() + linear.intercept_[0]
    positive = expit(-(sigmoid.a_ * decision + sigmoid.b_))
    return np.column_stack([1.0 - positive, positive])

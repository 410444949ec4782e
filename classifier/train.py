"""Training: the model pipeline, the decision threshold, and the model card's numbers.

The model is one scikit-learn Pipeline, so `skops` saves and loads it whole:

    texts -> FeatureUnion( word TF-IDF 1-2 grams on lemmas of the normalised text (hashed),
                           character 2-5 grams TF-IDF on normalised text (hashed),
                           red-flag and context features, weighted RULE_WEIGHT )
          -> CalibratedClassifierCV(LogisticRegression on the used columns, sigmoid, 5 folds)

It is fitted on the train split. The threshold is then chosen on the dev split: the highest
precision among thresholds that keep recall at or above 0.90. The test split is only scored.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.pipeline import FeatureUnion, Pipeline

from classifier.corpus import CORPUS, Record, file_sha256, read_records, split
from classifier.features import RedFlagFeatures, lemmatised_text, normalised_text
from classifier.hashing import CharNgramHasher
from classifier.linear import UsedColumnsLogisticRegression

MIN_RECALL = 0.90
MIN_TRAIN_RECORDS = 50
# How much the red-flag block counts beside the n-grams. Chosen on the dev split: 3.0 helped
# while the flags missed common phrasings; once they caught them, 1.0 ranked dev best.
RULE_WEIGHT = 1.0


class TrainingError(Exception):
    """Training cannot go on; the message says why."""


def build_pipeline(seed: int = 0) -> Pipeline:
    # Hashed n-grams rather than a vocabulary: a vocabulary of 60,000 character n-grams made
    # the saved model 22 MB of JSON and took five seconds to load.
    words = Pipeline([
        ("hash", HashingVectorizer(preprocessor=lemmatised_text, ngram_range=(1, 2),
                                   token_pattern=r"(?u)\b\w+\b", n_features=2**18,
                                   alternate_sign=False, norm=None)),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    chars = Pipeline([
        ("hash", CharNgramHasher(preprocessor=normalised_text, ngram_range=(2, 5),
                                 n_features=2**19)),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    # The rule block's weight is RULE_WEIGHT (see there, and DATA_CARD.md, "Checked on posts
    # written apart from the corpus", for why it was once 3).
    features = FeatureUnion([("words", words), ("chars", chars), ("flags", RedFlagFeatures())],
                            transformer_weights={"flags": RULE_WEIGHT})
    linear = UsedColumnsLogisticRegression(C=4.0, class_weight="balanced", max_iter=5000,
                                           random_state=seed)
    # ensemble=False: one classifier fitted on all of train, calibrated on 5-fold predictions.
    # Scoring then runs one linear model instead of five, which is what a single post waits on.
    model = CalibratedClassifierCV(linear, method="sigmoid", cv=5, ensemble=False)
    return Pipeline([("features", features), ("model", model)])


def choose_threshold(y: np.ndarray, scores: np.ndarray, min_recall: float = MIN_RECALL) -> float:
    """The threshold with the best precision among those whose recall is >= min_recall."""
    best = (-1.0, 0.5)
    for threshold in np.unique(scores):  # ascending
        predicted = scores >= threshold
        true_pos = int(np.sum(predicted & (y == 1)))
        if true_pos == 0 or true_pos / max(int(np.sum(y == 1)), 1) < min_recall:
            continue
        precision = true_pos / int(np.sum(predicted))
        # On ties keep the lower threshold: at the same precision it finds more offers, and
        # the highest one sits on the recall floor, so unseen offers fall below it.
        if precision > best[0]:
            best = (precision, float(threshold))
    # Round down: a threshold rounded up past the last positive's score would lose it.
    return math.floor(best[1] * 1e6) / 1e6


@dataclass
class Trained:
    pipeline: Pipeline
    threshold: float
    card: dict


def train(corpus: str | None = None, seed: int = 0,
          progress: Callable[[str], None] = lambda message: None,
          extra: Sequence[Record] = (), extra_card: dict | None = None) -> Trained:
    """Fit on the train split, pick the threshold on dev, and describe it all in a card.

    `extra` records (reviewers' decisions) join the train split only, so the dev threshold and
    the test figures stay comparable with models trained on the corpus alone; `extra_card`
    describes them in the card under "decisions"."""
    from classifier.evaluate import metrics  # evaluate imports train's helpers too

    path = corpus or str(CORPUS)
    progress(f"reading {path}")
    records = read_records(path)
    train_set, dev_set, test_set = (split(records, s) for s in ("train", "dev", "test"))
    fit_set = train_set + list(extra)
    if len(fit_set) < MIN_TRAIN_RECORDS or not dev_set:
        raise TrainingError(f"{path}: need at least {MIN_TRAIN_RECORDS} train records and a "
                            f"dev split; found {len(fit_set)} train, {len(dev_set)} dev")
    if len({r.y for r in fit_set}) < 2:
        raise TrainingError(f"{path}: the train split holds only one label")
    progress(f"fitting on {len(fit_set)} train records ({len(extra)} from decisions)"
             if extra else f"fitting on {len(fit_set)} train records")
    pipeline = build_pipeline(seed)
    pipeline.fit([r.text for r in fit_set], np.array([r.y for r in fit_set]))
    progress(f"choosing the threshold on {len(dev_set)} dev records")
    threshold = choose_threshold(*_scored(pipeline, dev_set))
    progress(f"scoring {len(test_set)} test records")
    card = {
        "format": 1, "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": seed, "threshold": threshold, "min_recall_on_dev": MIN_RECALL,
        "data": {"file": _relative(path), "sha256": file_sha256(path),
                 "records": len(records),
                 "splits": {s: len(r) for s, r in (("train", train_set), ("dev", dev_set),
                                                   ("test", test_set))}},
        "metrics": {"dev": metrics(*_scored(pipeline, dev_set), threshold)},
        "libraries": _libraries(),
    }
    if extra or extra_card:
        card["decisions"] = {"records": len(extra),
                             "illegal": sum(r.y for r in extra),
                             "benign": sum(1 - r.y for r in extra), **(extra_card or {})}
    if test_set:
        card["metrics"]["test"] = metrics(*_scored(pipeline, test_set), threshold)
    return Trained(pipeline, threshold, card)


def _scored(pipeline: Pipeline, records: list[Record]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([r.y for r in records]),
            pipeline.predict_proba([r.text for r in records])[:, 1])


def _relative(path: str) -> str:
    return "classifier/data/corpus.jsonl" if str(path) == str(CORPUS) else str(path)


def _libraries() -> dict[str, str]:
    import scipy
    import skops
    import spacy

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "scipy": scipy.__version__, "numpy": np.__version__, "skops": skops.__version__,
            "spacy": spacy.__version__}

"""Training: the model pipeline, the decision threshold, and the model card's numbers.

The model is one scikit-learn Pipeline, so `skops` saves and loads it whole:

    texts -> FeatureUnion( word TF-IDF 1-2 grams on lemmas of the normalised text (hashed),
                           character 2-5 grams TF-IDF on normalised text (hashed),
                           red-flag and context features, weighted RULE_WEIGHT )
          -> FamilyStack (stack.py): a text layer, and an evidence layer fitted on the text
             layer's decisions about families it never saw, with red flags that only raise

It is fitted on the train and dev splits with family folds (folds.py). The held-out
predictions of those folds give the leave-family-out figures, and the threshold: the highest
precision among thresholds that keep held-out recall at or above MIN_RECALL, overall and for
every scenario with MIN_SCENARIO_OFFERS offers at or above MIN_SCENARIO_RECALL. The frozen
test split is only scored.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.pipeline import FeatureUnion, Pipeline

from classifier.corpus import CORPUS, Record, file_sha256, read_records, split
from classifier.features import (
    RedFlagFeatures,
    masked_lemmatised_text,
    masked_normalised_text,
)
from classifier.folds import N_FOLDS, groups_of
from classifier.hashing import CharNgramHasher
from classifier.rule_features import feature_names
from classifier.stack import FamilyStack

MIN_RECALL = 0.93
# A threshold that keeps the overall recall can still miss most of one kind of offer: each
# scenario (docs/scenarios.md) with enough held-out offers keeps a recall floor of its own.
MIN_SCENARIO_RECALL = 0.85
MIN_SCENARIO_OFFERS = 15
MIN_TRAIN_RECORDS = 50
# How much the red-flag block counts beside the n-grams in the joint design, where one
# regression weighs both (the stacked designs learn the flags' weight in their evidence layer).
RULE_WEIGHT = 1.0
# The designs compared under family folds (`patrol train --compare-designs`, the model card's
# table); DESIGN is the one shipped. See DATA_CARD.md, "Designs compared".
DESIGNS: dict[str, dict] = {
    "joint": {"joint": True, "C": 4.0},
    "stacked": {"joint": False, "C": 4.0, "evidence_C": 1.0},
    "stacked_strong": {"joint": False, "C": 0.5, "evidence_C": 1.0},
}
DESIGN = "stacked"


class TrainingError(Exception):
    """Training cannot go on; the message says why."""


def build_pipeline(seed: int = 0, design: str = DESIGN) -> Pipeline:
    # Hashed n-grams rather than a vocabulary: a vocabulary of 60,000 character n-grams made
    # the saved model 22 MB of JSON and took five seconds to load.
    words = Pipeline([
        ("hash", HashingVectorizer(preprocessor=masked_lemmatised_text, ngram_range=(1, 2),
                                   token_pattern=r"(?u)\b\w+\b", n_features=2**18,
                                   alternate_sign=False, norm=None)),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    chars = Pipeline([
        ("hash", CharNgramHasher(preprocessor=masked_normalised_text, ngram_range=(2, 5),
                                 n_features=2**19)),
        ("tfidf", TfidfTransformer(sublinear_tf=True))])
    features = FeatureUnion([("words", words), ("chars", chars), ("flags", RedFlagFeatures())],
                            transformer_weights={"flags": RULE_WEIGHT})
    model = FamilyStack(rule_names=tuple(feature_names()), random_state=seed,
                        **DESIGNS[design])
    return Pipeline([("features", features), ("model", model)])


def choose_threshold(y: np.ndarray, scores: np.ndarray, min_recall: float = MIN_RECALL,
                     scenarios: Sequence[str | None] = ()) -> float:
    """The threshold with the best precision among those whose recall is >= min_recall and
    whose recall on each scenario's offers (`scenarios[i]` names record i's, or None) is >=
    MIN_SCENARIO_RECALL, for scenarios with at least MIN_SCENARIO_OFFERS offers."""
    best = (-1.0, 0.5)
    floors = _scenario_offers(y, scenarios)
    for threshold in np.unique(scores):  # ascending
        predicted = scores >= threshold
        true_pos = int(np.sum(predicted & (y == 1)))
        if true_pos == 0 or true_pos / max(int(np.sum(y == 1)), 1) < min_recall:
            continue
        if any(np.mean(predicted[offers]) < MIN_SCENARIO_RECALL for offers in floors):
            continue
        precision = true_pos / int(np.sum(predicted))
        # On ties keep the lower threshold: at the same precision it finds more offers, and
        # the highest one sits on the recall floor, so unseen offers fall below it.
        if precision > best[0]:
            best = (precision, float(threshold))
    # Round down: a threshold rounded up past the last positive's score would lose it.
    return math.floor(best[1] * 1e6) / 1e6


def _scenario_offers(y: np.ndarray, scenarios: Sequence[str | None]) -> list[np.ndarray]:
    """The indices of each scenario's offers, for scenarios with enough of them."""
    by_scenario: dict[str, list[int]] = {}
    for i, scenario in enumerate(scenarios):
        if scenario and y[i] == 1:
            by_scenario.setdefault(scenario, []).append(i)
    return [np.array(ix) for ix in by_scenario.values() if len(ix) >= MIN_SCENARIO_OFFERS]


@dataclass
class Trained:
    pipeline: Pipeline
    threshold: float
    card: dict


def train(corpus: str | None = None, seed: int = 0,
          progress: Callable[[str], None] = lambda message: None,
          extra: Sequence[Record] = (), extra_card: dict | None = None,
          design: str = DESIGN, compare_designs: bool = False) -> Trained:
    """Fit on the train and dev splits with family folds, pick the threshold on the held-out
    predictions, and describe it all in a card.

    `extra` records (reviewers' decisions) join the fit, each a family of its own; they are
    left out of the held-out figures, so those stay comparable with models trained on the
    corpus alone; `extra_card` describes them in the card under "decisions"."""
    from classifier.evaluate import breakdown, metrics  # evaluate imports train's helpers too

    path = corpus or str(CORPUS)
    progress(f"reading {path}")
    records = read_records(path)
    train_set, dev_set, test_set = (split(records, s) for s in ("train", "dev", "test"))
    corpus_fit = train_set + dev_set
    fit_set = corpus_fit + list(extra)
    if design not in DESIGNS:
        raise TrainingError(f"no design {design!r}; the designs are {', '.join(DESIGNS)}")
    families = len(set(groups_of(fit_set)))
    if len(fit_set) < MIN_TRAIN_RECORDS or families < N_FOLDS:
        raise TrainingError(f"{path}: need at least {MIN_TRAIN_RECORDS} train and dev records "
                            f"in at least {N_FOLDS} families; found {len(fit_set)} records in "
                            f"{families} families")
    if len({r.y for r in fit_set}) < 2:
        raise TrainingError(f"{path}: the train and dev splits hold only one label")
    progress(f"fitting on {len(fit_set)} records in {families} families"
             + (f" ({len(extra)} from decisions)" if extra else "")
             + f", with {N_FOLDS} family folds")
    pipeline = fit_pipeline(fit_set, seed, design)
    held_out = pipeline.named_steps["model"].held_out_proba_[:len(corpus_fit)]
    threshold = choose_threshold(np.array([r.y for r in corpus_fit]), held_out,
                                 scenarios=[r.scenario for r in corpus_fit])
    progress(f"scoring {len(test_set)} test records")
    card = {
        "format": 1, "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": seed, "design": design, "threshold": threshold,
        "min_recall_held_out": MIN_RECALL, "min_scenario_recall_held_out": MIN_SCENARIO_RECALL,
        "data": {"file": _relative(path), "sha256": file_sha256(path),
                 "records": len(records),
                 "splits": {s: len(r) for s, r in (("train", train_set), ("dev", dev_set),
                                                   ("test", test_set))}},
        "metrics": {},
        "grouped": {"folds": N_FOLDS, "records": len(corpus_fit),
                    **breakdown(corpus_fit, held_out, threshold),
                    # What the figures are computed from, so anyone can recount them.
                    "held_out": {"ids": [r.id for r in corpus_fit],
                                 "labels": [r.y for r in corpus_fit],
                                 "scores": held_out.tolist()}},
        "libraries": _libraries(),
    }
    if extra or extra_card:
        card["decisions"] = {"records": len(extra),
                             "illegal": sum(r.y for r in extra),
                             "benign": sum(1 - r.y for r in extra), **(extra_card or {})}
    if test_set:
        card["metrics"]["test"] = metrics(*_scored(pipeline, test_set), threshold)
        card["grouped"]["gap_to_test"] = {
            k: round(card["metrics"]["test"][k] - card["grouped"]["metrics"][k], 4)
            for k in ("precision", "recall", "f1")}
    if compare_designs:
        card["designs"] = {design: _design_row(card)}
        for other in DESIGNS:
            if other != design:
                progress(f"fitting design {other!r} to compare")
                card["designs"][other] = _design_row(
                    train(corpus, seed, extra=extra, design=other).card)
    return Trained(pipeline, threshold, card)


def _design_row(card: dict) -> dict:
    grouped = card["grouped"]
    return {"grouped": {k: grouped["metrics"][k] for k in ("precision", "recall", "f1",
                                                             "brier")},
            "hard_negative_fpr": grouped["hard_negatives"]["fpr"],
            "test_f1": card["metrics"].get("test", {}).get("f1"),
            "threshold": card["threshold"]}


def fit_pipeline(records: Sequence[Record], seed: int = 0, design: str = DESIGN) -> Pipeline:
    """The pipeline of `design` fitted on `records`, with their families as the folds'
    groups."""
    pipeline = build_pipeline(seed, design)
    return pipeline.fit([r.text for r in records], np.array([r.y for r in records]),
                        model__groups=groups_of(records))


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

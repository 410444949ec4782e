"""The trained model as the scorer reads it: the fitted numbers of the Pipeline, without
scikit-learn.

The skops file holds the whole Pipeline, which is what training makes and what analysts
inspect. Loading it needs scikit-learn, SciPy and skops, whose imports took 2.5-4 s here (skops
imports every scikit-learn estimator to list the types it trusts), while everything a score
needs is a few arrays: each hashed block's settings and IDF, the linear model's coefficients and
the sigmoid's two numbers. `save` writes those beside the skops file, as a NumPy archive read
with `allow_pickle=False`, so loading it cannot run code; the card holds its SHA-256.

`Weights.predict_proba` equals `pipeline.predict_proba` (a test checks it on the corpus, to
1e-12), and computes it for less: Pipeline, FeatureUnion and each estimator validate their
input on every call, which was 4 ms of the 5 ms a single post took. Scoring imports NumPy and
spaCy only; a test checks that it imports none of scikit-learn, SciPy and skops.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from classifier.analysis import analyse
from classifier.ngrams import SPACELESS_TOKENS, Counts, char_counts, word_counts
from classifier.normalise import numbers_dropped, numbers_masked
from classifier.result import ScorerError
from classifier.rule_features import feature_names, rule_features

FORMAT = 1
# What each hashed block reads, by the name of the preprocessor it was trained with.
SOURCES: dict[str, Callable[[str], str]] = {
    "lemmas": lambda text: analyse(text).lemmas,
    "normalised": lambda text: analyse(text).norm.text,
    "lemmas_masked": lambda text: numbers_masked(analyse(text).lemmas),
    "normalised_masked": lambda text: numbers_dropped(analyse(text).norm.text),
}
_PREPROCESSORS = {"classifier.features.lemmatised_text": "lemmas",
                  "classifier.features.normalised_text": "normalised",
                  "classifier.features.masked_lemmatised_text": "lemmas_masked",
                  "classifier.features.masked_normalised_text": "normalised_masked"}


@dataclass(frozen=True)
class HashedBlock:
    """Hashed n-gram counts of one view of the text, weighted by TF-IDF."""

    analyzer: str  # "word" or "char_wb", as HashingVectorizer names them
    source: str  # a key of SOURCES
    ngram_range: tuple[int, int]
    idf: np.ndarray  # one weight per column; its length is the number of columns
    sublinear_tf: bool
    l2_norm: bool
    token_pattern: str | None = None  # words only

    @property
    def width(self) -> int:
        return len(self.idf)

    def decision(self, texts: Sequence[str], coef: np.ndarray) -> np.ndarray:
        """Each text's TF-IDF row times `coef`: this block's share of the linear decision."""
        views = map(SOURCES[self.source], texts)
        if self.analyzer == "word":
            counts = word_counts(views, self.token_pattern, self.ngram_range, self.width)
        else:
            counts = char_counts(views, self.ngram_range, self.width)
        return self._weighted(counts, coef)

    def _weighted(self, counts: Counts, coef: np.ndarray) -> np.ndarray:
        # TfidfTransformer.transform from its fitted idf, then the dot product, on the CSR
        # arrays: per row, sum(tf * idf * coef) / sqrt(sum((tf * idf) ** 2)).
        tf = np.log(counts.data) + 1.0 if self.sublinear_tf else counts.data
        weighted = tf * self.idf[counts.indices]
        terms = np.empty((2, len(weighted)))
        np.multiply(weighted, coef[counts.indices], out=terms[0])
        np.square(weighted, out=terms[1])
        dot, squares = _row_sums(terms, counts.indptr)
        if not self.l2_norm:
            return dot
        lengths = np.sqrt(squares)
        lengths[lengths == 0] = 1.0  # a text without features stays a row of zeros
        return dot / lengths


def _row_sums(terms: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Per CSR row, the sum of each line of `terms` over that row's entries. A sum over runs
    (`reduceat`) was a third faster than `bincount` over row numbers; it cannot take an empty
    run, so rows without entries are left out of it and stay zero."""
    sums = np.zeros((len(terms), len(indptr) - 1))
    filled = indptr[:-1] < indptr[1:]
    if filled.any():
        sums[:, filled] = np.add.reduceat(terms, indptr[:-1][filled], axis=1)
    return sums


@dataclass(frozen=True)
class RuleBlock:
    """The rule reading as numbers (rule_features.py), one column per name."""

    names: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.names)

    def decision(self, texts: Sequence[str], coef: np.ndarray) -> np.ndarray:
        features = np.array([rule_features(t) for t in texts], dtype=np.float64)
        return features.reshape(len(texts), self.width) @ coef


@dataclass(frozen=True)
class Weights:
    """Feature blocks side by side, into a linear model calibrated by a sigmoid."""

    blocks: tuple[HashedBlock | RuleBlock, ...]
    coef: np.ndarray
    intercept: float
    sigmoid_a: float
    sigmoid_b: float

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Columns P(benign), P(illegal), as the Pipeline's predict_proba."""
        texts = list(texts)
        decision = np.full(len(texts), self.intercept)
        start = 0
        for block in self.blocks:
            decision += block.decision(texts, self.coef[start:start + block.width])
            start += block.width
        with np.errstate(over="ignore"):  # exp overflows to inf: the probability is 0
            positive = 1.0 / (1.0 + np.exp(self.sigmoid_a * decision + self.sigmoid_b))
        return np.column_stack([1.0 - positive, positive])

    def dumps(self) -> bytes:
        arrays = {"coef": self.coef}
        blocks = []
        for n, block in enumerate(self.blocks):
            if isinstance(block, RuleBlock):
                blocks.append({"kind": "rules", "names": list(block.names)})
                continue
            arrays[f"idf{n}"] = block.idf
            blocks.append({"kind": "hashed", "analyzer": block.analyzer, "source": block.source,
                           "ngram_range": list(block.ngram_range),
                           "sublinear_tf": block.sublinear_tf, "l2_norm": block.l2_norm,
                           "token_pattern": block.token_pattern})
        meta = {"format": FORMAT, "blocks": blocks, "intercept": self.intercept,
                "sigmoid": [self.sigmoid_a, self.sigmoid_b]}
        out = io.BytesIO()
        np.savez_compressed(out, meta=np.array(json.dumps(meta)), **arrays)
        return out.getvalue()


def loads(data: bytes, where: str) -> Weights:
    """The Weights in `data`; ScorerError (naming `where`) if they are not ones this code
    scores with exactly as they were trained."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(str(arrays.pop("meta")))
    except (OSError, ValueError, KeyError) as exc:
        raise ScorerError(f"{where}: not a readable weights file ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ScorerError(f"{where}: weights format {found!r}, but this version of "
                          f"cyber-patrol reads format {FORMAT}; retrain with `patrol train`")
    try:
        blocks = tuple(_block(b, arrays.get(f"idf{n}")) for n, b in enumerate(meta["blocks"]))
        weights = Weights(blocks, np.asarray(arrays["coef"], dtype=np.float64),
                          float(meta["intercept"]), *map(float, meta["sigmoid"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ScorerError(f"{where}: damaged weights file ({exc!r})") from None
    if weights.coef.shape != (sum(b.width for b in blocks),):
        raise ScorerError(f"{where}: {weights.coef.shape} coefficients for blocks "
                          f"{sum(b.width for b in blocks)} columns wide")
    return weights


def _block(meta: dict, idf: np.ndarray | None) -> HashedBlock | RuleBlock:
    if meta["kind"] == "rules":
        if list(meta["names"]) != feature_names():
            raise ValueError(f"the model was trained on rule features {meta['names']}, but "
                             f"this code computes {feature_names()}")
        return RuleBlock(tuple(meta["names"]))
    if meta["kind"] != "hashed" or idf is None or idf.ndim != 1 or idf.dtype != np.float64 \
            or meta["analyzer"] not in ("word", "char_wb") or meta["source"] not in SOURCES \
            or (meta["analyzer"] == "word" and meta["token_pattern"] not in SPACELESS_TOKENS):
        raise ValueError(f"a block this code cannot compute: {meta}")
    low, high = meta["ngram_range"]
    return HashedBlock(meta["analyzer"], meta["source"], (int(low), int(high)), idf,
                       bool(meta["sublinear_tf"]), bool(meta["l2_norm"]), meta["token_pattern"])


def from_pipeline(pipeline) -> Weights:
    """The Weights of a fitted pipeline of `train.build_pipeline`'s shape; ScorerError says
    which step is of another shape."""
    from sklearn.pipeline import FeatureUnion

    try:
        (_, union), (_, model) = pipeline.steps
    except (AttributeError, ValueError):
        raise ScorerError("the model is not a Pipeline of features and a model") from None
    if not isinstance(union, FeatureUnion):
        raise ScorerError(f"the model's features are {type(union).__name__}, not a "
                          f"FeatureUnion")
    blocks = tuple(_block_of(name, step) for name, step in union.transformer_list)
    # A transformer weight multiplies its block's columns, which is the same as multiplying
    # their coefficients: the scorer never needs to know the weights.
    given = union.transformer_weights or {}
    scale = np.repeat([float(given.get(name, 1.0)) for name, _ in union.transformer_list],
                      [block.width for block in blocks])
    coef, intercept, sigmoid_a, sigmoid_b = _linear(model)
    return Weights(blocks, coef * scale, intercept, sigmoid_a, sigmoid_b)


def _linear(model) -> tuple[np.ndarray, float, float, float]:
    """(coefficients, intercept, sigmoid a, sigmoid b) of the fitted model's decision."""
    from classifier.stack import FamilyStack

    if isinstance(model, FamilyStack):
        # Its probability is the logistic function of its linear decision: 1 / (1 + e^-d).
        coef, intercept = model.linear_form()
        return coef, intercept, -1.0, 0.0
    # Models up to v10: one linear classifier calibrated by one sigmoid.
    from sklearn.calibration import _SigmoidCalibration

    calibrated = getattr(model, "calibrated_classifiers_", [])
    if len(calibrated) != 1 or len(calibrated[0].calibrators) != 1 \
            or not isinstance(calibrated[0].calibrators[0], _SigmoidCalibration) \
            or np.shape(getattr(calibrated[0].estimator, "coef_", None))[:1] != (1,):
        raise ScorerError("the model is not one linear classifier calibrated by one sigmoid")
    linear, sigmoid = calibrated[0].estimator, calibrated[0].calibrators[0]
    return (np.asarray(linear.coef_, dtype=np.float64).ravel(), float(linear.intercept_[0]),
            float(sigmoid.a_), float(sigmoid.b_))


def _block_of(name: str, step) -> HashedBlock | RuleBlock:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.pipeline import Pipeline

    from classifier.features import RedFlagFeatures
    from classifier.hashing import CharNgramHasher

    if isinstance(step, RedFlagFeatures):
        return RuleBlock(tuple(feature_names()))
    steps = [s for _, s in step.steps] if isinstance(step, Pipeline) else []
    if len(steps) != 2 or not isinstance(steps[1], TfidfTransformer) or not steps[1].use_idf \
            or steps[1].norm not in ("l2", None):
        raise ScorerError(f"feature block {name!r}: not hashed counts weighted by TF-IDF")
    hasher, tfidf = steps
    source = _PREPROCESSORS.get(_qualified_name(hasher.preprocessor))
    idf = np.asarray(tfidf.idf_, dtype=np.float64)
    if isinstance(hasher, CharNgramHasher) and source:
        return HashedBlock("char_wb", source, tuple(hasher.ngram_range), idf,
                           tfidf.sublinear_tf, tfidf.norm == "l2")
    if isinstance(hasher, HashingVectorizer) and source and _counts_words(hasher):
        return HashedBlock("word", source, tuple(hasher.ngram_range), idf,
                           tfidf.sublinear_tf, tfidf.norm == "l2", hasher.token_pattern)
    raise ScorerError(f"feature block {name!r}: {hasher!r} is not a hasher the scorer computes")


def _counts_words(vectorizer) -> bool:
    """Whether `ngrams.word_counts` computes this HashingVectorizer's transform."""
    return (vectorizer.analyzer == "word" and vectorizer.input == "content"
            and vectorizer.tokenizer is None and vectorizer.token_pattern in SPACELESS_TOKENS
            and vectorizer.stop_words is None and not vectorizer.binary
            and vectorizer.norm is None and not vectorizer.alternate_sign
            and vectorizer.dtype == np.float64)


def _qualified_name(function) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"

"""Hashed n-grams, counted as scikit-learn's HashingVectorizer counts them, for less.

`CharNgramHasher` gives exactly what `HashingVectorizer(analyzer="char_wb", alternate_sign=False,
norm=None)` gives: n-grams of each space-padded word, hashed with MurmurHash3 into `n_features`
columns and counted. HashingVectorizer builds and hashes every n-gram of every post in Python,
which was 40% of the time to score a post. The n-grams of a word depend on the word alone, and
posts reuse a small vocabulary, so the column ids of each word are cached and a post's row is
the concatenation of its words' ids.

`hash_words` does the same for a fitted word-level HashingVectorizer of the model: each word
and word pair is hashed once while it stays in the cache.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from classifier.memo import Memo

_INT32_MIN = -(2**31)


def _column(gram: str, n_features: int) -> int:
    # FeatureHasher's column for a string feature (signed MurmurHash3, seed 0).
    h = murmurhash3_32(gram, seed=0)
    if h == _INT32_MIN:
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


def _char_columns(min_n: int, max_n: int, n_features: int, word: str) -> np.ndarray:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        # As sklearn's char_wb: a padded word no longer than n yields itself once, then stops.
        grams += [padded[i:i + n] for i in range(max(len(padded) - n, 0) + 1)]
        if len(padded) <= n:
            break
    return np.array([_column(g, n_features) for g in grams], dtype=np.int32)


@functools.cache
def _char_memo(min_n: int, max_n: int, n_features: int) -> Memo[str, np.ndarray]:
    return Memo(functools.partial(_char_columns, min_n, max_n, n_features), 2**17)


@functools.cache
def _gram_memo(n_features: int) -> Memo[str, int]:
    return Memo(functools.partial(_column, n_features=n_features), 2**18)


class CharNgramHasher(TransformerMixin, BaseEstimator):
    """Counts of hashed character n-grams of each word (sklearn's char_wb analyzer)."""

    def __init__(self, preprocessor: Callable[[str], str] | None = None,
                 ngram_range: tuple[int, int] = (2, 5), n_features: int = 2**19) -> None:
        self.preprocessor = preprocessor
        self.ngram_range = ngram_range
        self.n_features = n_features

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn's argument names
        return self

    def transform(self, X: Iterable[str]) -> sparse.csr_matrix:  # noqa: N803
        columns = _char_memo(*self.ngram_range, self.n_features).__getitem__
        rows: list[np.ndarray] = []
        for text in X:
            text = self.preprocessor(text) if self.preprocessor else text
            words = list(map(columns, text.split()))
            rows.append(np.concatenate(words) if words else np.empty(0, np.int32))
        return _count(rows, self.n_features)


# Token patterns that never match a space, so the words of a text are the words of its
# space-separated pieces, each found once while it stays in the cache.
_SPACELESS_TOKENS = {r"(?u)\b\w\w+\b", r"(?u)\b\w+\b"}


def hashes_words(vectorizer: object) -> bool:
    """Whether `hash_words` computes this vectorizer's transform."""
    return (isinstance(vectorizer, HashingVectorizer) and vectorizer.analyzer == "word"
            and vectorizer.input == "content" and vectorizer.tokenizer is None
            and vectorizer.token_pattern in _SPACELESS_TOKENS and vectorizer.stop_words is None
            and not vectorizer.binary and vectorizer.norm is None
            and not vectorizer.alternate_sign and vectorizer.dtype == np.float64)


def hash_words(vectorizer: HashingVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """`vectorizer.transform(texts)` for a vectorizer of which `hashes_words` holds."""
    preprocess = vectorizer.build_preprocessor()
    words_in = _words_memo(vectorizer.token_pattern).__getitem__
    min_n, max_n = vectorizer.ngram_range
    column = _gram_memo(vectorizer.n_features).__getitem__
    rows = []
    for text in texts:
        words = list(itertools.chain.from_iterable(map(words_in, preprocess(text).split(" "))))
        # As sklearn's word n-grams: each run of n words joined by a space.
        grams = itertools.chain.from_iterable(
            words if n == 1 else map(" ".join, zip(*(words[k:] for k in range(n)), strict=False))
            for n in range(min_n, max_n + 1))
        rows.append(np.fromiter(map(column, grams), np.int32))
    return _count(rows, vectorizer.n_features)


@functools.cache
def _words_memo(token_pattern: str) -> Memo[str, list[str]]:
    return Memo(re.compile(token_pattern).findall, 2**17)


def _count(rows: list[np.ndarray], n_features: int) -> sparse.csr_matrix:
    """A CSR matrix counting each column id per row, columns sorted as HashingVectorizer's."""
    # One sort of (row, column) keys for the whole batch is several times faster than sorting
    # each row's columns in scipy; 32-bit keys, where they fit, sort faster still.
    key_type = np.int32 if len(rows) * n_features < 2**31 else np.int64
    row_of = np.repeat(np.arange(len(rows), dtype=key_type), [len(r) for r in rows])
    ids = np.concatenate(rows).astype(key_type) if rows else np.empty(0, key_type)
    keys = row_of * key_type(n_features) + ids
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) \
        else np.empty(0, np.int64)
    counts = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]
    indptr = np.searchsorted(keys, np.arange(len(rows) + 1, dtype=np.int64) * n_features)
    return sparse.csr_matrix((counts.astype(np.float64), (keys % n_features).astype(np.int32),
                              indptr), shape=(len(rows), n_features))

"""`CharNgramHasher`: the model's character n-gram step as a scikit-learn transformer.

It gives exactly what `HashingVectorizer(analyzer="char_wb", alternate_sign=False, norm=None)`
gives, counted by `classifier.ngrams` from each word's cached n-gram columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from classifier.ngrams import char_counts


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
        texts = map(self.preprocessor, X) if self.preprocessor else X
        return char_counts(texts, self.ngram_range, self.n_features).to_csr()

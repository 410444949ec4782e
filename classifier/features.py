"""Features for the trained model, as scikit-learn transformers and preprocessors.

Word TF-IDF reads the lemmas of the normalised text, character n-grams the normalised text;
`RedFlagFeatures` turns the rule reading of each text into numbers (see rule_features.py).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from classifier.analysis import analyse
from classifier.normalise import numbers_dropped, numbers_masked
from classifier.rule_features import feature_names, rule_features


def normalised_text(text: str) -> str:
    """The TF-IDF preprocessor: lower case, leetspeak and masking folded (see normalise.py)."""
    return analyse(text).norm.text


def lemmatised_text(text: str) -> str:
    """The word TF-IDF's preprocessor: the normalised text as lemmas ("bekerja" -> "kerja")."""
    return analyse(text).lemmas


def masked_normalised_text(text: str) -> str:
    """`normalised_text` with phone numbers as one word and other digits as 0
    (normalise.numbers_masked): what models since v13 read for character n-grams."""
    return numbers_dropped(analyse(text).norm.text)


def masked_lemmatised_text(text: str) -> str:
    """`lemmatised_text` with numbers masked likewise, for word n-grams."""
    return numbers_masked(analyse(text).lemmas)


class RedFlagFeatures(TransformerMixin, BaseEstimator):
    """One row per text: which red-flag codes fired, their total weight, and the context cues."""

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn's argument names
        self.n_features_out_ = len(feature_names())
        return self

    def transform(self, X):  # noqa: N803
        return sparse.csr_matrix(np.array([rule_features(t) for t in X], dtype=np.float64))

    def get_feature_names_out(self, input_features=None):
        return np.array(feature_names(), dtype=object)

"""Features for the trained model, as scikit-learn transformers.

Word TF-IDF reads the lemmas of the normalised text, character n-grams the normalised text;
`RedFlagFeatures` turns the rule reading of each text (red flags, context cues, contacts, a job
abroad) into numbers, so the model can learn how much an official warning's "waspada"
outweighs the "visa ziarah" it quotes.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from classifier.analysis import analyse
from classifier.flags import FLAG_CODES

CONTACT_KINDS = {"phone", "international_phone", "telegram", "instagram", "tiktok", "facebook"}
CUE_CAP = 3


def normalised_text(text: str) -> str:
    """The TF-IDF preprocessor: lower case, leetspeak and masking folded (see normalise.py)."""
    return analyse(text).norm.text


def lemmatised_text(text: str) -> str:
    """The word TF-IDF's preprocessor: the normalised text as lemmas ("bekerja" -> "kerja")."""
    return analyse(text).lemmas


def feature_names() -> list[str]:
    return ([f"flag:{code}" for code in FLAG_CODES]
            + ["flag_weight", "cue:recruit", "cue:warning", "cue:question", "contact",
               "recruit_and_contact", "abroad", "abroad_and_recruit", "recruit_not_abroad"])


def rule_features(text: str) -> list[float]:
    found = analyse(text)
    codes = {f.code for f in found.flags}
    cues = found.cues
    recruit = min(len(cues.recruit), CUE_CAP) / CUE_CAP
    contact = float(any(e.kind in CONTACT_KINDS for e in found.entities))
    abroad = float(bool(cues.abroad))
    return ([float(code in codes) for code in FLAG_CODES]
            + [min(sum(FLAG_CODES[c].weight for c in codes), 6.0) / 6.0, recruit,
               min(len(cues.warning), CUE_CAP) / CUE_CAP, float(cues.question), contact,
               recruit * contact, abroad, abroad * recruit, recruit * (1 - abroad)])


class RedFlagFeatures(TransformerMixin, BaseEstimator):
    """One row per text: which red-flag codes fired, their total weight, and the context cues."""

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn's argument names
        self.n_features_out_ = len(feature_names())
        return self

    def transform(self, X):  # noqa: N803
        return sparse.csr_matrix(np.array([rule_features(t) for t in X], dtype=np.float64))

    def get_feature_names_out(self, input_features=None):
        return np.array(feature_names(), dtype=object)

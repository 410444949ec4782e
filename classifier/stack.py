"""The model behind the features: a text layer and a small evidence layer, fitted with family
folds so that the second layer learns how far the first can be trusted on unseen families.

    text layer:      logistic regression on the n-gram columns (or on every column, `joint`)
    evidence layer:  logistic regression on [the text layer's out-of-family decision,
                     the red-flag and cue columns], with every red-flag coefficient >= 0

The evidence layer is fitted on decisions the text layer made about families it never saw, so
it weighs the n-grams as they do on new posts (less than on their own corpus) and the red
flags for what they find there. Its red-flag coefficients are bounded below by zero: an added
red flag never lowers a score. Both layers are linear and the evidence layer's output is a
probability (it is a logistic regression fitted on held-out decisions, which is what a sigmoid
calibration is), so the whole model is one linear decision and a logistic function:
`linear_form()` gives it to the scorer (weights.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin

from classifier.folds import N_FOLDS, family_folds
from classifier.linear import UsedColumnsLogisticRegression

# Rule columns whose coefficient may not be negative: the red flags and their summed weight.
# The cue columns (warning words, questions, recruiting words) may push either way.
MONOTONE_PREFIXES = ("flag:", "flag_weight")


class BoundedLogistic(ClassifierMixin, BaseEstimator):
    """L2-penalised logistic regression with lower bounds on chosen coefficients, balanced
    classes, the intercept unpenalised. For a few dozen columns, where L-BFGS-B is exact and
    fast; scikit-learn's LogisticRegression takes no bounds."""

    def __init__(self, C: float = 1.0, nonnegative: Sequence[int] = ()) -> None:  # noqa: N803
        self.C = C
        self.nonnegative = nonnegative

    def fit(self, X, y) -> BoundedLogistic:  # noqa: N803 - scikit-learn's argument names
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
        self.classes_ = np.array([0, 1])
        sign = np.where(y == 1, 1.0, -1.0)
        positives = max(int(np.sum(y == 1)), 1)
        negatives = max(int(np.sum(y == 0)), 1)
        weight = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))

        def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
            coef, intercept = params[:-1], params[-1]
            margin = sign * (X @ coef + intercept)
            value = float(weight @ np.logaddexp(0.0, -margin) + coef @ coef / (2 * self.C))
            slope = -weight * sign * _sigmoid(-margin)
            return value, np.append(X.T @ slope + coef / self.C, slope.sum())

        nonnegative = set(self.nonnegative)
        bounds = [(0.0, None) if j in nonnegative else (None, None)
                  for j in range(X.shape[1])] + [(None, None)]
        found = minimize(loss, np.zeros(X.shape[1] + 1), jac=True, method="L-BFGS-B",
                         bounds=bounds, options={"maxiter": 10_000, "gtol": 1e-10,
                                                 "ftol": 1e-14})
        self.coef_, self.intercept_ = found.x[:-1], float(found.x[-1])
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X) -> np.ndarray:  # noqa: N803
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def predict_proba(self, X) -> np.ndarray:  # noqa: N803
        positive = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - positive, positive])


class FamilyStack(ClassifierMixin, BaseEstimator):
    """The two layers above. X is the FeatureUnion's output: n-gram columns, then the rule
    columns named `rule_names`. `fit` needs each row's family (`groups`)."""

    def __init__(self, rule_names: Sequence[str] = (), C: float = 4.0,  # noqa: N803
                 evidence_C: float = 1.0, joint: bool = False, n_folds: int = N_FOLDS,
                 random_state: int = 0) -> None:
        self.rule_names = rule_names
        self.C = C
        self.evidence_C = evidence_C
        self.joint = joint
        self.n_folds = n_folds
        self.random_state = random_state

    def fit(self, X, y, groups=None) -> FamilyStack:  # noqa: N803
        if groups is None:
            raise ValueError("FamilyStack.fit needs each record's family (groups=...)")
        X, y = sp.csr_matrix(X), np.asarray(y)
        self.classes_ = np.array([0, 1])
        text = self._text(X)
        held_out = np.zeros(len(y))
        folds = family_folds(groups, self.n_folds)
        for train, test in folds:
            held_out[test] = self._text_layer().fit(text[train], y[train]).decision_function(
                text[test])
        self.text_ = self._text_layer().fit(text, y)
        evidence = self._evidence(held_out, X)
        self.evidence_ = self._evidence_layer().fit(evidence, y)
        # The whole recipe's held-out probabilities: each fold's evidence layer is fitted on
        # the other folds. (The text decisions of those folds came from text layers that saw
        # this fold; the evidence layer has a few dozen coefficients, so what leaks is small.)
        self.held_out_proba_ = np.zeros(len(y))
        for train, test in folds:
            layer = self._evidence_layer().fit(evidence[train], y[train])
            self.held_out_proba_[test] = layer.predict_proba(evidence[test])[:, 1]
        self.n_features_in_ = X.shape[1]
        return self

    def predict_proba(self, X) -> np.ndarray:  # noqa: N803
        X = sp.csr_matrix(X)
        return self.evidence_.predict_proba(
            self._evidence(self.text_.decision_function(self._text(X)), X))

    def linear_form(self) -> tuple[np.ndarray, float]:
        """(coefficients over X's columns, intercept) of the decision whose logistic function
        predict_proba gives."""
        weight, rules = self.evidence_.coef_[0], self.evidence_.coef_[1:]
        coef = np.asarray(self.text_.coef_, dtype=np.float64).ravel() * weight
        if not self.joint:
            coef = np.concatenate([coef, rules])
        return coef, float(self.text_.intercept_[0] * weight + self.evidence_.intercept_)

    def _text(self, X):  # noqa: N802, N803
        return X if self.joint else X[:, :X.shape[1] - len(self.rule_names)]

    def _evidence(self, decision: np.ndarray, X) -> np.ndarray:  # noqa: N803
        if self.joint:
            return decision[:, None]
        rules = X[:, X.shape[1] - len(self.rule_names):].toarray()
        return np.column_stack([decision, rules])

    def _text_layer(self) -> UsedColumnsLogisticRegression:
        return UsedColumnsLogisticRegression(C=self.C, class_weight="balanced", max_iter=5000,
                                             random_state=self.random_state)

    def _evidence_layer(self) -> BoundedLogistic:
        # The text decision's weight is kept >= 0 too: the evidence layer may discount the
        # n-grams, never turn them around.
        nonnegative = [0] + ([] if self.joint else
                             [1 + j for j, name in enumerate(self.rule_names)
                              if name.startswith(MONOTONE_PREFIXES)])
        return BoundedLogistic(C=self.evidence_C, nonnegative=nonnegative)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))

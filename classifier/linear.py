"""The linear model, fitted only on the columns the training texts use.

The hashed n-gram blocks are 786,432 columns wide, and a few thousand texts touch a few
percent of them. L-BFGS keeps vectors as wide as the model, so on the full width most of its
time went on columns that are zero in every row. A column that is zero in every training row
has a zero gradient and an L2 penalty that keeps it at zero: its coefficient stays exactly 0.
Fitting on the used columns and putting zeros back gives the same model, faster.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression


class UsedColumnsLogisticRegression(LogisticRegression):
    """LogisticRegression whose fit skips the columns no training row uses; coef_ keeps the
    full width, so predicting reads the same matrices as before."""

    def fit(self, X, y, sample_weight=None) -> UsedColumnsLogisticRegression:
        X = sp.csr_matrix(X)
        used = np.unique(X.indices)
        super().fit(X[:, used], y, sample_weight=sample_weight)
        coef = np.zeros((self.coef_.shape[0], X.shape[1]))
        coef[:, used] = self.coef_
        self.coef_ = coef
        self.n_features_in_ = X.shape[1]
        return self

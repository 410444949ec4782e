"""Folds that never split a family: every choice made on held-out predictions (calibration,
the stacked layer, the threshold, the cross-validated figures) sees a family only from a model
that never trained on it.

A family is a record's `group`: one hand-written skeleton and its variants, or one independent
author's posts on one scenario. Variants of one skeleton share most of their words, so a random
fold scores a family with a model that saw its siblings, and the figure says how well the model
remembers the corpus, not how it meets posts written by someone else.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

N_FOLDS = 5


def family_folds(groups: Sequence[str], n_folds: int = N_FOLDS) -> list[tuple[np.ndarray,
                                                                               np.ndarray]]:
    """(train indices, held-out indices) for each of `n_folds` folds; each family is held out
    in exactly one fold. Families are dealt largest first to the fold with the fewest records,
    so folds are even and the result depends only on the groups (GroupKFold's rule, with ties
    broken by family name rather than by position)."""
    groups = np.asarray([str(g) for g in groups])
    names, sizes = np.unique(groups, return_counts=True)
    if len(names) < n_folds:
        raise ValueError(f"{len(names)} families cannot fill {n_folds} folds")
    fold_of_family: dict[str, int] = {}
    load = np.zeros(n_folds, dtype=int)
    for index in sorted(range(len(names)), key=lambda i: (-sizes[i], names[i])):
        fold = int(np.argmin(load))
        fold_of_family[names[index]] = fold
        load[fold] += sizes[index]
    fold_of = np.array([fold_of_family[g] for g in groups])
    everything = np.arange(len(groups))
    return [(everything[fold_of != k], everything[fold_of == k]) for k in range(n_folds)]


def groups_of(records) -> list[str]:
    """Each record's family; a record without one is a family of its own."""
    return [r.group or f"record:{r.id}" for r in records]

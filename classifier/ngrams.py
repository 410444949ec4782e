"""Hashed n-gram counts, exactly as scikit-learn's HashingVectorizer counts them, for less and
without importing scikit-learn (whose import takes a second or more; the scorer never needs it).

A column is FeatureHasher's: MurmurHash3 (x86, 32 bits, seed 0) of the n-gram's UTF-8 bytes,
folded into `n_features` columns. The hash comes from the `murmurhash` package that spaCy
already installs; a test checks it against scikit-learn's `murmurhash3_32`.

HashingVectorizer builds and hashes every n-gram of every post in Python, which was 40% of the
time to score a post. The n-grams of a word depend on the word alone, and posts reuse a small
vocabulary, so the columns of each word, and of each word pair, are computed once while they
stay in the cache, and a post's row is put together from them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

import numpy as np
from murmurhash.mrmr import hash as murmurhash3_32

from classifier.memo import Memo

_INT32_MIN = -(2**31)
_ID = np.dtype(np.int32)  # a column id, native byte order


def column(gram: str, n_features: int) -> int:
    """FeatureHasher's column for a string feature (signed MurmurHash3, seed 0)."""
    h = murmurhash3_32(gram, 0)
    if h == _INT32_MIN:
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


def _char_columns(min_n: int, max_n: int, n_features: int, word: str) -> bytes:
    """The columns of the word's n-grams as the bytes of int32s: a post's row is then one
    `bytes.join` of its words, a fifth of the cost of concatenating their arrays."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        # As sklearn's char_wb: a padded word no longer than n yields itself once, then stops.
        grams += [padded[i:i + n] for i in range(max(len(padded) - n, 0) + 1)]
        if len(padded) <= n:
            break
    # New words share most of their short n-grams with words seen before: looking a gram up
    # costs a fifth of hashing it.
    return np.fromiter(map(_gram_memo(n_features).__getitem__, grams), _ID, len(grams)).tobytes()


@functools.cache
def _char_memo(min_n: int, max_n: int, n_features: int) -> Memo[str, bytes]:
    return Memo(functools.partial(_char_columns, min_n, max_n, n_features), 2**17)


@functools.cache
def _gram_memo(n_features: int) -> Memo[str, int]:
    return Memo(functools.partial(column, n_features=n_features), 2**18)


def _joined_column(n_features: int, words: tuple[str, ...]) -> int:
    return column(" ".join(words), n_features)


@functools.cache
def _run_memo(n_features: int) -> Memo[tuple[str, ...], int]:
    """Columns of word n-grams by their words: a tuple of words hashes from the words' own
    cached hashes, which is quicker than joining them and hashing the new string."""
    return Memo(functools.partial(_joined_column, n_features), 2**18)


@functools.cache
def _words_memo(token_pattern: str) -> Memo[str, list[str]]:
    return Memo(re.compile(token_pattern).findall, 2**17)


class Counts(NamedTuple):
    """Counts of column ids per row, as the three arrays of a CSR matrix. The scorer reads the
    arrays directly, so that scoring never imports SciPy (a fifth of a second at start-up)."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_features: int

    def to_csr(self):
        from scipy import sparse

        return sparse.csr_matrix((self.data, self.indices, self.indptr),
                                 shape=(len(self.indptr) - 1, self.n_features))


def char_counts(texts: Iterable[str], ngram_range: tuple[int, int], n_features: int) -> Counts:
    """HashingVectorizer(analyzer="char_wb", alternate_sign=False, norm=None): n-grams of each
    space-padded word."""
    columns = _char_memo(*ngram_range, n_features).__getitem__
    rows = [b"".join(map(columns, text.split())) for text in texts]
    lengths = [len(row) // _ID.itemsize for row in rows]
    return count(np.frombuffer(b"".join(rows), _ID), lengths, n_features)


# Token patterns that never match a space, so the words of a text are the words of its
# space-separated pieces, each found once while it stays in the cache.
SPACELESS_TOKENS = frozenset({r"(?u)\b\w\w+\b", r"(?u)\b\w+\b"})


def word_counts(texts: Iterable[str], token_pattern: str, ngram_range: tuple[int, int],
                n_features: int) -> Counts:
    """HashingVectorizer(analyzer="word", alternate_sign=False, norm=None) on texts already
    preprocessed, for a token pattern in SPACELESS_TOKENS."""
    if token_pattern not in SPACELESS_TOKENS:
        raise ValueError(f"token pattern {token_pattern!r} may match a space")
    words_in = _words_memo(token_pattern).__getitem__
    min_n, max_n = ngram_range
    column_of: Callable[[str], int] = _gram_memo(n_features).__getitem__
    run_column: Callable[[tuple[str, ...]], int] = _run_memo(n_features).__getitem__
    ids: list[int] = []
    lengths = []
    for text in texts:
        words = list(itertools.chain.from_iterable(map(words_in, text.split(" "))))
        # As sklearn's word n-grams: each run of n words joined by a space.
        before = len(ids)
        for n in range(min_n, max_n + 1):
            ids += map(column_of, words) if n == 1 else \
                map(run_column, zip(*(words[k:] for k in range(n)), strict=False))
        lengths.append(len(ids) - before)
    return count(np.array(ids, _ID), lengths, n_features)


def count(ids: np.ndarray, lengths: list[int], n_features: int) -> Counts:
    """How often each column id occurs in each row, columns sorted as HashingVectorizer's.
    `ids` holds the rows' column ids one row after another; `lengths` says how many each."""
    # Keys are (row, column) pairs as one number, so that one pass over the batch finds the
    # runs of equal keys; 32-bit keys, where they fit, sort faster. Each row's keys are sorted
    # on their own (they already follow the rows' order): a row fits in the CPU cache, and that
    # was three times faster than one sort of the whole batch.
    rows = len(lengths)
    key_type = np.int32 if rows * n_features < 2**31 else np.int64
    row_of = np.repeat(np.arange(rows, dtype=key_type), lengths)
    keys = row_of * key_type(n_features) + ids.astype(key_type, copy=False)
    for end, length in zip(itertools.accumulate(lengths), lengths, strict=True):
        keys[end - length:end].sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) \
        else np.empty(0, np.int64)
    counts = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]
    indptr = np.searchsorted(keys, np.arange(rows + 1, dtype=np.int64) * n_features)
    # A mask is five times quicker than a remainder; hashed widths are powers of two.
    columns = keys & (n_features - 1) if n_features & (n_features - 1) == 0 else keys % n_features
    return Counts(indptr, columns.astype(np.int32, copy=False), counts.astype(np.float64),
                  n_features)

"""What makes two posts "the same offer with small edits": MinHash signatures over word
shingles of the normalised text (leetspeak, slang and spacing already folded, so "k3rja" and
"kerja" agree), for datasketch's LSH to find near-duplicates without comparing every pair."""

from __future__ import annotations

import functools
import re

import numpy as np
from datasketch import MinHash

from classifier.normalise import normalise

NUM_PERM = 128  # 64 misjudged similarities by up to 0.26 on short posts
SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only valid with it
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(normalise(text).text)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@functools.cache
def _permutations(num_perm: int):
    # Drawing the permutations is half the cost of a fresh MinHash; they depend only on the
    # seed, so they are drawn once.
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash:
    minhash = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME,
                      permutations=_permutations(num_perm))
    minhash.update_batch(list(shingles(text)))
    return minhash


def to_bytes(hashvalues: np.ndarray) -> bytes:
    """A signature's hash values as stored (little-endian 64-bit)."""
    return hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8")

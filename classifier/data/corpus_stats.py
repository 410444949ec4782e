"""Counts and the near-duplicate rate between splits, as quoted in DATA_CARD.md.

    .venv/bin/python classifier/data/corpus_stats.py

Near-duplicate: word 3-shingles of the normalised text with Jaccard similarity >= 0.5 to some
train record. Reported for dev and test against train.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from classifier.corpus import read_records  # noqa: E402
from classifier.normalise import normalise  # noqa: E402

THRESHOLD = 0.5


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = normalise(text).text.split()
    return frozenset(zip(words, words[1:], words[2:], strict=False)) or frozenset([tuple(words)])


def max_similarity(query: frozenset, pool: list[frozenset]) -> float:
    best = 0.0
    for other in pool:
        union = len(query | other)
        if union:
            best = max(best, len(query & other) / union)
    return best


def main() -> None:
    records = read_records()
    print(f"records {len(records)}, families {len({r.group for r in records})}")
    print("by label:", dict(collections.Counter(r.label for r in records)))
    print("by category:", dict(sorted(collections.Counter(
        (r.label, r.category) for r in records).items())))
    by_split = collections.Counter((r.split, r.label) for r in records)
    print("by split:", dict(sorted(by_split.items())))
    print("families by split:", dict(collections.Counter(
        s for s in {(r.group, r.split) for r in records} for s in [s[1]])))
    flags = collections.Counter(code for r in records if r.label == "illegal" for code in r.flags)
    print("illegal records per expected red-flag code:", dict(sorted(flags.items())))
    train = [shingles(r.text) for r in records if r.split == "train"]
    for name in ("dev", "test"):
        sims = [max_similarity(shingles(r.text), train) for r in records if r.split == name]
        near = sum(s >= THRESHOLD for s in sims)
        median = sorted(sims)[len(sims) // 2]
        print(f"{name}: {near} of {len(sims)} records ({near / len(sims):.1%}) have a train "
              f"record with Jaccard >= {THRESHOLD}; median best match {median:.2f}")


if __name__ == "__main__":
    main()

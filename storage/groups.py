"""Near-duplicate groups: posts that are the same offer with small edits.

Each stored version gets a MinHash signature (classifier.shingles) and its LSH band buckets,
with the bands datasketch's MinHashLSH chooses for the threshold. A new version's candidates are
the versions that share a bucket with it; those whose estimated similarity reaches the
threshold are its near-duplicates, and it joins their group (groups it bridges are merged into
the oldest). Signatures and buckets live in the database, so grouping is incremental across
crawls and processes, and no pair of posts is ever compared outside its buckets.

The default threshold, 0.5, comes from `bench/grouping_threshold.py`: on the corpus it groups
98.2% of reposts with one to three small edits, 26.5% of posts written from the same template
with other details, and none of the posts of different templates.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence

from datasketch import MinHashLSH
from sqlalchemy import func, select, tuple_, update
from sqlalchemy.orm import Session

from classifier.shingles import NUM_PERM, from_bytes, signature, to_bytes
from storage.models import LshBucket, PostVersion, Signature

THRESHOLD = 0.5


@functools.cache
def _bands(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    return list(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def _bucket(values, start: int, end: int) -> int:
    digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def assign(session: Session, versions: Sequence[PostVersion],
           threshold: float = THRESHOLD) -> None:
    """Sign and group new versions (flushed, with ids). One query finds the candidates of the
    whole batch; versions of one batch also group with each other."""
    if not versions:
        return
    bands = _bands(threshold, NUM_PERM)
    signatures = {v.id: signature(v.text) for v in versions}
    keys = {v.id: [(band, _bucket(signatures[v.id].hashvalues, start, end))
                   for band, (start, end) in enumerate(bands)] for v in versions}
    by_key: dict[tuple[int, int], set[int]] = {}
    wanted = list({k for ks in keys.values() for k in ks})
    for start in range(0, len(wanted), 500):
        for band, bucket, other in session.execute(
                select(LshBucket.band, LshBucket.bucket, LshBucket.post_version_id)
                .where(tuple_(LshBucket.band, LshBucket.bucket).in_(wanted[start:start + 500]))):
            by_key.setdefault((band, bucket), set()).add(other)
    stored = {i for ids in by_key.values() for i in ids}
    known = {i: from_bytes(data) for i, data in session.execute(
        select(Signature.post_version_id, Signature.minhash)
        .where(Signature.post_version_id.in_(stored)))} if stored else {}
    group_of = dict(session.execute(select(PostVersion.id, PostVersion.group_id)
                                    .where(PostVersion.id.in_(stored))).all()) if stored else {}
    merged: dict[int, int] = {}  # group id -> the group it was merged into

    def find(group: int) -> int:
        while group in merged:
            group = merged[group]
        return group

    for version in versions:
        minhash = signatures[version.id]
        candidates = set().union(*(by_key.get(k, ()) for k in keys[version.id]))
        groups = {find(group_of[c]) for c in candidates
                  if minhash.jaccard(known[c]) >= threshold}
        target = min(groups | {version.id}) if groups else version.id
        for group in groups - {target}:
            merged[group] = target
        group_of[version.id] = target
        known[version.id] = minhash
        for key in keys[version.id]:
            by_key.setdefault(key, set()).add(version.id)
    for version in versions:
        version.group_id = find(group_of[version.id])
    session.add_all(Signature(post_version_id=v.id, minhash=to_bytes(signatures[v.id]))
                    for v in versions)
    session.add_all(LshBucket(post_version_id=v.id, band=band, bucket=bucket)
                    for v in versions for band, bucket in keys[v.id])
    for group in merged:
        session.execute(update(PostVersion).where(PostVersion.group_id == group)
                        .values(group_id=find(group))
                        .execution_options(synchronize_session=False))
    session.flush()


def members(session: Session, group_id: int) -> list[PostVersion]:
    return list(session.scalars(select(PostVersion).where(PostVersion.group_id == group_id)
                                .order_by(PostVersion.id)))


def sizes(session: Session, group_ids: Sequence[int]) -> dict[int, int]:
    return dict(session.execute(select(PostVersion.group_id, func.count())
                                .where(PostVersion.group_id.in_(list(group_ids)))
                                .group_by(PostVersion.group_id)).all())

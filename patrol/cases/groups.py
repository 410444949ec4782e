"""Near-duplicate groups: posts that are the same offer with small edits.

Each stored version gets a MinHash signature (classifier.shingles) and its LSH band buckets,
with the bands datasketch's MinHashLSH chooses for the threshold. A new version's candidates are
the versions that share a bucket with it; those whose estimated similarity reaches the
threshold are its near-duplicates, and it joins their group (groups it bridges are merged into
the oldest). Signatures and buckets live in the database, so grouping is incremental across
crawls and processes, and no pair of posts is ever compared outside its buckets.

The default threshold (`group_threshold` in settings_table) comes from
`bench/grouping_threshold.py`: on the corpus it groups 98.2% of reposts with one to three small
edits, 26.5% of posts written from the same template with other details, and none of the posts
of different templates.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from datasketch import MinHashLSH
from sqlalchemy import BigInteger, any_, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from classifier.shingles import NUM_PERM, from_bytes, signature, to_bytes
from settings_table import default
from storage.models import LshBucket, Post, PostVersion, ReviewItem, Signature, Source

THRESHOLD = default("group_threshold")
# The LSH bands are always those for 0.5, whatever threshold a deployment sets: stored buckets
# then stay valid when the setting changes. A higher threshold only filters candidates harder;
# one below 0.5 finds fewer of the pairs between it and 0.5 than bands made for it would.
BANDS_FOR = 0.5


class Pending(Protocol):
    """What grouping reads of a version: a PostVersion, or a row with these columns."""

    id: int
    text: str


@functools.cache
def _bands(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    return list(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


# Odd 64-bit multipliers: a band's bucket is the sum of its MinHash values times these, modulo
# 2^64, computed for a whole batch at once. Fixed, because buckets are stored.
_MULTIPLIERS = np.random.default_rng(20261123).integers(
    1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)


def _buckets(values: np.ndarray, bands: list[tuple[int, int]]) -> list[list[int]]:
    """Per row of `values` (one signature per row), the bucket of each band as a signed
    64-bit integer."""
    with np.errstate(over="ignore"):
        columns = [(values[:, start:end] * _MULTIPLIERS[:end - start]).sum(axis=1)
                   for start, end in bands]
    return np.stack(columns, axis=1).view(np.int64).tolist()


# A new post is compared with at most this many members of each candidate group (those sharing
# the most buckets with it): a repost of an offer seen a thousand times needs one comparison,
# not a thousand.
PER_GROUP = 5
# A bucket stops taking new versions once it holds this many: the members it has already
# stand for the offer, and a post reposted a thousand times would otherwise make every later
# lookup read a thousand rows per band. A new version is still signed and grouped; it is only
# not offered as a candidate through a bucket that is full.
BUCKET_CAP = 3


def assign(session: Session, versions: Sequence[Pending],
           threshold: float = THRESHOLD) -> dict[int, int]:
    """Sign and group new versions (stored, with ids); returns version id -> group id. One
    query finds the candidates of the whole batch, one reads the signatures to compare;
    versions of one batch also group with each other."""
    if not versions:
        return {}
    if not 0 < threshold <= 1:
        raise ValueError(f"group threshold must be in (0, 1], not {threshold}")
    bands = _bands(BANDS_FOR, NUM_PERM)
    matrix = np.stack([signature(v.text).hashvalues for v in versions])
    values = dict(zip((v.id for v in versions), matrix, strict=True))
    keys = {v.id: list(enumerate(buckets))
            for v, buckets in zip(versions, _buckets(matrix, bands), strict=True)}
    by_key = _stored_buckets(session, {k for ks in keys.values() for k in ks})
    stored = {i for ids in by_key.values() for i in ids}
    group_of = dict(session.execute(select(PostVersion.id, PostVersion.group_id)
                                    .where(PostVersion.id.in_(stored))).all()) if stored else {}
    picks = {v.id: _picks(keys[v.id], by_key, group_of) for v in versions}
    wanted = {c for p in picks.values() for c in p}
    values.update({i: from_bytes(data) for i, data in session.execute(
        select(Signature.post_version_id, Signature.minhash)
        .where(Signature.post_version_id.in_(wanted)))} if wanted else {})
    needed = threshold * NUM_PERM  # equal MinHash values for the estimated similarity
    merged: dict[int, int] = {}  # group id -> the group it was merged into
    kept: list[dict] = []  # the bucket rows to store

    def find(group: int) -> int:
        while group in merged:
            group = merged[group]
        return group

    for version in versions:
        mine = values[version.id]
        batch_mates = {c for k in keys[version.id] for c in by_key.get(k, ()) if c not in stored}
        candidates = picks[version.id] + sorted(batch_mates)
        groups = {find(group_of[c]) for c in candidates
                  if np.count_nonzero(values[c] == mine) >= needed}
        target = min(groups) if groups else version.id
        for group in groups - {target}:
            merged[group] = target
        group_of[version.id] = target
        for key in keys[version.id]:
            members = by_key.setdefault(key, set())
            if len(members) < BUCKET_CAP:
                members.add(version.id)
                kept.append({"post_version_id": version.id, "band": key[0], "bucket": key[1]})
    # Core statements on the connection: the ORM's unit of work per bucket row and per version
    # cost more than all the hashing.
    connection = session.connection()
    connection.execute(Signature.__table__.insert(), [
        {"post_version_id": v.id, "minhash": to_bytes(values[v.id])}
        for v in versions])
    if kept:
        connection.execute(LshBucket.__table__.insert(), kept)
    final = [{"v_id": v.id, "g_id": find(group_of[v.id])} for v in versions]
    versions_, items = PostVersion.__table__, ReviewItem.__table__
    connection.execute(update(versions_).where(versions_.c.id == bindparam("v_id"))
                       .values(group_id=bindparam("g_id")), final)
    # Review items keep a copy, for the queue (see ReviewItem.group_id).
    connection.execute(update(items).where(items.c.post_version_id == bindparam("v_id"))
                       .values(group_id=bindparam("g_id")), final)
    for group in merged:
        for table in (versions_, items):
            connection.execute(update(table).where(table.c.group_id == group)
                               .values(group_id=find(group)))
    return {v.id: find(group_of[v.id]) for v in versions}


def _stored_buckets(session: Session, wanted: set[tuple[int, int]]) -> dict:
    """Stored versions per wanted (band, bucket). Looked up by bucket alone, which the index
    serves (a 64-bit hash hardly ever repeats across bands); the band is checked here."""
    by_key: dict[tuple[int, int], set[int]] = {}
    buckets = sorted({bucket for _, bucket in wanted})
    for start in range(0, len(buckets), 20000):
        for band, bucket, other in session.execute(
                select(LshBucket.band, LshBucket.bucket, LshBucket.post_version_id)
                .where(_one_of(session, LshBucket.bucket, buckets[start:start + 20000]))):
            if (band, bucket) in wanted:
                by_key.setdefault((band, bucket), set()).add(other)
    return by_key


def _one_of(session: Session, column, values: list[int]):
    """`column IN values` as one bound parameter: an expanded IN of thousands of parameters
    spent more time naming and binding them than the database spent looking them up."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("values", values, type_=ARRAY(BigInteger)))
    return column.in_(text("SELECT value FROM json_each(:values)").bindparams(
        values=json.dumps(values)))


def _picks(keys: list[tuple[int, int]], by_key: dict, group_of: dict[int, int]) -> list[int]:
    """The stored candidates worth comparing: per group, those sharing the most buckets."""
    shared = Counter(c for k in keys for c in by_key.get(k, ()))
    per_group: dict[int, list[int]] = {}
    for candidate, _ in shared.most_common():
        chosen = per_group.setdefault(group_of[candidate], [])
        if len(chosen) < PER_GROUP:
            chosen.append(candidate)
    return [c for chosen in per_group.values() for c in chosen]


@dataclass(frozen=True)
class Member:
    version: PostVersion
    post: Post
    source: str | None
    item: ReviewItem | None


def overview(session: Session, group_id: int) -> list[Member]:
    """Every version of a group with its post, source and review item (if it was queued)."""
    rows = session.execute(
        select(PostVersion, Post, Source.name, ReviewItem)
        .join(Post, PostVersion.post_id == Post.id)
        .outerjoin(Source, Post.source_id == Source.id)
        .outerjoin(ReviewItem, ReviewItem.post_version_id == PostVersion.id)
        .where(PostVersion.group_id == group_id).order_by(PostVersion.id))
    return [Member(*row) for row in rows]

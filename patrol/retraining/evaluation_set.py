"""The frozen evaluation set: the corpus test split plus dated slices of decided posts that no
model is ever trained on. Every candidate is scored on it, so two models are compared on the
same texts with the same labels, whatever reviewers decide later."""

from __future__ import annotations

import hashlib
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.corpus import CORPUS, Record, read_records, split
from patrol.retraining.reviewed_labels import Resolution
from storage import audit
from storage.models import EvalSlice, EvalSliceItem, PostVersion, utcnow


class FreezeError(Exception):
    """A slice cannot be frozen; the message says why."""


def frozen_hashes(session: Session) -> set[str]:
    return set(session.scalars(select(EvalSliceItem.content_hash)))


def freeze(session: Session, resolution: Resolution, actor: str, share: float = 0.2,
           seed: int = 0, trained_on: set[str] = frozenset(), name: str | None = None,
           ) -> EvalSlice:
    """Freeze a share of the decided texts that are in no slice yet and that no model was
    trained on. Which texts is fixed by the seed and the texts' hashes, not by their order."""
    if not 0 < share <= 1:
        raise FreezeError(f"share must be above 0 and at most 1, not {share}")
    name = name or f"{utcnow():%Y-%m-%d}"
    if session.scalar(select(EvalSlice.id).where(EvalSlice.name == name)):
        raise FreezeError(f"a slice named {name} exists already; give another --name")
    taken = frozen_hashes(session) | set(trained_on)
    candidates = [d for d in resolution.labelled if d.content_hash not in taken]
    if not candidates:
        raise FreezeError("no decided post is left to freeze: every one is in a slice already "
                          "or was trained on")

    def rank(content_hash: str) -> str:
        return hashlib.sha256(f"{seed}:{content_hash}".encode()).hexdigest()

    chosen = sorted(candidates, key=lambda d: rank(d.content_hash))
    chosen = chosen[:max(1, math.floor(share * len(candidates)))]
    frozen = EvalSlice(name=name, created_by=actor, share=share, seed=seed,
                       items=[EvalSliceItem(content_hash=d.content_hash, label=d.label,
                                            post_version_id=d.post_version_id)
                              for d in chosen])
    session.add(frozen)
    audit.record(session, actor, "eval_freeze", f"slice:{name}", texts=len(chosen),
                 candidates=len(candidates), share=share, seed=seed)
    session.flush()
    return frozen


def frozen_records(session: Session) -> list[Record]:
    """The decided texts of every slice, labelled as they were when frozen."""
    rows = session.execute(
        select(EvalSliceItem, EvalSlice.name, PostVersion.text)
        .join(EvalSlice, EvalSliceItem.slice_id == EvalSlice.id)
        .join(PostVersion, EvalSliceItem.post_version_id == PostVersion.id)
        .order_by(EvalSlice.id, EvalSliceItem.content_hash))
    return [Record(text=text, label=item.label, id=f"frozen:{item.content_hash[:16]}",
                   split="frozen", group=f"slice:{slice_name}", category="decision")
            for item, slice_name, text in rows]


def evaluation_set(session: Session, corpus: str | None = None) -> list[Record]:
    """What every candidate is scored on: the corpus test split and the frozen slices."""
    return split(read_records(corpus or CORPUS), "test") + frozen_records(session)

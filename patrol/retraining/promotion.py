"""Changing the model the crawl uses: compare a candidate with the active model on the frozen
evaluation set, promote it only when it is not worse, roll back in one step. Every change is in
the audit log. The CLI and the analysts' web pages both call these functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from classifier import Scorer, ScorerError, artefacts, load_scorer
from patrol.retraining.evaluation_set import evaluation_set
from storage import audit
from storage.models import Post, PostVersion, ReviewItem, utcnow


class PromotionRefused(Exception):
    """The candidate is worse than the active model, or cannot be loaded; the message says how.
    `kind` names the reason for callers that explain it in another language."""

    def __init__(self, message: str, kind: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind, self.detail = kind, detail


@dataclass(frozen=True)
class QueueShift:
    """What the candidate would do to the queue: posts it would add, open items it would drop."""

    scored: int
    enter: int
    leave: int


@dataclass(frozen=True)
class Comparison:
    candidate: dict  # classifier.evaluate.evaluate() reports on the frozen set
    active: dict
    corpus_records: int
    frozen_records: int
    queue: QueueShift | None

    def worse(self) -> list[str]:
        """Why the candidate may not be promoted without --force; empty when it may: a lower
        F1 or more hard negatives flagged, on the frozen set or held out by family (where
        `held_out_comparable`)."""
        reasons = _worse("", self.candidate, self.active)
        if self.held_out_comparable():
            reasons += _worse("leave-family-out ", self.candidate["grouped"],
                              self.active["grouped"])
        return reasons

    def held_out_comparable(self) -> bool:
        """Whether both models were held out on the same records. Models before v11 have no
        leave-family-out figures; a model trained on a larger corpus is held out on families
        the other never had, often harder ones, so its figures are not the other's on the
        same posts. Then only the frozen set compares them."""
        new_held, old_held = self.candidate.get("grouped"), self.active.get("grouped")
        return bool(new_held and old_held) and (
            sorted(new_held["held_out"]["ids"]) == sorted(old_held["held_out"]["ids"]))

    def to_dict(self) -> dict:
        def side(report: dict) -> dict:
            held = report.get("grouped")
            return {"model": report["model"], "metrics": report["metrics"],
                    "hard_negatives": report["hard_negatives"],
                    "family_recall": report["family_recall"],
                    "grouped": {"metrics": held["metrics"],
                                "hard_negatives": held["hard_negatives"]} if held else None}

        return {"candidate": side(self.candidate), "active": side(self.active),
                "records": {"corpus_test": self.corpus_records, "frozen": self.frozen_records},
                "queue": self.queue.__dict__ if self.queue else None, "worse": self.worse(),
                "held_out_compared": self.held_out_comparable()}


def _worse(where: str, new: dict, old: dict) -> list[str]:
    """Reasons `new` figures are worse than `old`: F1 lower, hard-negative FPR higher."""
    reasons = []
    if new["metrics"]["f1"] < old["metrics"]["f1"]:
        reasons.append(f"{where}F1 {new['metrics']['f1']} < {old['metrics']['f1']}")
    new_fpr, old_fpr = new["hard_negatives"]["fpr"], old["hard_negatives"]["fpr"]
    if new_fpr is not None and old_fpr is not None and new_fpr > old_fpr:
        reasons.append(f"{where}hard-negative false-positive rate {new_fpr} > {old_fpr}")
    return reasons


def compare(session: Session, candidate: Scorer, active: Scorer, queue_days: int | None = 30,
            progress: Callable[[int, int], None] | None = None,
            corpus: str | None = None) -> Comparison:
    """Both models on the frozen set, and (with `queue_days`) what the candidate would change
    in the queue among unreviewed posts seen in the last `queue_days` days."""
    # Imported here: it brings scikit-learn's metrics, which a rollback, or a promotion refused
    # before any comparison, has no use for (seconds of a CLI call).
    from classifier.evaluate import evaluate

    records = evaluation_set(session, corpus)
    frozen = sum(1 for r in records if r.split == "frozen")
    shift = None
    if queue_days is not None:
        shift = queue_shift(session, candidate, utcnow() - timedelta(days=queue_days), progress)
    return Comparison(candidate=evaluate(candidate, records), active=evaluate(active, records),
                      corpus_records=len(records) - frozen, frozen_records=frozen, queue=shift)


def unreviewed(*columns, since=None):
    """`columns` of the current versions of posts no reviewer has decided or holds: open or
    dismissed items, and posts that were never queued; in version order."""
    query = (select(*columns).select_from(PostVersion)
             .join(Post, (Post.id == PostVersion.post_id)
                   & (Post.current_version == PostVersion.version))
             .outerjoin(ReviewItem, ReviewItem.post_version_id == PostVersion.id)
             .where(or_(ReviewItem.id.is_(None), ReviewItem.status.in_(("open", "dismissed")))))
    if since is not None:
        query = query.where(Post.last_seen >= since)
    return query.order_by(PostVersion.id)


def queue_shift(session: Session, candidate: Scorer, since=None,
                progress: Callable[[int, int], None] | None = None,
                batch: int = 500) -> QueueShift:
    rows = session.execute(unreviewed(PostVersion.id, PostVersion.text, ReviewItem,
                                      since=since)).all()
    enter = leave = 0
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        for (_, _, item), result in zip(chunk, candidate.score([r[1] for r in chunk]),
                                        strict=True):
            queued = item is not None and item.status == "open"
            flagged = result.label == "illegal"
            enter += flagged and not queued
            leave += queued and not flagged and item.reason == "threshold"
        if progress:
            progress(min(start + batch, len(rows)), len(rows))
    return QueueShift(scored=len(rows), enter=enter, leave=leave)


def promote(session: Session, version: str, actor: str, force: bool = False,
            reason: str | None = None, corpus: str | None = None) -> Comparison:
    """Make `version` the active model if it is not worse than the active one on the frozen set
    (or with `force` and a reason), and commit the audit entry.

    A model that fails to load or verify is refused before anything changes; the switch itself
    is one atomic rename, so an interrupted promotion leaves the previous model active."""
    if force and not (reason or "").strip():
        raise PromotionRefused("--force needs --reason: say why a worse model is promoted",
                               "no_reason")
    try:
        candidate = load_scorer(version)
        artefacts.verify(candidate.version)  # the skops file too, which scoring does not read
    except ScorerError as exc:
        raise PromotionRefused(f"{version} cannot be promoted: {exc}", "unloadable",
                               str(exc)) from None
    active_name = artefacts.active_version()
    if active_name == candidate.version:
        raise PromotionRefused(f"{version} is already the active model", "already_active")
    comparison = compare(session, candidate, load_scorer(None), queue_days=None, corpus=corpus)
    worse = comparison.worse()
    if worse and not force:
        raise PromotionRefused(f"{version} is worse than the active model "
                               f"{active_name or 'rules baseline'} on the frozen set: "
                               f"{'; '.join(worse)}. Promote it anyway with --force --reason",
                               "worse", "; ".join(worse))
    audit.record(session, actor, "model_promote", f"model:{candidate.version}",
                 previous=active_name, forced=bool(worse), reason=reason, worse=worse,
                 f1=comparison.candidate["metrics"]["f1"],
                 previous_f1=comparison.active["metrics"]["f1"])
    session.flush()
    artefacts.activate(candidate.version, action="promote", actor=actor, reason=reason)
    session.commit()
    return comparison


def rollback(session: Session, actor: str) -> tuple[str, str]:
    """Make the model that was active before the last promotion active again; returns
    (version rolled back from, version now active)."""
    current = artefacts.active_version()
    previous = artefacts.previous_active()
    if current is None or previous is None:
        raise PromotionRefused("nothing to roll back: the active model was not promoted "
                               "from another (see models/HISTORY.jsonl)", "nothing_to_roll_back")
    audit.record(session, actor, "model_rollback", f"model:{previous}", previous=current)
    session.flush()
    artefacts.activate(previous, action="rollback", actor=actor)
    session.commit()
    return current, previous

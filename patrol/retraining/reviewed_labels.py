"""Reviewers' decisions as labelled records for training and evaluation.

One record per distinct text (by content hash): a post seen in two places, or decided twice,
is one example. A reviewer who changed their mind counts with their latest verdict only.
"ragu-ragu" (unsure) counts for nothing: the item waits for an admin. When the remaining
verdicts on a text disagree, the latest admin verdict decides; without one the text is left out,
and both kinds of conflict are listed so an analyst can see them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.corpus import Record
from classifier.flags import FLAG_CODES
from storage.models import Decision, Post, PostVersion, ReviewItem, Score, User

LABEL_OF = {"illegal": "illegal", "benign": "benign"}


@dataclass(frozen=True)
class Verdict:
    decision_id: int
    item_id: int
    reviewer: str
    role: str
    verdict: str
    reasons: tuple[str, ...]
    at: datetime


@dataclass
class DecidedText:
    """Everything decided about one text."""

    content_hash: str
    text: str
    post_id: int
    post_version_id: int
    url: str
    model: str | None  # the model whose score put it in the queue
    verdicts: list[Verdict] = field(default_factory=list)
    label: str | None = None  # None: unsure only, or an unresolved conflict
    resolved_by: str | None = None  # "agreement" or "admin"

    def latest_per_reviewer(self) -> list[Verdict]:
        latest: dict[str, Verdict] = {}
        for v in sorted(self.verdicts, key=_key):
            latest[v.reviewer] = v
        return [v for v in latest.values() if v.verdict in LABEL_OF]

    def record(self) -> Record:
        last = max(self.verdicts, key=_key)
        reasons = sorted({r for v in self.latest_per_reviewer() if LABEL_OF[v.verdict] ==
                          self.label for r in v.reasons})
        provenance = {
            "post_id": self.post_id, "post_version_id": self.post_version_id, "url": self.url,
            "model": self.model, "reason_codes": reasons, "resolved_by": self.resolved_by,
            "decisions": [{"id": v.decision_id, "reviewer": v.reviewer, "verdict": v.verdict,
                           "at": v.at.isoformat()} for v in self.verdicts],
            "decided_at": last.at.isoformat()}
        name = f"decision:{self.content_hash[:16]}"
        return Record(text=self.text, label=self.label or "", id=name, split="train", group=name,
                      category="decision", flags=tuple(r for r in reasons if r in FLAG_CODES),
                      extra=provenance)


@dataclass
class Resolution:
    labelled: list[DecidedText]
    conflicts: list[DecidedText]  # disagreeing verdicts, with how each was settled
    waiting: list[DecidedText]  # only unsure verdicts so far, or a conflict no admin settled

    def records(self, exclude: set[str] = frozenset()) -> list[Record]:
        return [d.record() for d in self.labelled if d.content_hash not in exclude]


def resolve(session: Session) -> Resolution:
    """Every decided text with its label, the conflicts, and what still waits for an admin."""
    texts: dict[str, DecidedText] = {}
    rows = session.execute(
        select(Decision, User.name, User.role, PostVersion, Post.url, Score.model)
        .join(User, Decision.reviewer_id == User.id)
        .join(ReviewItem, Decision.review_item_id == ReviewItem.id)
        .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id)
        .outerjoin(Score, ReviewItem.score_id == Score.id)
        .order_by(Decision.created_at, Decision.id))
    for decision, reviewer, role, version, url, model in rows:
        decided = texts.setdefault(version.content_hash, DecidedText(
            content_hash=version.content_hash, text=version.text, post_id=version.post_id,
            post_version_id=version.id, url=url, model=model))
        decided.verdicts.append(Verdict(decision.id, decision.review_item_id, reviewer, role,
                                        decision.verdict, tuple(decision.reason_codes),
                                        decision.created_at))
    resolution = Resolution([], [], [])
    for decided in texts.values():
        _settle(decided, resolution)
    return resolution


def _key(v: Verdict) -> tuple[datetime, int]:
    return v.at, v.decision_id


def _settle(decided: DecidedText, resolution: Resolution) -> None:
    unsure = [v for v in decided.verdicts if v.verdict not in LABEL_OF]
    if unsure:
        asked = max(map(_key, unsure))
        if not any(v.role == "admin" and v.verdict in LABEL_OF and _key(v) > asked
                   for v in decided.verdicts):
            resolution.waiting.append(decided)  # escalated: an admin has not answered yet
            return
    current = decided.latest_per_reviewer()
    labels = {LABEL_OF[v.verdict] for v in current}
    if len(labels) == 1:
        decided.label, decided.resolved_by = labels.pop(), "agreement"
        resolution.labelled.append(decided)
        return
    if not labels:
        resolution.waiting.append(decided)
        return
    admins = [v for v in current if v.role == "admin"]
    if admins:
        decided.label = LABEL_OF[max(admins, key=_key).verdict]
        decided.resolved_by = "admin"
        resolution.labelled.append(decided)
    else:
        resolution.waiting.append(decided)
    resolution.conflicts.append(decided)

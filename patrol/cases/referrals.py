"""Referrals: a case handed to a partner (patrol.cases.partners) and what became of it.

A referral is about decided review items: chosen one by one, or every decided item of a
recruiter or of a near-duplicate group. A reviewer proposes it (a draft); an admin sends it
with its evidence packet, whose manifest SHA-256 is recorded and whose zip is kept, so the
packet a partner holds can be checked against it later (`patrol verify --referral`); an admin
records the partner's answers and closes it. Every change is a row in `referral_events` and an
entry in the audit log, written in the same transaction. Refusals are in Indonesian: they are
shown as they are on the web pages and by the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from patrol.cases.recruiters import resolve_id
from storage import audit, users
from storage.models import (
    Decision,
    Partner,
    Post,
    PostVersion,
    Referral,
    ReferralEvent,
    ReferralItem,
    ReviewItem,
    utcnow,
)

STATUSES = ("draft", "sent", "acknowledged", "acted_on", "closed", "rejected")
# Where a referral may go from each status. "sent" is reached only by `send`, which needs the
# packet; a draft nobody sends is closed (withdrawn).
NEXT: dict[str, tuple[str, ...]] = {
    "draft": ("sent", "closed"),
    "sent": ("acknowledged", "acted_on", "rejected", "closed"),
    "acknowledged": ("acted_on", "rejected", "closed"),
    "acted_on": ("closed",),
    "rejected": ("closed",),
    "closed": (),
}
WAITING = ("sent", "acknowledged")  # the partner has not answered for good: a deadline runs
SUBJECTS = ("items", "recruiter", "group")
DEFAULT_DEADLINE_DAYS = 14
MAX_NOTE = 5000
PER_PAGE = 50
# Who may do what: reviewers propose; admins send, record answers and close. (A separate
# coordinator role was not needed: the patrol's admins are the people who write to partners.)
SENDER_ROLE = "admin"


class ReferralError(Exception):
    """A referral action that cannot be done; the message (Indonesian) says why. `missing`
    marks a referral, partner or subject that does not exist."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class SentPacket:
    """The evidence packet that goes with a referral, built by the caller (review.packets)."""

    name: str
    zip_bytes: bytes
    manifest_sha256: str


def propose(session: Session, partner_id: int, actor: str, *, items: list[int] | None = None,
            recruiter: int | None = None, group: int | None = None, notes: str = "",
            now: datetime | None = None) -> Referral:
    """A draft referral of decided items (or of a recruiter's or a group's decided items)."""
    now = now or utcnow()
    partner = session.get(Partner, partner_id)
    if partner is None or not partner.active:
        raise ReferralError(f"tidak ada mitra aktif {partner_id}", missing=partner is None)
    kind, subject_id, item_ids = _subject(session, items, recruiter, group)
    notes = _note(notes)
    referral = Referral(partner_id=partner.id, subject_kind=kind, subject_id=subject_id,
                        status="draft", created_at=now, created_by=actor, status_at=now,
                        notes=notes, items=[ReferralItem(review_item_id=i) for i in item_ids])
    session.add(referral)
    session.flush()
    referral.reference = f"RUJ-{now:%Y}-{referral.id:05d}"
    session.add(ReferralEvent(referral_id=referral.id, at=now, actor=actor, from_status=None,
                              to_status="draft", note=notes))
    audit.record(session, actor, "referral_propose", _target(referral), partner=partner.name,
                 subject=kind, subject_id=subject_id, items=item_ids)
    return referral


def _subject(session: Session, items: list[int] | None, recruiter: int | None,
             group: int | None) -> tuple[str, int | None, list[int]]:
    given = [name for name, value in (("items", items), ("recruiter", recruiter),
                                      ("group", group)) if value]
    if len(given) != 1:
        raise ReferralError("pilih tepat satu pokok rujukan: item, perekrut, atau grup")
    if items:
        ids = sorted(set(items))
        decided = set(_decided(session, ReviewItem.id.in_(ids)))
        undecided = [i for i in ids if i not in decided]
        if undecided:
            raise ReferralError("item belum diputus atau tidak ada: "
                                + ", ".join(map(str, undecided)))
        return "items", None, ids
    if recruiter:
        live = resolve_id(session, recruiter)
        if live is None:
            raise ReferralError(f"tidak ada perekrut {recruiter}", missing=True)
        found = _decided(session, Post.recruiter_id == live)
        kind, subject_id = "recruiter", live
    else:
        found = _decided(session, PostVersion.group_id == group)
        kind, subject_id = "group", group
    if not found:
        raise ReferralError(f"{'perekrut' if kind == 'recruiter' else 'grup'} {subject_id} "
                            "belum punya item yang diputus")
    return kind, subject_id, found


def _decided(session: Session, condition) -> list[int]:
    """Ids of review items matching `condition` that have at least one decision."""
    return list(session.scalars(
        select(ReviewItem.id).join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id).where(condition)
        .where(select(Decision.id).where(Decision.review_item_id == ReviewItem.id).exists())
        .order_by(ReviewItem.id)))


def get(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise ReferralError(f"tidak ada rujukan {referral_id}", missing=True)
    return referral


def by_reference(session: Session, reference: str) -> Referral:
    """A referral by its reference ("RUJ-2026-00012") or its id ("12")."""
    if reference.isdigit():
        return get(session, int(reference))
    referral = session.scalar(select(Referral).where(Referral.reference == reference))
    if referral is None:
        raise ReferralError(f"tidak ada rujukan {reference!r}", missing=True)
    return referral


def refusal(referral: Referral, to_status: str, role: str) -> str | None:
    """Why `referral` cannot go to `to_status` for a user of `role`, or None."""
    if to_status not in STATUSES:
        return f"status tidak dikenal: {to_status!r}"
    if not users.role_at_least(role, SENDER_ROLE):
        return "hanya admin yang dapat mengirim rujukan dan mencatat jawaban mitra"
    if to_status not in NEXT[referral.status]:
        allowed = ", ".join(NEXT[referral.status]) or "tidak ada (sudah final)"
        return (f"rujukan berstatus {referral.status} tidak bisa diubah menjadi {to_status}; "
                f"yang mungkin: {allowed}")
    return None


def send(session: Session, referral_id: int, actor: str, role: str, packet: SentPacket,
         deadline_days: int = DEFAULT_DEADLINE_DAYS, note: str = "",
         now: datetime | None = None) -> Referral:
    """Mark a draft as sent today with its packet; the partner's answer is due in
    `deadline_days` days."""
    now = now or utcnow()
    referral = get(session, referral_id)
    _refuse(referral, "sent", role)
    if not 1 <= deadline_days <= 365:
        raise ReferralError("tenggat jawaban harus 1 sampai 365 hari")
    referral.sent_at, referral.sent_by = now, actor
    referral.deadline = now + timedelta(days=deadline_days)
    referral.packet_name, referral.packet_zip = packet.name, packet.zip_bytes
    referral.packet_sha256 = packet.manifest_sha256
    _move(session, referral, "sent", actor, note, now, deadline=referral.deadline.isoformat(),
          manifest_sha256=packet.manifest_sha256)
    return referral


def change(session: Session, referral_id: int, to_status: str, actor: str, role: str,
           note: str = "", now: datetime | None = None) -> Referral:
    """Record a partner's answer (acknowledged, acted on, rejected) or close the referral."""
    now = now or utcnow()
    referral = get(session, referral_id)
    if to_status == "sent":
        raise ReferralError("rujukan dikirim dengan tombol Kirim, yang menyertakan paket bukti")
    _refuse(referral, to_status, role)
    _move(session, referral, to_status, actor, note, now)
    return referral


def add_note(session: Session, referral_id: int, actor: str, note: str,
             now: datetime | None = None) -> Referral:
    """A note in the history without a change of status (anyone who may see the referral)."""
    now = now or utcnow()
    referral = get(session, referral_id)
    note = _note(note)
    if not note:
        raise ReferralError("catatan kosong")
    session.add(ReferralEvent(referral_id=referral.id, at=now, actor=actor,
                              from_status=referral.status, to_status=referral.status,
                              note=note))
    audit.record(session, actor, "referral_note", _target(referral), note=note)
    return referral


def _refuse(referral: Referral, to_status: str, role: str) -> None:
    reason = refusal(referral, to_status, role)
    if reason:
        raise ReferralError(reason)


def _move(session: Session, referral: Referral, to_status: str, actor: str, note: str,
          now: datetime, **details: object) -> None:
    note = _note(note)
    before = referral.status
    referral.status, referral.status_at = to_status, now
    session.add(ReferralEvent(referral_id=referral.id, at=now, actor=actor, from_status=before,
                              to_status=to_status, note=note))
    audit.record(session, actor, f"referral_{to_status}", _target(referral), old=before,
                 new=to_status, note=note, **details)


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ReferralError(f"catatan paling panjang {MAX_NOTE} karakter")
    return note


def _target(referral: Referral) -> str:
    return f"referral:{referral.reference}"


# --- reading -------------------------------------------------------------------------------


def post_ids(session: Session, referral: Referral) -> list[int]:
    """The posts of a referral's items, in order: what its packet and letter hold."""
    return list(session.scalars(
        select(PostVersion.post_id).join(ReviewItem, ReviewItem.post_version_id == PostVersion.id)
        .join(ReferralItem, ReferralItem.review_item_id == ReviewItem.id)
        .where(ReferralItem.referral_id == referral.id)
        .group_by(PostVersion.post_id).order_by(PostVersion.post_id)))


def of_item(session: Session, review_item_id: int) -> list[Referral]:
    """Referrals that hold a review item (for its page)."""
    return list(session.scalars(
        select(Referral).join(ReferralItem).where(ReferralItem.review_item_id == review_item_id)
        .order_by(Referral.id)))


def overdue(referral: Referral, now: datetime | None = None) -> bool:
    return (referral.status in WAITING and referral.deadline is not None
            and referral.deadline < (now or utcnow()))


@dataclass(frozen=True)
class Filters:
    partner_id: int | None = None
    status: str | None = None
    overdue: bool = False
    page: int = 1


@dataclass(frozen=True)
class Row:
    id: int
    reference: str
    partner: str
    subject_kind: str
    subject_id: int | None
    items: int
    status: str
    created_at: datetime
    created_by: str
    sent_at: datetime | None
    deadline: datetime | None
    overdue: bool
    # Filled by the recheck (issue 28, "Is it still online?"): how many of its posts are still
    # online, and since when the rest were taken down. None until that exists.
    takedown: dict | None = None

    def to_dict(self) -> dict:
        return {key: value.isoformat() if isinstance(value, datetime) else value
                for key, value in self.__dict__.items()}


def listing(session: Session, filters: Filters, per_page: int = PER_PAGE,
            now: datetime | None = None) -> tuple[list[Row], int]:
    """One page of referrals, newest first, and how many match in all."""
    now = now or utcnow()
    if filters.status and filters.status not in STATUSES:
        raise ReferralError(f"status tidak dikenal: {filters.status!r}")
    conditions = []
    if filters.partner_id:
        conditions.append(Referral.partner_id == filters.partner_id)
    if filters.status:
        conditions.append(Referral.status == filters.status)
    if filters.overdue:
        conditions += [or_(*(Referral.status == s for s in WAITING)), Referral.deadline < now]
    total = session.scalar(select(func.count()).select_from(Referral).where(*conditions)) or 0
    counts = (select(ReferralItem.referral_id, func.count().label("n"))
              .group_by(ReferralItem.referral_id).subquery())
    rows = session.execute(
        select(Referral.id, Referral.reference, Partner.name, Referral.subject_kind,
               Referral.subject_id, func.coalesce(counts.c.n, 0), Referral.status,
               Referral.created_at, Referral.created_by, Referral.sent_at, Referral.deadline)
        .join(Partner, Referral.partner_id == Partner.id)
        .outerjoin(counts, counts.c.referral_id == Referral.id)
        .where(*conditions).order_by(Referral.id.desc())
        .limit(per_page).offset((max(filters.page, 1) - 1) * per_page))
    found = []
    for row in rows:
        status, deadline = row[6], row[10]
        late = status in WAITING and deadline is not None and deadline < now
        found.append(Row(*row, overdue=late))
    return found, total


def to_dict(session: Session, referral: Referral, now: datetime | None = None) -> dict:
    """A referral as `patrol referrals show/export --json` print it."""
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": referral.id, "reference": referral.reference,
        "partner": {"id": referral.partner.id, "name": referral.partner.name,
                    "kind": referral.partner.kind, "region": referral.partner.region,
                    "contact": referral.partner.contact},
        "subject": {"kind": referral.subject_kind, "id": referral.subject_id},
        "items": [i.review_item_id for i in referral.items],
        "posts": post_ids(session, referral),
        "status": referral.status, "created_at": iso(referral.created_at),
        "created_by": referral.created_by, "sent_at": iso(referral.sent_at),
        "sent_by": referral.sent_by, "deadline": iso(referral.deadline),
        "overdue": overdue(referral, now), "notes": referral.notes,
        "packet": {"name": referral.packet_name, "manifest_sha256": referral.packet_sha256},
        "history": [{"at": iso(e.at), "actor": e.actor, "from": e.from_status,
                     "to": e.to_status, "note": e.note} for e in referral.events],
        "takedown": None,  # filled by the recheck (see Row.takedown)
    }


# --- the dashboard's figures ---------------------------------------------------------------

MONTHS = 12


@dataclass(frozen=True)
class Figures:
    per_partner_month: list[tuple[str, str, int]]  # partner, "2026-12", referrals sent
    sent: int  # referrals ever sent
    acted_on: int  # of them, those a partner acted on (whatever their status now)
    returning_recruiters: int  # referred recruiters with a post first seen after the referral
    # Filled by the recheck (issue 28, "Is it still online?"): median days from sending to
    # takedown per platform, and posts still online past their referral's deadline.
    median_days_to_takedown: dict[str, float] | None = None
    online_past_deadline: int | None = None

    @property
    def share_acted_on(self) -> float | None:
        return self.acted_on / self.sent if self.sent else None


def figures(session: Session, now: datetime | None = None) -> Figures:
    now = now or utcnow()
    since = (now.replace(day=1) - timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    counts: dict[tuple[str, str], int] = {}
    for name, sent_at in session.execute(
            select(Partner.name, Referral.sent_at).join(Partner)
            .where(Referral.sent_at >= since)):
        key = (name, f"{sent_at:%Y-%m}")
        counts[key] = counts.get(key, 0) + 1
    sent = session.scalar(select(func.count()).select_from(Referral)
                          .where(Referral.sent_at.is_not(None))) or 0
    acted = session.scalar(select(func.count(ReferralEvent.referral_id.distinct()))
                           .where(ReferralEvent.to_status == "acted_on")) or 0
    return Figures(sorted(((p, m, n) for (p, m), n in counts.items()),
                          key=lambda row: (row[1], row[0]), reverse=True),
                   sent, acted, _returning(session))


def _returning(session: Session) -> int:
    referred = (
        select(Post.recruiter_id.label("recruiter"), func.min(Referral.sent_at).label("sent"))
        .select_from(Referral).join(ReferralItem).join(ReviewItem)
        .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
        .join(Post, PostVersion.post_id == Post.id)
        .where(Referral.sent_at.is_not(None), Post.recruiter_id.is_not(None))
        .group_by(Post.recruiter_id).subquery())
    return session.scalar(
        select(func.count(referred.c.recruiter.distinct()))
        .join(Post, Post.recruiter_id == referred.c.recruiter)
        .where(Post.first_seen > referred.c.sent)) or 0

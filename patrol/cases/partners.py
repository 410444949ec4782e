"""Partners: the police commands, platforms' reporting channels and other agencies the patrol
refers cases to. Admins keep the list; a partner with referrals is deactivated, never deleted,
so every referral keeps the partner it was sent to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from patrol.cases.referrals import ReferralError
from storage import audit
from storage.models import Partner

KINDS = ("police", "platform", "agency")
MAX_NAME = 200


def add(session: Session, name: str, kind: str, contact: str, region: str,
        actor: str) -> Partner:
    name = " ".join(name.split())
    _check(session, name, kind)
    partner = Partner(name=name, kind=kind, contact=contact.strip(), region=region.strip())
    session.add(partner)
    session.flush()
    audit.record(session, actor, "partner_add", f"partner:{partner.id}", name=name, kind=kind,
                 contact=partner.contact, region=partner.region)
    return partner


def update(session: Session, partner_id: int, actor: str, *, name: str, kind: str,
           contact: str, region: str, active: bool) -> Partner:
    partner = get(session, partner_id)
    name = " ".join(name.split())
    _check(session, name, kind, partner_id)
    before = {"name": partner.name, "kind": partner.kind, "contact": partner.contact,
              "region": partner.region, "active": partner.active}
    partner.name, partner.kind, partner.contact = name, kind, contact.strip()
    partner.region, partner.active = region.strip(), active
    audit.record(session, actor, "partner_edit", f"partner:{partner.id}", before=before,
                 after={"name": name, "kind": kind, "contact": partner.contact,
                        "region": partner.region, "active": active})
    return partner


def _check(session: Session, name: str, kind: str, own_id: int | None = None) -> None:
    if kind not in KINDS:
        raise ReferralError(f"jenis mitra tidak dikenal: {kind!r}; pilih {', '.join(KINDS)}")
    if not name or len(name) > MAX_NAME:
        raise ReferralError(f"nama mitra wajib diisi, paling panjang {MAX_NAME} karakter")
    same = session.scalar(select(Partner.id).where(Partner.name == name))
    if same is not None and same != own_id:
        raise ReferralError(f"mitra bernama {name!r} sudah ada")


def get(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise ReferralError(f"tidak ada mitra {partner_id}", missing=True)
    return partner


def listing(session: Session, active_only: bool = False) -> list[Partner]:
    query = select(Partner).order_by(Partner.name)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return list(session.scalars(query))

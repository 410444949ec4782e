"""The append-only audit log: who did what, to what, when.

Entries are added in the same transaction as the action they record, so an action and its entry
are stored together or not at all. Nothing here updates or deletes a row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, utcnow


def record(session: Session, actor: str | None, action: str, target: str | None = None,
           **details: object) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, target=target, details=details, at=utcnow())
    session.add(entry)
    return entry


def entries(session: Session, limit: int = 100, offset: int = 0, action: str | None = None,
            actor: str | None = None) -> list[AuditEntry]:
    """Newest first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    return list(session.scalars(query))


def count_since(session: Session, action: str, target: str, since: datetime) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.target == target, AuditEntry.at >= since)) or 0


def last_at(session: Session, action: str, target: str) -> datetime | None:
    return session.scalar(select(func.max(AuditEntry.at)).where(
        AuditEntry.action == action, AuditEntry.target == target))

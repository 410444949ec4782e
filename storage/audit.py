"""The append-only audit log: who did what, to what, when.

Entries are added in the same transaction as the action they record, so an action and its entry
are stored together or not at all. Nothing here updates or deletes a row. What is recorded can
come from anyone who reaches the login page, so each value is cut to MAX_VALUE characters.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, utcnow

MAX_VALUE = 2000  # characters kept of any one value: the longest written on purpose is a reason
MAX_ACTOR = 100  # a user name


def record(session: Session, actor: str | None, action: str, target: str | None = None,
           **details: object) -> AuditEntry:
    entry = AuditEntry(actor=_cut(actor, MAX_ACTOR), action=action, target=_cut(target),
                       details=_cut(details), at=utcnow())
    session.add(entry)
    return entry


def _cut(value, limit: int = MAX_VALUE):
    """`value` with every string in it cut to `limit` characters, the last one "…"."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit - 1] + "…"
    if isinstance(value, dict):
        return {key: _cut(item, limit) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_cut(item, limit) for item in value]
    return value


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


def count_from_address(session: Session, action: str, address: str, since: datetime) -> int:
    """Entries of `action` since `since` recorded with details `address=...`."""
    return session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.at >= since,
        AuditEntry.details["address"].as_string() == address)) or 0


def last_at(session: Session, action: str, target: str) -> datetime | None:
    return session.scalar(select(func.max(AuditEntry.at)).where(
        AuditEntry.action == action, AuditEntry.target == target))

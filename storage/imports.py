"""Where an imported post came from: the file and who ran `patrol import`.

The importer stores each line as evidence with status 0 and a `file:` URL ending in `#L<line>`.
Who imported it is in the audit log: `patrol import` records an "import" entry before it reads
the file. Imports never overlap (each holds the database's writer lock), so the evidence of an
import belongs to the last "import" entry made before it was stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit
from storage.models import AuditEntry, Evidence

ACTION = "import"


@dataclass(frozen=True)
class ImportOrigin:
    file_name: str  # the name only: the server's directories are nobody's business
    line: int | None
    by: str | None  # None for imports made before they were recorded


def record(session: Session, actor: str, file_name: str, run_id: int) -> None:
    audit.record(session, actor, ACTION, f"run:{run_id}", file=file_name)


def origin(session: Session, evidence: Evidence) -> ImportOrigin | None:
    """The import `evidence` came from, or None when it was fetched from the web."""
    parts = urlsplit(evidence.final_url)
    if evidence.status != 0 or parts.scheme != "file":
        return None
    name = PurePosixPath(unquote(parts.path)).name
    line = parts.fragment[1:] if parts.fragment.startswith("L") else ""
    entry = session.scalar(
        select(AuditEntry).where(AuditEntry.action == ACTION,
                                 AuditEntry.at <= evidence.fetched_at)
        .order_by(AuditEntry.id.desc()).limit(1))
    by = entry.actor if entry is not None and (entry.details or {}).get("file") == name else None
    return ImportOrigin(name, int(line) if line.isdigit() else None, by)

"""The register of licensed placement companies (P3MI): imported by admins from the published
list (CSV: name, SIP3MI licence number, validity date), editable, and looked up for the company
names the classifier finds in a post (`organisation` entities, classifier/entities.py).

Names are compared normalised: case, "PT"/"P.T.", punctuation and spacing do not matter. A post
may have more words after the name ("PT Maju Jaya Abadi Buka Lowongan"), so every leading run
of two or more of its words is tried too. A name found in the register never makes a post
benign: recruiters name licensed companies they have nothing to do with (docs/red-flags.md,
`no_licensed_agency`); an unlisted one is a reason a reviewer may tick (patrol/queue/reasons.py).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit
from storage.models import LicensedAgency, utcnow

# Header names accepted for each column (the ministry's own and English).
COLUMNS = {
    "name": ("nama", "nama_perusahaan", "name", "perusahaan"),
    "licence": ("sip3mi", "nomor_sip3mi", "no_sip3mi", "licence", "license", "nomor_izin"),
    "valid_until": ("berlaku_sampai", "berlaku_sd", "masa_berlaku", "valid_until", "berlaku"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
MAX_ROWS = 50_000
MAX_NAME = 300
MAX_LICENCE = 100
_PT = re.compile(r"^\s*p\s*\.?\s*t\b\.?", re.IGNORECASE)


class RegisterError(Exception):
    """A register file or edit that cannot be used; the message (Indonesian: admins read it on
    the web page and in the CLI alike) says what and where."""


def normalise(name: str) -> str:
    """The lookup key of a company name: "PT. Maju-Jaya  Abadi" -> "maju jaya abadi"."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _PT.sub(" ", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(w for w in text.split() if w != "pt")


def is_company(name: str) -> bool:
    """Whether a name is written as a PT: the only legal form of a P3MI."""
    return bool(_PT.match(unicodedata.normalize("NFKC", name)))


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)  # "baris 4: ..." per bad row


def import_csv(session: Session, content: bytes, actor: str, source: str = "CSV",
               today: date | None = None) -> ImportReport:
    """Add or update the companies of a CSV file; bad rows are reported by line and skipped,
    the good ones kept (the caller commits)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegisterError(f"{source}: bukan teks UTF-8 (bita ke-{exc.start})") from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if header is None:
        raise RegisterError(f"{source}: berkas kosong")
    where = _columns(header, source)
    report = ImportReport()
    seen: dict[str, int] = {}
    existing = {a.key: a for a in session.scalars(select(LicensedAgency))}
    now = utcnow()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if line > MAX_ROWS + 1:
            report.errors.append(f"baris {line}: lebih dari {MAX_ROWS} baris; sisanya tidak dibaca")
            break
        try:
            name, licence, valid = _row(row, where)
        except RegisterError as exc:
            report.errors.append(f"baris {line}: {exc}")
            continue
        key = normalise(name)
        if key in seen:
            report.errors.append(f"baris {line}: perusahaan yang sama dengan baris {seen[key]} "
                                 f"({name!r}); hanya yang pertama dipakai")
            continue
        seen[key] = line
        agency = existing.get(key)
        if agency is None:
            agency = existing[key] = LicensedAgency(key=key)
            session.add(agency)
            report.added += 1
        else:
            report.updated += 1
        agency.name, agency.licence, agency.valid_until = name, licence, valid
        agency.updated_at, agency.updated_by = now, actor
    audit.record(session, actor, "register_import", source, added=report.added,
                 updated=report.updated, errors=len(report.errors))
    return report


def _columns(header: list[str], source: str) -> dict[str, int]:
    names = [re.sub(r"[^a-z0-9]+", "_", h.strip().casefold()).strip("_") for h in header]
    where = {}
    for column, accepted in COLUMNS.items():
        found = [i for i, n in enumerate(names) if n in accepted]
        if not found:
            raise RegisterError(f"{source}: baris 1 tidak punya kolom {column} (salah satu dari: "
                                f"{', '.join(accepted)}); yang ada: {', '.join(header)}")
        where[column] = found[0]
    return where


def _row(row: list[str], where: dict[str, int]) -> tuple[str, str, date]:
    def cell(column: str) -> str:
        index = where[column]
        return " ".join(row[index].split()) if index < len(row) else ""

    name, licence, valid = cell("name"), cell("licence"), cell("valid_until")
    return check(name, licence, valid)


def check(name: str, licence: str, valid: str) -> tuple[str, str, date]:
    """A register entry's fields, cleaned, or a RegisterError naming what is wrong."""
    name, licence = " ".join(name.split()), " ".join(licence.split())
    if not normalise(name):
        raise RegisterError("nama perusahaan kosong")
    if len(name) > MAX_NAME:
        raise RegisterError(f"nama perusahaan lebih dari {MAX_NAME} karakter")
    if not licence:
        raise RegisterError(f"nomor SIP3MI untuk {name!r} kosong")
    if len(licence) > MAX_LICENCE:
        raise RegisterError(f"nomor SIP3MI lebih dari {MAX_LICENCE} karakter")
    return name, licence, _date(valid.strip(), name)


def _date(value: str, name: str) -> date:
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise RegisterError(f"tanggal berlaku {value!r} untuk {name!r} bukan tanggal "
                        "(tulis TTTT-BB-HH atau HH-BB-TTTT)")


def save(session: Session, actor: str, name: str, licence: str, valid: str,
         agency_id: int | None = None) -> LicensedAgency:
    """Add a company, or edit the one with `agency_id`."""
    name, licence, valid_until = check(name, licence, valid)
    key = normalise(name)
    other = session.scalar(select(LicensedAgency).where(LicensedAgency.key == key))
    if other is not None and other.id != agency_id:
        raise RegisterError(f"{name!r} sudah ada di daftar (sebagai {other.name!r})")
    if agency_id is None:
        agency = LicensedAgency()
        session.add(agency)
    else:
        agency = session.get(LicensedAgency, agency_id)
        if agency is None:
            raise RegisterError(f"tidak ada entri daftar {agency_id}")
    before = None if agency_id is None else {
        "name": agency.name, "licence": agency.licence,
        "valid_until": agency.valid_until.isoformat() if agency.valid_until else None}
    agency.name, agency.key, agency.licence, agency.valid_until = name, key, licence, valid_until
    agency.updated_at, agency.updated_by = utcnow(), actor
    session.flush()
    audit.record(session, actor, "register_edit" if before else "register_add",
                 f"agency:{agency.id}", before=before,
                 after={"name": name, "licence": licence, "valid_until": valid_until.isoformat()})
    return agency


def listing(session: Session, search: str = "", limit: int = 200,
            offset: int = 0) -> list[LicensedAgency]:
    query = select(LicensedAgency).order_by(LicensedAgency.key).limit(limit).offset(offset)
    key = normalise(search)
    if key:
        query = query.where(LicensedAgency.key.contains(key, autoescape=True))
    return list(session.scalars(query))


@dataclass(frozen=True)
class Lookup:
    name: str  # as the post wrote it
    agency: LicensedAgency | None
    expired: bool = False

    @property
    def unlisted(self) -> bool:
        """No valid licence: not in the register, or its licence has run out."""
        return self.agency is None or self.expired


def lookup(session: Session, entities: list[dict], today: date | None = None) -> list[Lookup]:
    """Each company ("PT ...") named in a post's entities, looked up in the register."""
    today = today or utcnow().date()
    names = list(dict.fromkeys(e["value"] for e in entities
                               if e.get("kind") == "organisation" and is_company(e["value"])))
    candidates = {name: _prefixes(normalise(name)) for name in names}
    wanted = {key for keys in candidates.values() for key in keys}
    found = {a.key: a for a in session.scalars(
        select(LicensedAgency).where(LicensedAgency.key.in_(wanted)))} if wanted else {}
    results = []
    for name, keys in candidates.items():
        agency = next((found[k] for k in keys if k in found), None)
        expired = bool(agency and agency.valid_until and agency.valid_until < today)
        results.append(Lookup(name, agency, expired))
    return results


def _prefixes(key: str) -> list[str]:
    """The key, then its leading runs of words, longest first, down to two words."""
    words = key.split()
    return [" ".join(words[:n]) for n in range(len(words), min(2, len(words)) - 1, -1)]

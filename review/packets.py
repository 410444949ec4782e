"""Evidence packets: what a patrol team hands to the police about a recruiter or a post, and
the referral letter that goes with a referral's packet.

A packet is a zip (or a folder) holding
- `evidence/<id>.txt`: each raw page exactly as fetched (a .txt name, so that opening one runs
  none of its scripts), whose SHA-256 is the one recorded when it was fetched;
- `report.html`: the case in Bahasa Indonesia, for people;
- `manifest.json`: the same facts for machines: post texts and versions, URLs, times, red flags,
  decisions and reasons, who exported the packet and when, and every file with its SHA-256;
- `SHA256SUMS`: the hash of every other file, in `sha256sum -c` format;
- `letter.html` (a referral's packet only): the referral letter, ready to print.

`verify` re-checks all of it. The hashes show that nothing changed after export; they do not
prove who exported it (that is the audit log's job, and a signature's if one is ever needed).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol.cases import recruiters, referrals
from review import display, labels, numbers
from storage import audit
from storage.models import (
    Decision,
    Post,
    PostVersion,
    Referral,
    ReviewItem,
    Score,
    User,
    utcnow,
)
from storage.posts import evidence_body

FORMAT = "cyber-patrol-evidence-packet/1"
SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
REPORT = "report.html"
LETTER = "letter.html"
SUBJECTS = ("recruiter", "post", "referral")
_WORDS = {"recruiter": "perekrut", "post": "unggahan", "referral": "rujukan"}

_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=select_autoescape(default=True, default_for_string=True),
                         finalize=display.shown)
_templates.filters["num"] = numbers.number


class PacketError(Exception):
    """The subject of an export does not exist, or a packet cannot be read."""


@dataclass(frozen=True)
class Packet:
    name: str  # e.g. "bukti-perekrut-12-20261123-1030"
    files: dict[str, bytes]  # path inside the packet -> content

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, content in self.files.items():
                archive.writestr(f"{self.name}/{path}", content)
        return buffer.getvalue()

    def write(self, target: Path) -> Path:
        """Write as `target` (a .zip file) or into the folder `target`."""
        if target.suffix == ".zip":
            target.write_bytes(self.zip_bytes())
            return target
        for path, content in self.files.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(content)
        return target


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def export(session: Session, subject: str, subject_id: int, actor: str,
           now: datetime | None = None) -> Packet:
    """Build the packet for a recruiter or a post and record the export in the audit log (the
    caller commits)."""
    now = now or utcnow()
    if subject not in SUBJECTS:
        raise PacketError(f"unknown subject {subject!r}; use recruiter, post or referral")
    profile = referral = None
    if subject == "referral":
        referral = session.get(Referral, subject_id)
        if referral is None:
            raise PacketError(f"no referral {subject_id}")
        post_ids = referrals.post_ids(session, referral)
    elif subject == "recruiter":
        profile = recruiters.profile(session, subject_id)
        if profile is None:
            raise PacketError(f"no recruiter {subject_id}")
        post_ids = [p["post_id"] for p in profile.posts]
    else:
        if session.get(Post, subject_id) is None:
            raise PacketError(f"no post {subject_id}")
        post_ids = [subject_id]
    files: dict[str, bytes] = {}
    posts = [_post_record(session, post_id, files) for post_id in post_ids]
    manifest = {
        "format": FORMAT,
        "subject": {"kind": subject, "id": profile.id if profile else subject_id},
        "exported_by": actor,
        "exported_at": now.isoformat(),
        "recruiter": _recruiter_record(profile) if profile else None,
        "referral": _referral_record(referral) if referral else None,
        "posts": posts,
    }
    if referral is not None:
        files[LETTER] = render_letter(manifest["referral"], posts, now)
    files[REPORT] = _templates.get_template("packet.html").render(
        m=manifest, flag_labels=labels.FLAG_LABELS, verdict_labels=labels.VERDICT_LABELS,
        entity_labels=labels.ENTITY_LABELS, decision_reason_labels=labels.DECISION_REASON_LABELS,
        highlight=display.highlight).encode("utf-8")
    manifest["files"] = [{"path": path, "sha256": sha256(content), "bytes": len(content)}
                         for path, content in sorted(files.items())]
    files[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    files[SUMS] = "".join(f"{sha256(content)}  {path}\n"
                          for path, content in sorted(files.items())).encode("utf-8")
    name = f"bukti-{_WORDS[subject]}-{manifest['subject']['id']}-{now:%Y%m%d-%H%M%S}"
    audit.record(session, actor, "export_evidence", f"{subject}:{manifest['subject']['id']}",
                 posts=len(posts), files=len(files), manifest_sha256=sha256(files[MANIFEST]))
    return Packet(name, files)


def send_referral(session: Session, referral_id: int, actor: str, role: str, days: int,
                  note: str = "") -> Referral:
    """Export a referral's packet and send the referral with it (web and CLI alike); the
    caller commits."""
    referral = referrals.get(session, referral_id)
    reason = referrals.refusal(referral, "sent", role)
    if reason:  # before exporting, so a refused send leaves no export in the audit log
        raise referrals.ReferralError(reason)
    made = export(session, "referral", referral.id, actor)
    return referrals.send(session, referral.id, actor, role, referrals.SentPacket(
        made.name, made.zip_bytes(), sha256(made.files[MANIFEST])), deadline_days=days,
        note=note)


def _referral_record(referral: Referral) -> dict:
    partner = referral.partner
    return {"reference": referral.reference, "status": referral.status,
            "partner": {"name": partner.name, "kind": partner.kind, "region": partner.region,
                        "contact": partner.contact},
            "subject": {"kind": referral.subject_kind, "id": referral.subject_id},
            "items": [i.review_item_id for i in referral.items],
            "proposed_by": referral.created_by, "notes": referral.notes}


def letter(session: Session, referral: Referral, now: datetime | None = None) -> bytes:
    """The referral letter: once sent, the one in the packet that went to the partner; before,
    the letter as it would be sent now."""
    if referral.packet_zip is not None:
        with zipfile.ZipFile(io.BytesIO(referral.packet_zip)) as archive:
            return archive.read(f"{referral.packet_name}/{LETTER}")
    files: dict[str, bytes] = {}  # the raw pages are read for their hashes, not kept
    posts = [_post_record(session, post_id, files)
             for post_id in referrals.post_ids(session, referral)]
    record = _referral_record(referral)
    record["manifest_sha256"] = referral.packet_sha256
    return render_letter(record, posts, now or utcnow())


def render_letter(referral: dict, posts: list[dict], now: datetime) -> bytes:
    """The letter in Bahasa Indonesia: the case in a page or two, then every post. Everything
    that came from a post is escaped by the template's autoescape."""
    flags: dict[str, int] = {}
    identifiers: dict[tuple[str, str], None] = {}
    for post in posts:
        latest = post["versions"][-1]["score"] if post["versions"] else None
        for code in dict.fromkeys(f["code"] for f in (latest or {}).get("flags", [])):
            flags[code] = flags.get(code, 0) + 1
        for version in post["versions"]:
            for entity in (version["score"] or {}).get("entities", []):
                identifiers[(entity["kind"], entity["value"])] = None
    seen = [p["first_seen"] for p in posts] + [p["last_seen"] for p in posts]
    return _templates.get_template("letter.html").render(
        r=referral, posts=posts, now=now, flags=sorted(flags.items(), key=lambda f: -f[1]),
        identifiers=list(identifiers), first_seen=min(seen, default=None),
        last_seen=max(seen, default=None), flag_labels=labels.FLAG_LABELS,
        entity_labels=labels.ENTITY_LABELS, partner_kinds=labels.PARTNER_KIND_LABELS,
        verdict_labels=labels.VERDICT_LABELS).encode("utf-8")


def _recruiter_record(profile: recruiters.Profile) -> dict:
    data = profile.to_dict()
    return {key: data[key] for key in ("id", "identifiers", "sources", "platforms", "flags",
                                       "verdicts", "first_seen", "last_seen", "links")}


def _post_record(session: Session, post_id: int, files: dict[str, bytes]) -> dict:
    post = session.get(Post, post_id)
    latest = dict(session.execute(
        select(Score.post_version_id, func.max(Score.id)).join(PostVersion)
        .where(PostVersion.post_id == post_id).group_by(Score.post_version_id)).all())
    versions = []
    for version in post.versions:
        score = session.get(Score, latest[version.id]) if version.id in latest else None
        versions.append({
            "version": version.version, "text": version.text,
            "content_sha256": version.content_hash,
            "first_seen": version.first_seen.isoformat(),
            "evidence": _evidence_record(version, files),
            "score": None if score is None else {
                "model": score.model, "score": round(score.score, 4),
                "threshold": score.threshold, "flags": score.flags,
                "entities": score.entities}})
    decisions = session.execute(
        select(Decision, User.name, ReviewItem.id)
        .join(ReviewItem, Decision.review_item_id == ReviewItem.id)
        .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
        .join(User, Decision.reviewer_id == User.id)
        .where(PostVersion.post_id == post_id).order_by(Decision.id))
    return {
        "post_id": post.id, "url": post.url, "platform": post.platform,
        "source": post.source.name if post.source else None, "author": post.author,
        "posted_at": post.posted_at.isoformat() if post.posted_at else None,
        "first_seen": post.first_seen.isoformat(), "last_seen": post.last_seen.isoformat(),
        "versions": versions,
        "decisions": [{"item_id": item_id, "verdict": d.verdict, "reasons": d.reason_codes,
                       "note": d.note, "reviewer": reviewer,
                       "decided_at": d.created_at.isoformat(),
                       "applied_from_item": d.applied_from}
                      for d, reviewer, item_id in decisions]}


def _evidence_record(version: PostVersion, files: dict[str, bytes]) -> dict | None:
    evidence = version.evidence
    if evidence is None:
        return None
    path = None
    if evidence.purged_at is None:  # a purged page keeps its hash, not its body
        path = f"evidence/{evidence.id}.txt"
        files[path] = evidence_body(evidence)
    return {"file": path, "sha256": evidence.sha256, "url": evidence.final_url,
            "purged_at": evidence.purged_at.isoformat() if evidence.purged_at else None,
            "http_status": evidence.status, "fetched_at": evidence.fetched_at.isoformat(),
            "content_type": _header(evidence.headers, "content-type")}


def _header(headers: dict, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value if isinstance(value, str) else ", ".join(map(str, value))
    return None


# --- verification -----------------------------------------------------------------------------


def read(path: Path) -> dict[str, bytes]:
    """The files of a packet (zip or folder) by their path inside it. Nothing is extracted:
    names in a zip are only used as dictionary keys."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes()
                for p in sorted(path.rglob("*")) if p.is_file()}
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            prefix = _common_folder(names)
            return {n[len(prefix):]: archive.read(n) for n in names}
    except (zipfile.BadZipFile, OSError) as exc:
        raise PacketError(f"{path}: not a readable packet ({exc})") from None


def _common_folder(names: list[str]) -> str:
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return ""


def verify(path: Path) -> list[str]:
    """Every problem found in the packet at `path`; an empty list means it is intact."""
    files = read(path)
    problems = []
    if SUMS not in files:
        return [f"{SUMS} is missing"]
    listed: dict[str, str] = {}
    for number, line in enumerate(files[SUMS].decode("utf-8", "replace").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            problems.append(f"{SUMS} line {number} is malformed")
            continue
        listed[name] = digest
    for name, digest in listed.items():
        if name not in files:
            problems.append(f"{name}: listed in {SUMS} but missing")
        elif sha256(files[name]) != digest:
            problems.append(f"{name}: SHA-256 does not match {SUMS}")
    problems += [f"{name}: not listed in {SUMS}" for name in files
                 if name not in listed and name != SUMS]
    problems += _check_manifest(files)
    return problems


def _check_manifest(files: dict[str, bytes]) -> list[str]:
    try:
        manifest = json.loads(files[MANIFEST])
    except (KeyError, ValueError) as exc:
        return [f"{MANIFEST} is missing or not JSON ({exc})"]
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        return [f"{MANIFEST}: unknown format {found!r}"]
    try:
        return _check_entries(manifest, files)
    except (KeyError, TypeError, AttributeError) as exc:  # edited by hand, or truncated
        return [f"{MANIFEST}: malformed ({type(exc).__name__}: {exc})"]


def _check_entries(manifest: dict, files: dict[str, bytes]) -> list[str]:
    problems = []
    for entry in manifest.get("files", []):
        content = files.get(entry["path"])
        if content is None:
            problems.append(f"{entry['path']}: in the manifest but missing")
        elif sha256(content) != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 does not match the manifest")
    for post in manifest.get("posts", []):
        for version in post.get("versions", []):
            evidence = version.get("evidence")
            # The hash recorded at fetch time: the file is the page as it was crawled.
            if evidence and evidence["file"] in files and sha256(
                    files[evidence["file"]]) != evidence["sha256"]:
                problems.append(f"{evidence['file']}: differs from the page fetched from "
                                f"{evidence['url']}")
    return problems

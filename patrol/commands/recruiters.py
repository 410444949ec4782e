"""`patrol recruiters`: posts linked by the phone numbers, handles and accounts they share;
`patrol export evidence` and `patrol verify`: the packets that refer them to the police."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from patrol.console import (
    DatabaseOpt,
    JsonOpt,
    UserError,
    cli_actor,
    open_session,
    out,
    resolve_config,
    show,
    user_errors,
)

recruiters_app = typer.Typer(help="Recruiters: flagged posts linked by shared identifiers.",
                             no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(recruiters_app, name="recruiters")
    app.add_typer(export_app, name="export")
    app.command()(verify)


@recruiters_app.command("list")
def recruiters_list(
    limit: Annotated[int, typer.Option(min=1, help="How many, most posts first.")] = 50,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Recruiters with the most posts first, with their identifiers."""
    from patrol.cases import recruiters

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        rows = recruiters.listing(s, limit)
    show(rows, as_json, ("id", "posts", "identifiers", "first seen", "last seen"),
         ((str(r["id"]), str(r["posts"]), ", ".join(r["identifiers"]), r["first_seen"][:10],
           r["last_seen"][:10]) for r in rows), title=f"{len(rows)} recruiters")


@recruiters_app.command("show")
def recruiters_show(
    recruiter_id: Annotated[int, typer.Argument(help="Recruiter id.")],
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One recruiter: identifiers, posts, sources, platforms, red flags, verdicts."""
    from patrol.cases import recruiters

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        found = recruiters.profile(s, recruiter_id)
        if found is None:
            raise UserError(f"no recruiter {recruiter_id}")
    if as_json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=1))
        return
    out.print(f"recruiter {found.id}: {len(found.posts)} posts, {found.first_seen:%Y-%m-%d} to "
              f"{found.last_seen:%Y-%m-%d}", markup=False)
    out.print("identifiers: " + ", ".join(f"{k} {v}" for k, v in found.identifiers),
              markup=False)
    out.print(f"sources: {', '.join(found.sources) or '-'}; platforms: "
              f"{', '.join(found.platforms)}", markup=False)
    out.print("red flags: " + ", ".join(f"{c} ({n})" for c, n in found.flags), markup=False)
    out.print("verdicts: " + (", ".join(f"{v} {n}" for v, n in found.verdicts.items()) or "none"),
              markup=False)
    table = Table()
    for column in ("post", "source", "text"):
        table.add_column(column)
    for p in found.posts:
        table.add_row(p["url"], p["source"] or "-", " ".join(p["text"].split())[:120])
    out.print(table, markup=False)  # post texts and handles are hostile: shown, not obeyed


@recruiters_app.command("rebuild")
def recruiters_rebuild(database: DatabaseOpt = None) -> None:
    """Link every stored post again from its latest score (after upgrading a database from
    before recruiters existed)."""
    from patrol.cases import recruiters
    from patrol.cases.linking import relink

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        count = relink(s)
        live = len(recruiters.listing(s, limit=1_000_000))
    out.print(f"read {count} post versions; {live} recruiters", markup=False)


# --- evidence packets ------------------------------------------------------------------------

export_app = typer.Typer(help="Export evidence for referral.", no_args_is_help=True)


@export_app.command("evidence")
def export_evidence(
    recruiter: Annotated[int | None, typer.Option(help="Recruiter id.")] = None,
    post: Annotated[int | None, typer.Option(help="Post id.")] = None,
    out_path: Annotated[Path | None, typer.Option(
        "--out", help="A .zip file, or a folder for an unzipped packet "
                      "(default: <packet name>.zip here).")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Write an evidence packet for a recruiter or a post: report.html, manifest.json, the raw
    pages with their SHA-256, and SHA256SUMS. The export is recorded in the audit log."""
    from review import packets

    subject, subject_id = ("recruiter", recruiter) if recruiter is not None else ("post", post)
    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        if (recruiter is None) == (post is None):
            raise UserError("give exactly one of --recruiter ID or --post ID")
        try:
            packet = packets.export(s, subject, subject_id, cli_actor())
        except packets.PacketError as exc:
            raise UserError(str(exc)) from None
        target = out_path or Path(f"{packet.name}.zip")
        if target.exists() and (target.suffix == ".zip" or any(target.iterdir())):
            raise UserError(f"{target} already exists; choose another --out")
        packet.write(target)
        s.commit()
    out.print(f"wrote {target} ({len(packet.files)} files)", markup=False)


def verify(
    packet: Annotated[Path, typer.Argument(help="A packet .zip or folder.")],
    referral: Annotated[str | None, typer.Option(
        help="Also check that this is the packet sent with this referral (reference or id).",
    )] = None,
    database: DatabaseOpt = None,
) -> None:
    """Re-check every SHA-256 in an evidence packet; exit 1 if anything changed."""
    from review import packets

    with user_errors():
        if not packet.exists():
            raise UserError(f"{packet} does not exist")
        try:
            problems = packets.verify(packet)
            if referral is not None:
                problems += _sent_with(packet, referral, database)
        except packets.PacketError as exc:
            raise UserError(str(exc)) from None
    if problems:
        for problem in problems:
            out.print(f"FAILED {problem}", markup=False)
        raise typer.Exit(1)
    out.print(f"OK {packet}: every file matches its SHA-256"
              + (f", and it is the packet sent with referral {referral}" if referral else ""),
              markup=False)


def _sent_with(packet: Path, reference: str, database: str | None) -> list[str]:
    """Whether the packet's manifest is the one recorded when the referral was sent."""
    from patrol.cases import referrals
    from review import packets

    with open_session(resolve_config(database_url=database).database_url) as s:
        try:
            recorded = referrals.by_reference(s, reference)
        except referrals.ReferralError as exc:
            raise UserError(str(exc)) from None
    manifest = packets.read(packet).get(packets.MANIFEST, b"")
    if recorded.packet_sha256 is None:
        return [f"referral {recorded.reference} has not been sent: no packet was recorded"]
    if packets.sha256(manifest) != recorded.packet_sha256:
        return [f"{packets.MANIFEST}: not the packet sent with referral {recorded.reference} "
                f"(recorded SHA-256 {recorded.packet_sha256})"]
    return []

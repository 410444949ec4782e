"""`patrol referrals`, `patrol partners` and `patrol agencies`: cases referred to partners,
the partners, and the register of licensed placement companies (P3MI).

Whoever runs these commands has the database itself, so the CLI acts as an admin: it may send
referrals and record answers. Refusals of the service layer are printed as they are (in
Indonesian, as the web pages show them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

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

CLI_ROLE = "admin"

referrals_app = typer.Typer(help="Referrals of cases to partners (police, platforms, agencies).",
                            no_args_is_help=True)
partners_app = typer.Typer(help="Partners that cases are referred to.", no_args_is_help=True)
agencies_app = typer.Typer(help="The register of licensed placement companies (P3MI).",
                           no_args_is_help=True)

ReferenceArg = Annotated[str, typer.Argument(help="Reference (RUJ-2026-00012) or id.")]
NoteOpt = Annotated[str, typer.Option("--note", help="A note for the history.")]


def register(app: typer.Typer) -> None:
    app.add_typer(referrals_app, name="referrals")
    app.add_typer(partners_app, name="partners")
    app.add_typer(agencies_app, name="agencies")


def _session(database: str | None):
    return open_session(resolve_config(database_url=database).database_url)


@contextmanager
def _refusals() -> Iterator[None]:
    """Service-layer refusals as one-line errors (inside `user_errors`)."""
    from patrol.cases.agencies import RegisterError
    from patrol.cases.referrals import ReferralError

    try:
        yield
    except (ReferralError, RegisterError) as exc:
        raise UserError(str(exc)) from None


# --- referrals -----------------------------------------------------------------------------


@referrals_app.command("list")
def referrals_list(
    partner: Annotated[int | None, typer.Option(help="Only this partner (id).")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only past their deadline.")] = False,
    page: Annotated[int, typer.Option(min=1, help="Page of 50, newest first.")] = 1,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Referrals, newest first: partner, status, when sent, deadline."""
    from patrol.cases import referrals

    with user_errors(), _refusals(), _session(database) as s:
        rows, total = referrals.listing(s, referrals.Filters(partner, status, overdue, page))
    show([r.to_dict() for r in rows], as_json,
         ("reference", "partner", "subject", "items", "status", "sent", "deadline"),
         ((r.reference, r.partner, f"{r.subject_kind} {r.subject_id or ''}".strip(),
           str(r.items), r.status + (" (overdue)" if r.overdue else ""),
           f"{r.sent_at:%Y-%m-%d}" if r.sent_at else "-",
           f"{r.deadline:%Y-%m-%d}" if r.deadline else "-") for r in rows),
         title=f"{len(rows)} of {total} referrals")


@referrals_app.command("show")
def referrals_show(reference: ReferenceArg, database: DatabaseOpt = None,
                   as_json: JsonOpt = False) -> None:
    """One referral with its items, posts, packet and history."""
    from patrol.cases import referrals

    with user_errors(), _refusals(), _session(database) as s:
        data = referrals.to_dict(s, referrals.by_reference(s, reference))
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for line in (f"{data['reference']}: {data['status']}"
                 + (" (overdue)" if data["overdue"] else ""),
                 f"partner: {data['partner']['name']} ({data['partner']['kind']})",
                 f"subject: {data['subject']['kind']} {data['subject']['id'] or ''}; items "
                 + ", ".join(map(str, data["items"])),
                 f"proposed by {data['created_by']} at {data['created_at'][:16]}",
                 f"sent by {data['sent_by'] or '-'} at {(data['sent_at'] or '-')[:16]}; "
                 f"deadline {(data['deadline'] or '-')[:10]}",
                 f"packet: {data['packet']['name'] or '-'} manifest sha256 "
                 f"{data['packet']['manifest_sha256'] or '-'}"):
        out.print(line, markup=False)
    for event in data["history"]:
        change = event["to"] if event["from"] in (None, event["to"]) else \
            f"{event['from']} -> {event['to']}"
        out.print(f"  {event['at'][:16]} {event['actor']}: {change}"
                  + (f" - {event['note']}" if event["note"] else ""), markup=False)


@referrals_app.command("export")
def referrals_export(
    reference: ReferenceArg,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("."),
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write a referral's letter (HTML, ready to print) and, once sent, the evidence packet that
    went with it, exactly as sent: check it with `patrol verify PACKET --referral REF`."""
    from patrol.cases import referrals
    from review import packets

    with user_errors(), _refusals(), _session(database) as s:
        referral = referrals.by_reference(s, reference)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = {"letter": out_dir / f"surat-{referral.reference}.html", "packet": None}
        written["letter"].write_bytes(packets.letter(s, referral))
        if referral.packet_zip is not None:
            written["packet"] = out_dir / f"{referral.packet_name}.zip"
            written["packet"].write_bytes(referral.packet_zip)
        data = {"reference": referral.reference, "manifest_sha256": referral.packet_sha256,
                **{k: str(v) if v else None for k, v in written.items()}}
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    out.print(f"wrote {data['letter']}" + (f" and {data['packet']}" if data["packet"] else
                                            " (not sent yet: no packet)"), markup=False)


@referrals_app.command("propose")
def referrals_propose(
    partner: Annotated[int, typer.Option(help="Partner id (`patrol partners list`).")],
    items: Annotated[str | None, typer.Option(help="Decided review item ids: 3,4,9.")] = None,
    recruiter: Annotated[int | None, typer.Option(help="A recruiter's decided items.")] = None,
    group: Annotated[int | None, typer.Option(help="A near-duplicate group's decided items."
                                              )] = None,
    notes: Annotated[str, typer.Option(help="Notes for whoever sends it.")] = "",
    database: DatabaseOpt = None,
) -> None:
    """Propose a referral (a draft)."""
    from patrol.cases import referrals

    with user_errors(), _refusals(), _session(database) as s:
        try:
            ids = [int(i) for i in items.split(",") if i.strip()] if items else None
        except ValueError:
            raise UserError(f"--items takes ids separated by commas, not {items!r}") from None
        made = referrals.propose(s, partner, cli_actor(), items=ids, recruiter=recruiter,
                                 group=group, notes=notes)
        s.commit()
        out.print(f"proposed {made.reference} ({len(made.items)} items)", markup=False)


@referrals_app.command("send")
def referrals_send(
    reference: ReferenceArg,
    days: Annotated[int, typer.Option(min=1, max=365, help="Days the partner has to answer."
                                      )] = 14,
    note: NoteOpt = "",
    database: DatabaseOpt = None,
) -> None:
    """Mark a draft as sent today: its evidence packet is exported and kept with it."""
    from patrol.cases import referrals
    from review import packets

    with user_errors(), _refusals(), _session(database) as s:
        referral = referrals.by_reference(s, reference)
        packets.send_referral(s, referral.id, cli_actor(), CLI_ROLE, days, note)
        s.commit()
        out.print(f"sent {referral.reference}; answer due {referral.deadline:%Y-%m-%d}; packet "
                  f"manifest sha256 {referral.packet_sha256}", markup=False)


@referrals_app.command("answer")
def referrals_answer(
    reference: ReferenceArg,
    status: Annotated[str, typer.Argument(
        help="acknowledged, acted_on, rejected or closed.")],
    note: NoteOpt = "",
    database: DatabaseOpt = None,
) -> None:
    """Record a partner's answer, or close the referral."""
    from patrol.cases import referrals

    with user_errors(), _refusals(), _session(database) as s:
        referral = referrals.by_reference(s, reference)
        before = referral.status
        referrals.change(s, referral.id, status, cli_actor(), CLI_ROLE, note)
        s.commit()
        out.print(f"{referral.reference}: {before} -> {referral.status}", markup=False)


# --- partners ------------------------------------------------------------------------------


@partners_app.command("list")
def partners_list(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """Partners by name."""
    from patrol.cases import partners

    with user_errors(), _session(database) as s:
        rows = [{"id": p.id, "name": p.name, "kind": p.kind, "contact": p.contact,
                 "region": p.region, "active": p.active} for p in partners.listing(s)]
    show(rows, as_json, ("id", "name", "kind", "region", "contact", "active"),
         ((str(r["id"]), r["name"], r["kind"], r["region"], r["contact"],
           "yes" if r["active"] else "no") for r in rows), title=f"{len(rows)} partners")


@partners_app.command("add")
def partners_add(
    name: Annotated[str, typer.Argument(help="e.g. \"Polda Jawa Timur\".")],
    kind: Annotated[str, typer.Option(help="police, platform or agency.")],
    contact: Annotated[str, typer.Option(help="Address, e-mail or form.")] = "",
    region: Annotated[str, typer.Option(help="The region it covers.")] = "",
    database: DatabaseOpt = None,
) -> None:
    """Add a partner."""
    from patrol.cases import partners

    with user_errors(), _refusals(), _session(database) as s:
        partner = partners.add(s, name, kind, contact, region, cli_actor())
        s.commit()
        out.print(f"added partner {partner.id}: {partner.name}", markup=False)


# --- the register of licensed agencies -----------------------------------------------------


@agencies_app.command("import")
def agencies_import(
    csv_file: Annotated[Path, typer.Argument(help="CSV: nama, sip3mi, berlaku_sampai.")],
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add or update companies from the published list; bad rows are reported by line and
    skipped, the good ones kept. Exit 1 when any row was refused."""
    from patrol.cases import agencies

    with user_errors(), _refusals(), _session(database) as s:
        if not csv_file.is_file():
            raise UserError(f"{csv_file} is not a file")
        report = agencies.import_csv(s, csv_file.read_bytes(), cli_actor(), str(csv_file))
        s.commit()
    if as_json:
        print(json.dumps(report.__dict__, ensure_ascii=False, indent=1))
    else:
        for error in report.errors:
            out.print(error, markup=False)
        out.print(f"{report.added} added, {report.updated} updated, {len(report.errors)} "
                  "rows refused", markup=False)
    if report.errors:
        raise typer.Exit(1)


@agencies_app.command("list")
def agencies_list(
    search: Annotated[str, typer.Option(help="Part of a name.")] = "",
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Companies in the register."""
    from patrol.cases import agencies

    with user_errors(), _session(database) as s:
        rows = [{"name": a.name, "licence": a.licence,
                 "valid_until": a.valid_until.isoformat() if a.valid_until else None}
                for a in agencies.listing(s, search, limit=100_000)]
    show(rows, as_json, ("name", "SIP3MI", "valid until"),
         ((r["name"], r["licence"], r["valid_until"] or "-") for r in rows),
         title=f"{len(rows)} companies")

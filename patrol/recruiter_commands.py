"""`patrol recruiters`: posts linked by the phone numbers, handles and accounts they share."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from patrol.console import DatabaseOpt, JsonOpt, UserError, out, resolve_config, user_errors
from patrol.model_commands import _session

recruiters_app = typer.Typer(help="Recruiters: flagged posts linked by shared identifiers.",
                             no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(recruiters_app, name="recruiters")


@recruiters_app.command("list")
def recruiters_list(
    limit: Annotated[int, typer.Option(min=1, help="How many, most posts first.")] = 50,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Recruiters with the most posts first, with their identifiers."""
    from storage import recruiters

    with user_errors(), _session(resolve_config(database_url=database).database_url) as s:
        rows = recruiters.listing(s, limit)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} recruiters")
    for column in ("id", "posts", "identifiers", "first seen", "last seen"):
        table.add_column(column)
    for r in rows:
        table.add_row(str(r["id"]), str(r["posts"]), ", ".join(r["identifiers"]),
                      r["first_seen"][:10], r["last_seen"][:10])
    out.print(table, markup=False)  # post texts and handles are hostile: shown, not obeyed


@recruiters_app.command("show")
def recruiters_show(
    recruiter_id: Annotated[int, typer.Argument(help="Recruiter id.")],
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One recruiter: identifiers, posts, sources, platforms, red flags, verdicts."""
    from storage import recruiters

    with user_errors(), _session(resolve_config(database_url=database).database_url) as s:
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
    from storage import recruiters

    with user_errors(), _session(resolve_config(database_url=database).database_url) as s:
        count = recruiters.rebuild(s)
        live = len(recruiters.listing(s, limit=1_000_000))
    out.print(f"read {count} post versions; {live} recruiters", markup=False)

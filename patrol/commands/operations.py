"""`patrol runs`: what each night's crawl did, per source, for the operator."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from patrol.console import (
    DatabaseOpt,
    JsonOpt,
    UserError,
    open_session,
    out,
    resolve_config,
    show,
    user_errors,
)
from settings_table import env_and_default

runs_app = typer.Typer(help="Run reports: what each crawl or import did, per source.",
                       no_args_is_help=True)


retention_app = typer.Typer(help="Retention: purge raw pages kept longer than needed.",
                            no_args_is_help=True)


def register(app: typer.Typer, db_app: typer.Typer) -> None:
    app.add_typer(runs_app, name="runs")
    app.add_typer(retention_app, name="retention")
    db_app.command("maintain")(db_maintain)


def _errors(by_kind: dict[str, int]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in by_kind.items()) or "-"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


@runs_app.command("list")
def runs_list(
    limit: Annotated[int, typer.Option(min=1, help="How many runs, newest first.")] = 20,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Recent runs, newest first, with their totals."""
    from storage import runs

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        reports = runs.recent(s, limit)
    show(reports, as_json, ("id", "kind", "started (UTC)", "status", "sources", "pages",
                            "new", "changed", "flagged", "errors", "seconds", "failed checks"),
         ((str(r["id"]), r["kind"], r["started_at"][:16].replace("T", " "), r["status"],
           str(len(r["sources"])), str(r["pages"]), str(r["posts_new"]),
           str(r["posts_changed"]), str(r["flagged"]), str(r["errors"]),
           _seconds(r["seconds"]), str(len(r["checks"]))) for r in reports),
         title=f"{len(reports)} runs, newest first")


@runs_app.command("show")
def runs_show(
    run_id: Annotated[int, typer.Argument(help="Run id (see patrol runs list).")],
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """One run: each source's pages, posts, flagged, errors by kind, bytes and seconds."""
    from patrol.operations.checks import failed_line
    from storage import runs

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as s:
        found = runs.one(s, run_id)
        if found is None:
            raise UserError(f"no run {run_id}")
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return
    out.print(f"run {found['id']} ({found['kind']}) on {found['host']}: {found['status']}, "
              f"started {found['started_at'][:19]} UTC, {_seconds(found['seconds'])} s",
              markup=False)
    show(found, False, ("source", "status", "pages", "seen", "new", "changed", "flagged",
                        "errors by kind", "bytes", "seconds"),
         ((src["source"], src["status"], str(src["pages"]), str(src["posts_seen"]),
           str(src["posts_new"]), str(src["posts_changed"]), str(src["flagged"]),
           _errors(src["errors_by_kind"]), f"{src['bytes']:,}", _seconds(src["seconds"]))
          for src in found["sources"]))
    for check in found["checks"]:
        out.print(failed_line(check), markup=False)


@retention_app.command("purge")
def retention_purge(
    days: Annotated[int | None, typer.Option(
        min=0, help="Purge raw pages of posts judged benign more than this many days ago "
                    f"[{env_and_default('retention_days')}].")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would go.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Empty the raw pages whose every post was judged benign long enough ago. Post texts,
    decisions and hashes are kept; the purge is written to the audit log."""
    from patrol.console import cli_actor
    from patrol.operations.retention import purge_benign

    with user_errors():
        config = resolve_config(database_url=database)
        days = config.retention_days if days is None else days
        with open_session(config.database_url) as s:
            done = purge_benign(s, days, cli_actor(), dry_run)
            s.commit()
    verb = "would purge" if dry_run else "purged"
    out.print(f"{verb} {done.pages} raw pages and {done.images} images ({done.bytes:,} bytes) "
              f"of posts judged benign more than {days} days ago", markup=False)


def db_maintain(database: DatabaseOpt = None) -> None:
    """Reclaim space and refresh the planner's statistics (VACUUM and ANALYZE), and delete
    expired sign-in sessions."""
    from storage.db import maintain

    with user_errors():
        report = maintain(resolve_config(database_url=database).database_url)
    out.print(report, markup=False)

"""`patrol serve` and `patrol users`: the review app and who may use it."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from patrol.console import (
    DatabaseOpt,
    JsonOpt,
    UserError,
    open_session,
    out,
    resolve_config,
    user_errors,
)

users_app = typer.Typer(help="Users of the review app: add, list, disable, set-role.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(users_app, name="users")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Mark cookies Secure (when served over HTTPS).")] = False,
    claim_minutes: Annotated[int, typer.Option(min=1, help="How long a claim lasts.")] = 30,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Worker processes (about one per core); sessions, claims and "
                            "CSRF tokens live in the database, so any worker serves anyone.")
    ] = 1,
    database: DatabaseOpt = None,
) -> None:
    """Serve the review web app."""
    with user_errors():
        run_app(database, host, port, secure_cookies, claim_minutes, workers)


def run_app(database: str | None, host: str, port: int, secure_cookies: bool = False,
            claim_minutes: int = 30, workers: int = 1) -> None:
    import os

    import uvicorn

    from review import served
    from storage.db import open_database

    url = resolve_config(database_url=database).database_url
    open_database(url).dispose()  # migrated, or refused with its reason, before any worker
    os.environ.update(served.settings_env(url, secure_cookies, claim_minutes))
    out.print(f"review app on http://{host}:{port}/ ({workers} worker"
              f"{'s' if workers > 1 else ''}; Ctrl+C stops it)", markup=False)
    if workers == 1:
        uvicorn.run(served.app_from_env(), host=host, port=port, log_level="warning")
    else:
        uvicorn.run("review.served:app_from_env", factory=True, workers=workers, host=host,
                    port=port, log_level="warning")


def _password(confirm: bool = True) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[str, typer.Option(help="reviewer, analyst or admin.")] = "reviewer",
    database: DatabaseOpt = None,
) -> None:
    """Add a user. NAME: 1 to 40 letters, digits, dots, underscores or dashes, starting with a
    letter or digit. The password is read from a prompt, or from stdin when piped; never argv."""
    from storage import users

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as session:
        try:
            users.add_user(session, name, role, _password(), actor="cli")
        except users.UserError as exc:
            raise UserError(str(exc)) from None
        session.commit()
    out.print(f"added {name} ({role})", markup=False)


@users_app.command("list")
def users_list(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """List users with their roles."""
    from storage import users

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as session:
        people = [{"name": u.name, "role": u.role, "active": u.active,
                   "created": u.created_at.isoformat()} for u in users.list_users(session)]
    if as_json:
        out.print_json(data=people)
        return
    table = Table(title="Users")
    for column in ("name", "role", "active", "created"):
        table.add_column(column)
    for p in people:
        table.add_row(p["name"], p["role"], "yes" if p["active"] else "no", p["created"][:16])
    out.print(table, markup=False)


def _change(database: str | None, change) -> None:
    from storage import users

    with user_errors(), open_session(resolve_config(database_url=database).database_url) as session:
        try:
            change(users, session)
        except users.UserError as exc:
            raise UserError(str(exc)) from None
        session.commit()


@users_app.command("disable")
def users_disable(name: str, database: DatabaseOpt = None) -> None:
    """Disable a user and sign them out everywhere."""
    _change(database, lambda users, s: users.set_active(s, name, False, actor="cli"))
    out.print(f"disabled {name}", markup=False)


@users_app.command("enable")
def users_enable(name: str, database: DatabaseOpt = None) -> None:
    """Enable a disabled user again."""
    _change(database, lambda users, s: users.set_active(s, name, True, actor="cli"))
    out.print(f"enabled {name}", markup=False)


@users_app.command("set-role")
def users_set_role(name: str, role: str, database: DatabaseOpt = None) -> None:
    """Change a user's role (reviewer, analyst or admin)."""
    _change(database, lambda users, s: users.set_role(s, name, role, actor="cli"))
    out.print(f"{name} is now {role}", markup=False)

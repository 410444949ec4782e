"""What every `patrol` command shares: the consoles, option types and the one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from patrol.config import Config, ConfigError, load_config
from settings_table import env_and_default

out = Console(soft_wrap=True)
err = Console(stderr=True)

DatabaseOpt = Annotated[str | None, typer.Option(
    "--database", help=f"Database URL [{env_and_default('database_url')}]")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", help=f"Model to score with [{env_and_default('model')}]")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def cli_actor() -> str:
    """Who the audit log says made a change from the command line."""
    import getpass

    return f"cli:{getpass.getuser()}"


class UserError(Exception):
    """Raised inside commands for problems the user can fix."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Show errors a user can cause as one line and exit 2, without a traceback."""
    from classifier import ScorerError
    from crawler.sources import SourcesError
    from storage.db import DatabaseError

    try:
        yield
    except (UserError, ConfigError, SourcesError, DatabaseError, ScorerError) as exc:
        err.print(f"[bold red]Error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def resolve_config(**flags: str | None) -> Config:
    return load_config(**flags)


def open_session(database_url: str):
    """A session on the database at `database_url`, migrated or refused as `open_database`
    decides; the caller closes it (use it in a `with`)."""
    from storage.db import open_database, session_factory

    return session_factory(open_database(database_url))()


def show(data: object, as_json: bool, columns: Sequence[str],
         rows: Iterable[Sequence[str]], title: str | None = None) -> None:
    """`data` as JSON for scripts, or `rows` as a table for people. Cells are printed as they
    are: post texts and handles are hostile, so no Rich markup in them is obeyed."""
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    out.print(table, markup=False)

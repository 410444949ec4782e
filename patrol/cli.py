"""`patrol`: the command line of cyber-patrol. Each command parses options, calls one function
of the service layer (patrol/queue, cases, retraining, operations), crawler/ or classifier/, and
prints; errors a user can cause are shown as one line without a traceback. The crawl, import,
classify, queue and demo commands are here; the others are in patrol/commands/."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from patrol.commands import analysts, models, operations, recruiters, referrals, review
from patrol.config import Config
from patrol.console import (
    DatabaseOpt,
    JsonOpt,
    ModelOpt,
    UserError,
    err,
    open_session,
    out,
    resolve_config,
    user_errors,
)
from settings_table import env_and_default

if TYPE_CHECKING:
    from patrol.operations.lifecycle import RunLifecycle

app = typer.Typer(help="Find illegal recruitment of migrant workers online: crawl, score, review.",
                  no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")

def _open(config: Config):
    from storage.db import open_database

    return open_database(config.database_url)


# --- crawl and import --------------------------------------------------------------------


def _summary_table(summaries: list) -> Table:
    table = Table(title="Crawl summary")
    for column in ("source", "pages", "seen", "new", "changed", "flagged", "errors", "seconds"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for s in summaries:
        style = "red" if s.failed else None
        table.add_row(s.source, str(s.pages), str(s.posts_seen), str(s.posts_new),
                      str(s.posts_changed), str(s.flagged), str(s.errors),
                      "-" if s.seconds is None else f"{s.seconds:.1f}",
                      style=style)
    return table


ALREADY_RUNNING = 3  # exit status of a crawl or import that found another one running
LOCK_LOST = 4  # ...that lost its lock to another mid-run and stopped taking new pages


def _say(line: str) -> None:
    err.print(line, markup=False, highlight=False)


@contextmanager
def one_run(config: Config, kind: str) -> Iterator[RunLifecycle]:
    """The run lifecycle (patrol.operations.lifecycle) around the block, or exit
    ALREADY_RUNNING when another run holds the database's crawl lock."""
    from patrol.operations.lifecycle import RunLifecycle
    from storage.locks import AlreadyRunning

    lifecycle = RunLifecycle(config, kind, say=_say)
    try:
        with lifecycle.running():
            yield lifecycle
    except AlreadyRunning as exc:
        err.print(f"[bold yellow]Not started:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(ALREADY_RUNNING) from None


def stop_if_lock_lost(run: RunLifecycle) -> None:
    """Exit LOCK_LOST when the run lost its lock to another run and stopped early."""
    if run.stopped:
        raise typer.Exit(LOCK_LOST)


def check_redis(url: str) -> None:
    """Fail before crawling, with the reason, when the frontier's Redis cannot be reached."""
    from urllib.parse import urlsplit

    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        parts = urlsplit(url)  # named without its password
        where = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        raise UserError(f"cannot reach the frontier's Redis at {where}: {exc}") from None


def crawl_sources(sources: list, config: Config, as_json: bool,
                  frontier_run: str | None = None) -> list:
    """Crawl as one run, showing live progress on stderr, and print the per-source summary."""
    from crawler.run import crawl_settings, run_crawl
    from patrol.operations.checks import FRONTIER

    with one_run(config, FRONTIER if config.frontier else "crawl") as run:
        settings = crawl_settings(config.database_url, config.model, {
            "PATROL_RUN_ID": run.run_id, "PATROL_FRONTIER": config.frontier,
            "PATROL_FRONTIER_RUN": frontier_run, "PATROL_FRONTIER_IDLE": config.frontier_idle,
            "PATROL_SCORE_PROCESSES": config.score_processes, "PATROL_OCR": config.ocr})
        with Live(_summary_table([]), console=err, transient=True) as live:
            summaries = run_crawl(sources, settings, watch=run.watch,
                                  on_progress=lambda s: live.update(_summary_table(s)))
    _print_summaries(summaries, as_json)
    stop_if_lock_lost(run)
    return summaries


def _print_summaries(summaries: list, as_json: bool) -> None:
    if as_json:
        out.print_json(data=[s.to_dict() for s in summaries])
        return
    out.print(_summary_table(summaries))
    for s in summaries:
        if s.failed:
            kinds = ", ".join(f"{kind} {n}" for kind, n in s.errors_by_kind.items())
            out.print(f"[red]source {s.source} failed: nothing could be fetched "
                      f"({kinds}; see the errors above)[/]")


@app.command()
def crawl(
    sources_file: Annotated[str | None, typer.Option(
        "--sources", help=f"Sources file [{env_and_default('sources')}]")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="Crawl only this source (repeatable).")] = None,
    frontier: Annotated[str | None, typer.Option(
        "--frontier", help="Redis URL: crawl as one of several workers sharing one queue "
        "[env PATROL_FRONTIER]")] = None,
    frontier_run: Annotated[str | None, typer.Option(
        "--frontier-run", help="Name the workers of one crawl share [default: today's UTC "
        "date]")] = None,
    database: DatabaseOpt = None, model: ModelOpt = None, as_json: JsonOpt = False,
) -> None:
    """Crawl the sources into the database, score new posts, queue likely illegal ones.

    Exits 0 when every source ran, 1 when any source failed outright, 2 on a usage or
    configuration error, 3 when another crawl or import is already running on the database,
    4 when the crawl lost its lock to another mid-run and stopped early."""
    from crawler.sources import load_sources, select_sources

    with user_errors():
        config = resolve_config(database_url=database, model=model, sources=sources_file,
                                frontier=frontier)
        chosen = select_sources(load_sources(config.sources), source or [])
        if config.frontier:
            check_redis(config.frontier)
        summaries = crawl_sources(chosen, config, as_json, frontier_run)
    if any(s.failed for s in summaries):
        raise typer.Exit(1)


@app.command()
def recheck(
    decided_days: Annotated[int | None, typer.Option(
        "--decided-days", min=1, help="Also every post judged illegal in the last N days.")]
    = None,
    database: DatabaseOpt = None, model: ModelOpt = None, as_json: JsonOpt = False,
) -> None:
    """Look again at the posts of open referrals: still online, changed (stored as a new
    version), or gone (404/410, or no longer on its page). Each look is kept with its page.

    Exits as `patrol crawl` does."""
    from crawler.run import crawl_settings, run_crawl
    from patrol.cases import rechecks, referrals, takedowns
    from patrol.operations.checks import RECHECK

    with user_errors():
        config = resolve_config(database_url=database, model=model)
        with open_session(config.database_url) as session:
            planned = rechecks.plan(session, decided_days, referrals.open_post_ids(session))
        for line in planned.skipped:
            _say(f"skipped: {line}")
        with one_run(config, RECHECK) as run:
            summaries = run_crawl(planned.sources, crawl_settings(
                config.database_url, config.model, {
                    "PATROL_RUN_ID": run.run_id,
                    "PATROL_SCORE_PROCESSES": config.score_processes}),
                watch=run.watch, recheck=planned.targets) if planned.count else []
        with open_session(config.database_url) as session:
            seen = takedowns.counts(session, run.run_id)
    if as_json:
        out.print_json(data={"run": run.run_id, "posts": planned.count, **seen,
                             "skipped": planned.skipped})
    else:
        out.print(f"{planned.count} posts looked at again: "
                  + ", ".join(f"{n} {outcome}" for outcome, n in seen.items()), markup=False)
    stop_if_lock_lost(run)
    if any(s.failed for s in summaries):
        raise typer.Exit(1)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV or JSONL with a 'text' field per record.")],
    database: DatabaseOpt = None, model: ModelOpt = None, as_json: JsonOpt = False,
) -> None:
    """Import posts collected by hand through the crawl pipeline (score, store, queue).

    Bad lines are reported with their line number; good lines are imported."""
    from crawler.run import crawl_settings, run_import

    with user_errors():
        if not file.is_file():
            raise UserError(f"{file}: no such file")
        config = resolve_config(database_url=database, model=model)
        with one_run(config, "import") as run:
            _record_import(config, file, run.run_id)
            # Scored in this process: a scoring process costs more to start (its own imports
            # and model load) than it saves on a file of hand-collected posts.
            summary = run_import(file, crawl_settings(config.database_url, config.model, {
                "PATROL_RUN_ID": run.run_id, "PATROL_SCORE_PROCESSES": 0}), watch=run.watch)
    if as_json:
        out.print_json(data=summary.to_dict())
    else:
        for line, reason in summary.bad_lines:
            err.print(f"{file}:{line}: {reason}", markup=False, highlight=False)
        out.print(f"{file}: {summary.posts_seen} posts read, {summary.posts_new} new, "
                  f"{summary.posts_changed} changed, {summary.flagged} queued for review, "
                  f"{len(summary.bad_lines)} bad lines skipped", markup=False)
    stop_if_lock_lost(run)
    if summary.bad_lines:
        raise typer.Exit(1)


def _record_import(config: Config, file: Path, run_id: int) -> None:
    """Who imports which file, in the audit log: the review app shows it with the posts."""
    from patrol.console import cli_actor
    from storage import imports

    with open_session(config.database_url) as session:
        imports.record(session, cli_actor(), file.name, run_id)
        session.commit()


# --- classify ------------------------------------------------------------------------------


def _input_texts(path: str) -> Iterator[tuple[int, str | None, str | None]]:
    """(line, text, error) per non-blank line of a JSONL file ('-' is stdin)."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"not valid JSON: {exc}"
                continue
            text = record.get("text") if isinstance(record, dict) else record
            if not isinstance(text, str):
                yield number, None, "expected a JSON string or an object with a 'text' string"
            else:
                yield number, text, None


def _show_result(text: str, result) -> None:
    colour = "red" if result.label == "illegal" else "green"
    out.print(f"[bold {colour}]{result.label}[/]  score {result.score:.2f} "
              f"(threshold {result.threshold}, model {result.model}), scope {result.scope}")
    for flag in result.flags:
        out.print(f"  flag    {flag.code:<28} {flag.text!r} [{flag.start}:{flag.end}]",
                  markup=False, highlight=False)
    for entity in result.entities:
        out.print(f"  entity  {entity.kind:<28} {entity.value} [{entity.start}:{entity.end}]",
                  markup=False, highlight=False)


@app.command()
def classify(
    text: Annotated[str | None, typer.Argument(help="Text to score.")] = None,
    input_file: Annotated[str | None, typer.Option(
        "--input", help="JSONL file ('-' for stdin): one JSON object with 'text' per line.")
    ] = None,
    model: ModelOpt = None, as_json: JsonOpt = False,
) -> None:
    """Score text without storing it. With --input: JSONL in, JSONL out, one result per line,
    in order; a bad line gives {"line": N, "error": ...} in its place and exit status 1."""
    from classifier import load_scorer

    with user_errors():
        if (text is None) == (input_file is None):
            raise UserError("give either TEXT or --input FILE")
        if input_file and input_file != "-" and not Path(input_file).is_file():
            raise UserError(f"{input_file}: no such file")
        scorer = load_scorer(resolve_config(model=model).model)
    if text is not None:
        result = scorer.score([text])[0]
        if as_json:
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            _show_result(text, result)
        return
    bad = False
    for number, line_text, error in _input_texts(input_file):
        if error:
            bad = True
            print(json.dumps({"line": number, "error": error}, ensure_ascii=False))
        else:
            print(json.dumps(scorer.score([line_text])[0].to_dict(), ensure_ascii=False))
    if bad:
        raise typer.Exit(1)


# --- queue -------------------------------------------------------------------------------


def _preview(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def queue_table(entries: list) -> Table:
    table = Table(title="Review queue (highest risk first; near-duplicates folded into one)")
    for column in ("id", "score", "scope", "source", "flags", "similar", "text"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(str(e.id), f"{e.score:.2f}", e.scope or "", e.source or e.platform,
                      ", ".join(e.flags), f"+{e.similar}" if e.similar else "",
                      _preview(e.text))
    return table


@app.command()
def queue(
    status: Annotated[str, typer.Option(
        help="open, claimed, decided, escalated, dismissed, or all.")] = "open",
    limit: Annotated[int, typer.Option(min=1, help="How many items at most.")] = 20,
    every: Annotated[bool, typer.Option(
        "--every", help="Every item, instead of one per near-duplicate group.")] = False,
    scope: Annotated[str | None, typer.Option(
        help="migrant (work abroad) or domestic (trafficking inside Indonesia).")] = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """List review items, highest risk first."""
    from patrol.queue.listing import QueueFilter, list_queue
    from patrol.queue.states import STATUSES, QueueError
    from storage.db import session_factory

    with user_errors():
        if status != "all" and status not in STATUSES:
            raise UserError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}, all")
        try:
            where = QueueFilter(status=None if status == "all" else status, scope=scope)
        except QueueError as exc:
            raise UserError(str(exc)) from exc
        engine = _open(resolve_config(database_url=database))
        with session_factory(engine)() as session:
            entries = list_queue(session, limit=limit, where=where, grouped=not every)
    if as_json:
        out.print_json(data=[e.to_dict() for e in entries])
    elif not entries:
        out.print(f"No {'' if status == 'all' else status + ' '}review items.")
    else:
        # Post text is hostile: no Rich markup may be interpreted inside it.
        out.print(queue_table(entries), markup=False)


# --- db ------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(database: DatabaseOpt = None) -> None:
    """Apply pending schema migrations."""
    from storage.db import make_engine, upgrade

    with user_errors():
        config = resolve_config(database_url=database)
        from sqlalchemy.exc import OperationalError

        try:
            before, after = upgrade(make_engine(config.database_url))
        except OperationalError as exc:
            from storage.db import DatabaseError

            raise DatabaseError(f"cannot upgrade the database: {exc.orig}") from None
    out.print(f"database schema: {before or 'empty'} -> {after}")


# --- demo ----------------------------------------------------------------------------------


@app.command()
def demo(
    serve: Annotated[bool, typer.Option(
        "--serve/--no-serve", help="Serve the review app after the summary.")] = True,
    site_port: Annotated[int, typer.Option(
        help="Port for the bundled demo site (0: any free port).")] = 8471,
    database: Annotated[str, typer.Option(
        "--database", help="Database for the demo (recreated each run).")
    ] = "sqlite:///var/demo.db",
    port: Annotated[int, typer.Option(help="Port for the review app.")] = 8000,
) -> None:
    """Serve the bundled demo site, crawl it, score, queue, show the top of the queue, then
    serve the review app with a demo reviewer account."""
    from crawler.demo_site.server import demo_sources, serve_site
    from patrol.queue.listing import list_queue
    from storage.db import session_factory

    with user_errors():
        _reset_sqlite(database)
        config = resolve_config(database_url=database)
        with serve_site(port=site_port) as site:
            out.print(f"Demo site serving on {site.url}", markup=False)
            crawl_sources(demo_sources(site.url), config, as_json=False)
        engine = _open(config)
        with session_factory(engine)() as session:
            entries = list_queue(session, "open", 10)
    out.print(queue_table(entries), markup=False)
    out.print(f"Database: {database}  (try: patrol queue --database {database})", markup=False)
    if serve:
        _demo_accounts(engine)
        out.print(f"Review app: http://127.0.0.1:{port}/  sign in as {DEMO_REVIEWER[0]} / "
                  f"{DEMO_REVIEWER[1]} (reviewer) or {DEMO_ADMIN[0]} / {DEMO_ADMIN[1]} (admin). "
                  "Demo accounts only: never use these passwords elsewhere.", markup=False)
        review.run_app(database, "127.0.0.1", port)


DEMO_REVIEWER = ("demo", "demo-peninjau")
DEMO_ADMIN = ("demo-admin", "demo-admin-123")


def _demo_accounts(engine) -> None:
    from storage import users
    from storage.db import session_factory

    with session_factory(engine)() as session:
        for (name, password), role in ((DEMO_REVIEWER, "reviewer"), (DEMO_ADMIN, "admin")):
            users.add_user(session, name, role, password, actor="demo")
        session.commit()


def _reset_sqlite(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise UserError("the demo recreates its database, so it must be a SQLite file URL")
    for suffix in ("", "-wal", "-shm"):
        Path(parsed.database + suffix).unlink(missing_ok=True)


models.register(app)  # train, evaluate, rescore, models: the analyst's commands
review.register(app)  # serve, users: the review app
analysts.register(app)  # decisions, report drift: the analyst's data
recruiters.register(app)  # recruiters: posts linked by shared identifiers
referrals.register(app)  # referrals, partners, agencies: after the decision
operations.register(app, db_app)  # runs, retention, db maintain: the operator's


if __name__ == "__main__":
    app()

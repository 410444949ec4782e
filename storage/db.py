"""Engine and session set-up, and schema migrations.

SQLite under ./var/ is the default and needs nothing installed; PostgreSQL is reached through
PATROL_DATABASE_URL. An empty database is migrated on first use; a database whose schema is
behind the code is refused with the command that fixes it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from package_files import real_dir
from settings_table import default
from storage.locks import taking_turns

DEFAULT_URL = default("database_url")
_MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(real_dir(_MIGRATIONS)))
    return config


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets its directory created and sane pragmas."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # noqa: ANN001 - DBAPI callback
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception as exc:  # a missing driver, a bad option: report, not trace back
        raise DatabaseError(f"cannot use database {_safe(url)}: {exc}") from None


@functools.cache
def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Apply pending migrations up to `target`; returns (revision before, revision after)."""
    before = current_revision(engine)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return before, current_revision(engine)


def open_database(url: str | None = None) -> Engine:
    """Connect, migrate an empty database, and refuse one whose schema is behind."""
    url = url or DEFAULT_URL
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"cannot connect to the database at {_safe(url)}: {reason}. "
            "Check PATROL_DATABASE_URL and that the server is running.") from None
    if revision is None:
        with taking_turns(url, "migrate"):
            if current_revision(engine) is None:  # not done by whoever went first
                upgrade(engine)
    elif revision != head_revision():
        raise DatabaseError(
            f"the database at {_safe(url)} has schema {revision}, this version needs "
            f"{head_revision()}: run `patrol db upgrade` first.")
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def maintain(url: str) -> str:
    """Delete expired sign-in sessions, then VACUUM and ANALYZE; returns what was done."""
    from sqlalchemy import delete

    from storage.models import WebSession, utcnow

    engine = open_database(url)
    try:
        with session_factory(engine)() as session:
            expired = session.execute(delete(WebSession).where(
                WebSession.expires_at < utcnow())).rowcount
            session.commit()
        # VACUUM cannot run inside a transaction on either database.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if engine.dialect.name == "sqlite":
                before = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
                conn.exec_driver_sql("VACUUM")
                conn.exec_driver_sql("ANALYZE")
                after = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
                size = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
                space = f"{before * size:,} -> {after * size:,} bytes"
            else:
                conn.exec_driver_sql("VACUUM (ANALYZE)")
                space = "vacuumed and analysed"
    finally:
        engine.dispose()
    return f"{expired} expired sign-in sessions deleted; database {space}"

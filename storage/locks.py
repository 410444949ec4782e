"""One writer at a time: the lock that keeps two crawls (or a crawl and an import) from running
against the same database at once.

On PostgreSQL it is a session advisory lock, keyed by the database and schema and held on a
connection of its own, so it disappears with the process however that ends. On SQLite it is an
exclusive `flock` on a file next to the database, which the kernel also releases when the
process dies; the file names who holds it, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

CRAWL = "cyber-patrol:crawl"


class AlreadyRunning(Exception):
    """Another process holds the lock; the message says what is known about it."""


@contextmanager
def crawl_lock(database_url: str, what: str = "crawl", shared: bool = False) -> Iterator[None]:
    """Refuse to start while another crawl or import runs. Workers of one shared-frontier crawl
    hold it `shared`: they run together, and keep a plain crawl or an import out meanwhile."""
    with _lock(database_url, CRAWL, what, shared=shared, wait=False):
        yield


@contextmanager
def taking_turns(database_url: str, purpose: str) -> Iterator[None]:
    """Wait until no other process is doing `purpose` ("link", "migrate") on the same database:
    two linking at once would sign the same versions, two migrating would both create tables.
    Scrapyd jobs and frontier workers start and end at about the same time."""
    with _lock(database_url, f"cyber-patrol:{purpose}", purpose, shared=False, wait=True):
        yield


@contextmanager
def _lock(database_url: str, name: str, what: str, shared: bool, wait: bool) -> Iterator[None]:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        with _advisory_lock(database_url, name, shared, wait):
            yield
    elif url.database and url.database != ":memory:":
        suffix = "lock" if name == CRAWL else name.rsplit(":", 1)[1] + ".lock"
        with _file_lock(Path(f"{url.database}.{suffix}"), what, shared, wait):
            yield
    else:
        yield  # an in-memory database belongs to one process anyway


@contextmanager
def _advisory_lock(database_url: str, name: str, shared: bool, wait: bool) -> Iterator[None]:
    mode = "_shared" if shared else ""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            where = connection.execute(text(
                "SELECT current_database() || '.' || current_schema()")).scalar_one()
            key = int.from_bytes(hashlib.sha256(f"{name}:{where}".encode()).digest()[:8],
                                 "big", signed=True)
            if wait:
                connection.execute(text(f"SELECT pg_advisory_lock{mode}(:key)"), {"key": key})
            elif not connection.execute(text(f"SELECT pg_try_advisory_lock{mode}(:key)"),
                                        {"key": key}).scalar_one():
                connection.rollback()
                raise AlreadyRunning(f"another patrol crawl or import is running against "
                                     f"{where} (PostgreSQL advisory lock held)")
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text(f"SELECT pg_advisory_unlock{mode}(:key)"), {"key": key})
                connection.commit()
    finally:
        engine.dispose()


@contextmanager
def _file_lock(path: Path, what: str, shared: bool, wait: bool) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
                        | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            raise AlreadyRunning(f"another patrol crawl or import is running against this "
                                 f"database ({_holder(handle.read())}; lock file {path})"
                                 ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "what": what,
                                 "since": datetime.now(UTC).isoformat(timespec="seconds")}))
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


def _holder(recorded: str) -> str:
    try:
        holder = json.loads(recorded)
        return f"{holder['what']} by process {holder['pid']} since {holder['since']}"
    except (ValueError, KeyError, TypeError):
        return "holder unknown"

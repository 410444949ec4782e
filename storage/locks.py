"""One writer at a time: the lock that keeps two crawls (or a crawl and an import) from running
against the same database at once.

On PostgreSQL it is a session advisory lock, keyed by the database and schema and held on a
connection of its own, so it disappears with the process however that ends. That connection
can also end while the process lives on (the server restarts, an administrator terminates
it): `HeldLock.held` notices, and `HeldLock.retake` tries again. On SQLite it is an exclusive
`flock` on a file next to the database, which the kernel releases only when the process dies;
the file names who holds it, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

CRAWL = "cyber-patrol:crawl"


class AlreadyRunning(Exception):
    """Another process holds the lock; the message says what is known about it."""


class HeldLock:
    """A lock taken by `take_lock`: `held()` says whether it is still ours, `retake()` tries to
    take it again once it was lost, `release()` lets it go and never fails. As a context
    manager it is released at the end of the block."""

    def held(self) -> bool:
        return True  # a file lock or none at all: nothing can take it from a live process

    def retake(self) -> None:
        """Take the lock again; AlreadyRunning if another process took it meanwhile."""

    def release(self) -> None:
        pass

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


def take_lock(database_url: str, what: str = "crawl", shared: bool = False) -> HeldLock:
    """The crawl lock, held until `release()`: refuses (AlreadyRunning) while another crawl or
    import runs. Workers of one shared-frontier crawl and Scrapy jobs hold it `shared`: they
    run together, and keep a plain crawl or an import out meanwhile."""
    return _take(database_url, CRAWL, what, shared=shared, wait=False)


def taking_turns(database_url: str, purpose: str) -> HeldLock:
    """Wait until no other process is doing `purpose` ("link", "migrate") on the same database,
    then hold that until released (`with taking_turns(...):`): two linking at once would sign
    the same versions, two migrating would both create tables. Scrapyd jobs and frontier
    workers start and end at about the same time."""
    return _take(database_url, f"cyber-patrol:{purpose}", purpose, shared=False, wait=True)


def lock_key(name: str, where: str) -> int:
    """The advisory lock key of lock `name` on `where` ("database.schema")."""
    return int.from_bytes(hashlib.sha256(f"{name}:{where}".encode()).digest()[:8], "big",
                          signed=True)


def _take(database_url: str, name: str, what: str, shared: bool, wait: bool) -> HeldLock:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        lock: HeldLock = _AdvisoryLock(database_url, name, shared)
    elif url.database and url.database != ":memory:":
        suffix = "lock" if name == CRAWL else name.rsplit(":", 1)[1] + ".lock"
        lock = _FileLock(Path(f"{url.database}.{suffix}"), what, shared)
    else:
        return HeldLock()  # an in-memory database belongs to one process anyway
    lock.take(wait)
    return lock


class _AdvisoryLock(HeldLock):
    def __init__(self, database_url: str, name: str, shared: bool) -> None:
        self.engine = create_engine(database_url, poolclass=NullPool)
        self.name = name
        self.mode = "_shared" if shared else ""
        self.connection: Connection | None = None
        self.key = 0

    def take(self, wait: bool) -> None:
        connection = self.engine.connect()
        try:
            where = connection.execute(text(
                "SELECT current_database() || '.' || current_schema()")).scalar_one()
            self.key = lock_key(self.name, where)
            if wait:
                connection.execute(text(f"SELECT pg_advisory_lock{self.mode}(:key)"),
                                   {"key": self.key})
            elif not connection.execute(text(f"SELECT pg_try_advisory_lock{self.mode}(:key)"),
                                        {"key": self.key}).scalar_one():
                raise AlreadyRunning(f"another patrol crawl or import is running against "
                                     f"{where} (PostgreSQL advisory lock held)")
            connection.commit()
        except BaseException:
            connection.close()
            self.engine.dispose()
            raise
        self.connection = connection

    def held(self) -> bool:
        # A session's advisory locks end only with an unlock or with the session itself.
        if self.connection is None:
            return False
        try:
            self.connection.execute(text("SELECT 1"))
            self.connection.commit()
            return True
        except DBAPIError:
            self._forget()
            return False

    def retake(self) -> None:
        self._forget()
        self.take(wait=False)

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.execute(text(f"SELECT pg_advisory_unlock{self.mode}(:key)"),
                                        {"key": self.key})
                self.connection.commit()
            except DBAPIError:
                pass  # the connection is gone, and the lock went with it
            self._forget()
        self.engine.dispose()

    def _forget(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except DBAPIError:
                pass  # already closed by the server
            self.connection = None


class _FileLock(HeldLock):
    def __init__(self, path: Path, what: str, shared: bool) -> None:
        self.path = path
        self.what = what
        self.shared = shared
        self.handle: IO[str] | None = None

    def take(self, wait: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX)
                        | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = _holder(handle.read())
            handle.close()
            raise AlreadyRunning(f"another patrol crawl or import is running against this "
                                 f"database ({holder}; lock file {self.path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "what": self.what,
                                 "since": datetime.now(UTC).isoformat(timespec="seconds")}))
        handle.flush()
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()  # closing releases the lock
            self.handle = None


def _holder(recorded: str) -> str:
    try:
        holder = json.loads(recorded)
        return f"{holder['what']} by process {holder['pid']} since {holder['since']}"
    except (ValueError, KeyError, TypeError):
        return "holder unknown"

"""One run, however it was started: `patrol crawl`, `patrol import`, a Scrapyd job, `scrapy
crawl` or a frontier worker. Each goes through the same steps, in this order:

    lock -> open run -> crawl or import (the spiders store) -> link (and raise returning
    recruiters) -> close -> checks -> notify

The run owns the crawl lock from start to end. On PostgreSQL the lock lives on a database
connection of its own, which the server can end while the crawl goes on; `watch()`, called
while the spiders run, notices that, takes the lock again if nobody else did, and otherwise
tells the spiders to stop taking new pages. Either way the run's report says so (`lock_lost`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from patrol.cases import returning
from patrol.cases.linking import link_new
from patrol.config import Config
from patrol.operations.checks import FRONTIER, Failed, check_run, failed_line
from patrol.operations.notify import notify
from storage import runs
from storage.db import open_database, session_factory
from storage.locks import AlreadyRunning, HeldLock, take_lock

LOCK_LOST = "lock_lost"  # the check in the report, and the reason the spiders stop with
# Runs that hold the lock together, each crawling a share of the night (frontier workers, one
# Scrapy job per source); they keep plain crawls and imports out.
SHARED_KINDS = (FRONTIER, "scrapy")
logger = logging.getLogger("patrol.run")
checks_logger = logging.getLogger("patrol.checks")


class RunLifecycle:
    """A run of `kind` ("crawl", "import", "scrapy", "frontier") on `config`'s database.
    `say` shows the operator a line (the CLI's stderr); every such line is logged as well."""

    def __init__(self, config: Config, kind: str,
                 say: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.kind = kind
        self.say = say or (lambda line: None)
        self.run_id: int | None = None
        self.engine: Engine | None = None
        self.lock: HeldLock | None = None
        self.lock_lost: list[Failed] = []
        self.stopped = False  # the lock was lost to another process: no new pages
        self.report: dict | None = None

    @contextmanager
    def running(self) -> Iterator[RunLifecycle]:
        """`begin()`, the block, then `end()`. A block that fails leaves the run "running"
        (the next run marks it interrupted) and releases the lock."""
        self.begin()
        try:
            yield self
        except BaseException:
            self.release()
            raise
        self.end()

    def begin(self) -> int:
        """Take the lock (AlreadyRunning when another run holds it) and open the run."""
        # Opening first turns an unreachable or outdated database into its one-line message.
        self.engine = open_database(self.config.database_url)
        try:
            self.lock = take_lock(self.config.database_url,
                                  "import" if self.kind == "import" else "crawl",
                                  shared=self.kind in SHARED_KINDS)
            with session_factory(self.engine)() as session:
                self.run_id = runs.open_run(session, self.kind).id
                session.commit()
        except BaseException:
            self.release()
            raise
        return self.run_id

    def watch(self) -> str | None:
        """Whether the crawl may go on: None, or LOCK_LOST once the lock is lost for good.
        Cheap (one round trip); call it every second or so while the spiders run."""
        if not self.stopped and not self._keep_lock("the run stopped taking new pages"):
            self.stopped = True
        return LOCK_LOST if self.stopped else None

    def _keep_lock(self, otherwise: str) -> bool:
        """Whether the run still holds its lock, taken again if it was lost and is free; a
        loss is reported, ending with `otherwise` when the lock could not be taken again."""
        if self.lock is None or self.lock.held():
            return True
        when = f"{datetime.now(UTC):%H:%M:%S} UTC"
        try:
            self.lock.retake()
        except (AlreadyRunning, DBAPIError) as exc:
            self._lost(f"the crawl lock's database connection ended at {when} and the lock "
                       f"could not be taken again ({_first_line(exc)}); {otherwise}")
            return False
        self._lost(f"the crawl lock's database connection ended at {when}; the lock was "
                   "taken again and the run went on")
        return True

    def _lost(self, message: str) -> None:
        logger.warning("run %s: %s", self.run_id, message)
        self.lock_lost.append(Failed(LOCK_LOST, "", message))

    def end(self) -> dict:
        """Link the new posts, close the run with its checks, tell the operator what failed,
        release the lock; returns the run's report (storage.runs.report)."""
        try:
            if not self.stopped:  # a lock lost after the crawl is reported too
                self._keep_lock("the crawl had ended; its posts were linked and checked")
            link_new(self.config.database_url, self.config.group_threshold)
            with session_factory(self.engine)() as session:
                returning.mark(session)  # new posts of recruiters referred and acted on
                failed = [*self.lock_lost, *check_run(session, self.run_id)]
                runs.close_run(session, self.run_id, [f.to_dict() for f in failed])
                session.commit()
                self.report = runs.one(session, self.run_id)
            for check in self.report["checks"]:  # cron mails what a run prints on stderr
                checks_logger.warning("run %d: %s", self.run_id, failed_line(check))
                self.say(failed_line(check))
            for problem in notify(self.config, self.report):  # which logged it
                self.say(problem)
        finally:
            self.release()
        return self.report

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self.engine is not None:
            self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

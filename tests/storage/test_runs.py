"""A run still marked running is marked interrupted by the next one only when it was really
cut off: shared-frontier workers and Scrapyd jobs run side by side."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select

from storage.models import Run, utcnow
from storage.posts import ensure_source
from storage.runs import open_run, open_source_run


def _running(session, host: str, pid: int, hours_ago: float = 0) -> int:
    run = open_run(session, "frontier")
    run.host, run.pid = host, pid
    run.started_at = utcnow() - timedelta(hours=hours_ago)
    source = ensure_source(session, f"src-{run.id}", "html", "https://src.test/")
    open_source_run(session, source.id, run.id)
    session.commit()
    return run.id


def test_only_runs_whose_process_is_gone_are_marked_interrupted(session):
    here = socket.gethostname()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead = _running(session, here, int(finished.stdout))  # that process has exited
    alive = _running(session, here, os.getpid())  # this test's own process
    elsewhere = _running(session, "worker-2.internal", 4242, hours_ago=2)
    lost = _running(session, "worker-3.internal", 4242, hours_ago=30)
    open_run(session, "crawl")
    session.commit()
    status = dict(session.execute(select(Run.id, Run.status)).all())
    assert [status[dead], status[alive], status[elsewhere], status[lost]] == [
        "interrupted", "running", "running", "interrupted"]
    parts = {r.id: [c.status for c in r.sources] for r in session.scalars(select(Run))}
    assert parts[dead] == ["interrupted"] and parts[alive] == ["running"]

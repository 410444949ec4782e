"""Shared fixtures: databases (SQLite and PostgreSQL), local sites, and the CLI in a subprocess."""

from __future__ import annotations

import functools
import inspect
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from classifier.corpus import CORPUS
from storage.db import open_database, session_factory

# What `make check` leaves out (marked "slow"): modules that crawl, run the CLI or a server in
# subprocesses, drive a browser, start Scrapyd, or train models say so with `pytestmark`, and
# any test that runs the CLI is marked here. `make test` runs everything.


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if _runs_the_cli(getattr(item, "function", None)):
            item.add_marker(pytest.mark.slow)


@functools.cache
def _runs_the_cli(function) -> bool:
    """A test that calls `run_patrol` starts the CLI in a subprocess: a second or more each."""
    try:
        return "run_patrol(" in inspect.getsource(function)
    except (OSError, TypeError):
        return False


PG_ADMIN_URL = os.environ.get("PATROL_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_available() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL)
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no server to test against
        return str(exc).splitlines()[0]


_PG_PROBLEM = _postgres_available()


def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    if _PG_PROBLEM:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL not reachable: {_PG_PROBLEM}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind; tests using it run once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'patrol.db'}"
    else:
        yield from postgres_schema_url()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema, for what only makes sense there (several crawler machines)."""
    yield from postgres_schema_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'patrol.db'}"


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    engine = open_database(db_url)
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def run_patrol(*args: str, cwd: Path, db: str | None = None, stdin: str | None = None,
               env: dict[str, str] | None = None, timeout: float = 120,
               ) -> subprocess.CompletedProcess:
    """Run the real `patrol` CLI in a subprocess, in `cwd`."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    # Crawls score in their own process unless a test asks for scoring processes: each one
    # costs seconds of start-up, and the tests that run crawls number in the dozens. The demo
    # test and the Scrapyd test crawl with the default, one scoring process.
    full_env["PATROL_SCORE_PROCESSES"] = "0"
    full_env.update(env or {})
    full_env["COLUMNS"] = "200"
    if db:
        full_env["PATROL_DATABASE_URL"] = db
    return subprocess.run([sys.executable, "-m", "patrol.cli", *args], cwd=cwd, env=full_env,
                          input=stdin, capture_output=True, text=True, timeout=timeout)


def crawl_json(result: subprocess.CompletedProcess) -> dict[str, dict]:
    """Per-source summaries of `patrol crawl --json`, by source name."""
    assert result.stdout.strip(), f"no output; stderr:\n{result.stderr}"
    return {s["source"]: s for s in json.loads(result.stdout)}


def write_sources(path: Path, sources: list[dict]) -> Path:
    lines = []
    for source in sources:
        lines.append("[[source]]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in source.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """A quarter of the corpus's families, each still whole in its split: trains in seconds."""
    records = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line]
    keep = set(sorted({r["group"] for r in records})[::4])
    path = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                            for r in records if r["group"] in keep), encoding="utf-8")
    return path

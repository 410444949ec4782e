"""The review app as uvicorn's worker processes build it: `patrol serve --workers N` starts N
processes, each importing this factory, so what `patrol serve` was told travels in the
environment (PATROL_SERVE_*). Nothing a request relies on lives in one process only: sessions,
CSRF tokens, claims and the failed-login counts are in the database; what a process keeps for
itself (the filter menus, the dashboard's figures) is a cache, never the truth.
"""

from __future__ import annotations

import os
from datetime import timedelta

from fastapi import FastAPI

from review.app import Settings, create_app
from storage.db import open_database

DATABASE = "PATROL_SERVE_DATABASE_URL"
SECURE = "PATROL_SERVE_SECURE_COOKIES"
CLAIM_MINUTES = "PATROL_SERVE_CLAIM_MINUTES"


def settings_env(database_url: str, secure_cookies: bool, claim_minutes: int) -> dict[str, str]:
    """What the worker processes read, for `patrol serve` to put in the environment."""
    return {DATABASE: database_url, SECURE: "1" if secure_cookies else "",
            CLAIM_MINUTES: str(claim_minutes)}


def app_from_env() -> FastAPI:
    """One worker's app (uvicorn calls it in each worker process)."""
    return create_app(open_database(os.environ[DATABASE]), Settings(
        secure_cookies=os.environ.get(SECURE) == "1",
        claim_lifetime=timedelta(minutes=int(os.environ.get(CLAIM_MINUTES, "30")))))

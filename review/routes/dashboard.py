"""The dashboard: the figures every reviewer sees."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from review.routes.common import DB, Reviewer, page

DASHBOARD_SECONDS = 30  # how long one app keeps the figures (`app.state.figures`)

router = APIRouter()


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    return page(request, "dashboard.html", who, stats=request.app.state.figures.get(session),
                kept_seconds=DASHBOARD_SECONDS)

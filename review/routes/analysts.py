"""The analysts' pages: the decisions export, models (promote, roll back), live quality and the
run reports."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from classifier import ScorerError
from patrol.retraining import promotion
from review import analyst_views, exports, labels
from review.routes.common import DB, Analyst, Choice, Csrf, check_csrf, page
from storage import audit, runs

router = APIRouter()


@router.get("/export/decisions.{fmt}")
def export_decisions(fmt: str, session: DB, who: Analyst) -> Response:
    if fmt not in ("csv", "json"):
        raise HTTPException(404)
    rows = exports.decision_rows(session)
    audit.record(session, who.user.name, "export", f"decisions.{fmt}", rows=len(rows))
    session.commit()
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M}"
    if fmt == "csv":
        body, media = exports.to_csv(rows), "text/csv; charset=utf-8"
    else:
        body, media = json.dumps(rows, ensure_ascii=False, indent=1), "application/json"
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="keputusan-{stamp}.{fmt}"'})


# --- models and live quality ---------------------------------------------------------------

@router.get("/models", response_class=HTMLResponse)
def models_page(request: Request, who: Analyst) -> HTMLResponse:
    return page(request, "models.html", who, **analyst_views.models_overview())


@router.get("/models/{version}", response_class=HTMLResponse)
def model_page(request: Request, version: str, session: DB, who: Analyst) -> HTMLResponse:
    try:
        view = analyst_views.model_view(session, version)
    except ScorerError as exc:
        raise HTTPException(404, str(exc)) from None
    return page(request, "model.html", who, **view)


@router.post("/models/{version}/promote")
def promote_model(version: str, session: DB, who: Analyst, csrf: Csrf,
                  force: Choice = "",
                  reason: Annotated[str, Form(max_length=2000)] = "") -> Response:
    check_csrf(who, csrf)
    try:
        promotion.promote(session, version, who.user.name, force == "1",
                              reason.strip() or None)
    except promotion.PromotionRefused as exc:
        raise HTTPException(409, _refusal(exc)) from None
    return RedirectResponse("/models?msg=promoted", status_code=303)


@router.post("/models/rollback")
def rollback_model(session: DB, who: Analyst, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    try:
        promotion.rollback(session, who.user.name)
    except promotion.PromotionRefused as exc:
        raise HTTPException(409, _refusal(exc)) from None
    return RedirectResponse("/models?msg=rolled_back", status_code=303)


@router.get("/analysis", response_class=HTMLResponse)
def analysis_page(request: Request, session: DB, who: Analyst) -> HTMLResponse:
    return page(request, "analysis.html", who, **analyst_views.live_view(session))


# --- run reports ---------------------------------------------------------------------------

@router.get("/runs", response_class=HTMLResponse)
def runs_page(request: Request, session: DB, who: Analyst) -> HTMLResponse:
    return page(request, "runs.html", who, runs=runs.recent(session, limit=60))


@router.get("/runs/{run_id:id}", response_class=HTMLResponse)
def run_page(request: Request, run_id: int, session: DB, who: Analyst) -> HTMLResponse:
    found = runs.one(session, run_id)
    if found is None:
        raise HTTPException(404)
    return page(request, "run.html", who, run=found)


def _refusal(exc: promotion.PromotionRefused) -> str:
    return labels.REFUSALS.get(exc.kind, str(exc)).format(detail=exc.detail)

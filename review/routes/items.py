"""One review item: its page, its stored evidence, claiming, releasing, deciding, its packet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from patrol.cases import agencies, referrals
from patrol.queue import claims, decisions, items, states
from review import decision_form, display, drafts, headers
from review.routes.common import (
    DB,
    Choice,
    Config,
    Csrf,
    Reviewer,
    act,
    check_csrf,
    packet,
    page,
)
from storage.models import utcnow
from storage.posts import evidence_body

MAX_EVIDENCE = 5 * 1024 * 1024

router = APIRouter()


@router.get("/items/{item_id:id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: int, session: DB, who: Reviewer) -> HTMLResponse:
    view = _view(session, item_id)
    score = view.score
    flags = score.flags if score else []
    evidence = view.version.evidence
    raw = _evidence_text(evidence) if evidence and not evidence.purged_at else None
    mine = (view.item.status == "claimed" and view.item.claimed_by == who.user.id
            and view.item.claim_expires_at > utcnow())
    draft = drafts.read(request.query_params.multi_items())
    found = agencies.lookup(session, score.entities if score else [])
    unlisted = any(a.unlisted for a in found)
    return page(request, "item.html", who, view=view, draft=draft, agencies=found,
                referrals=referrals.of_item(session, view.item.id),
                draft_query=draft.query() if draft else "",
                pieces=display.highlight(view.version.text, flags),
                flags=flags, entities=score.entities if score else [],
                evidence=evidence, raw=raw,
                mine=mine, claimable=not mine and claims.claim_refusal(
                    view.item, who.user, utcnow()) is None,
                reasons=decision_form.reason_choices(flags, draft, unlisted),
                verdicts=states.VERDICTS)


@router.get("/items/{item_id:id}/evidence")
def item_evidence(item_id: int, session: DB, who: Reviewer) -> Response:
    evidence = _view(session, item_id).version.evidence
    if evidence is None or evidence.purged_at is not None:
        raise HTTPException(404)
    return PlainTextResponse(_evidence_text(evidence), headers={
        "Content-Security-Policy": headers.EVIDENCE_CSP,
        "Content-Disposition": "inline; filename=evidence.txt"})


@router.post("/items/{item_id:id}/claim")
def claim_item(request: Request, item_id: int, session: DB, settings: Config, who: Reviewer,
               csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    act(lambda: claims.claim(session, item_id, who.user, settings.claim_lifetime))
    draft = drafts.read(request.query_params.multi_items())  # a choice made before
    return RedirectResponse(f"/items/{item_id}" + (draft.query() if draft else ""),
                            status_code=303)


@router.post("/items/{item_id:id}/release")
def release_item(item_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    act(lambda: claims.release(session, item_id, who.user))
    return RedirectResponse("/?msg=released", status_code=303)


@router.post("/items/{item_id:id}/decision")
def decide(item_id: int, session: DB, who: Reviewer, csrf: Csrf,
           verdict: Choice,
           reasons: Annotated[list[str], Depends(drafts.form_reasons)],
           note: Annotated[str, Form(max_length=5000)] = "",
           whole_group: Choice = "") -> Response:
    check_csrf(who, csrf)
    act(lambda: decisions.decide(session, item_id, who.user, verdict, reasons, note,
                             whole_group=whole_group == "1"))
    return RedirectResponse("/?msg=decided", status_code=303)


@router.post("/items/{item_id:id}/evidence-packet")
def item_packet(item_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    return packet(session, "post", _view(session, item_id).post.id, who)


def _view(session: Session, item_id: int) -> items.ItemView:
    try:
        return items.item_view(session, item_id)
    except states.QueueError:
        raise HTTPException(404) from None


def _evidence_text(evidence) -> str:
    return evidence_body(evidence, MAX_EVIDENCE).decode("utf-8", errors="replace")

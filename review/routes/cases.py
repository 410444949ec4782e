"""Groups of near-duplicate posts and recruiters: their pages and a recruiter's evidence."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from patrol.cases import groups, recruiters
from review import network
from review.routes.common import DB, Csrf, Reviewer, check_csrf, packet, page

router = APIRouter()


@router.get("/groups/{group_id:id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: int, session: DB,
               who: Reviewer) -> HTMLResponse:
    members = groups.overview(session, group_id)
    if not members:
        raise HTTPException(404)
    return page(request, "group.html", who, group_id=group_id, members=members)


@router.get("/recruiters", response_class=HTMLResponse)
def recruiters_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    return page(request, "recruiters.html", who,
                recruiters=recruiters.listing(session, limit=200))


@router.get("/recruiters/{recruiter_id:id}", response_class=HTMLResponse)
def recruiter_page(request: Request, recruiter_id: int, session: DB,
                   who: Reviewer) -> HTMLResponse:
    profile = recruiters.profile(session, recruiter_id)
    if profile is None:
        raise HTTPException(404)
    drawing = network.layout(profile.identifiers, [p["post_id"] for p in profile.posts],
                             profile.links)
    return page(request, "recruiter.html", who, profile=profile, network=drawing,
                asked=recruiter_id)


@router.post("/recruiters/{recruiter_id:id}/evidence")
def recruiter_packet(recruiter_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    return packet(session, "recruiter", recruiter_id, who)

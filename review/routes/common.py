"""What every page of the review app shares: the database session, the signed-in user with the
role a page needs (`Reviewer`, `Analyst`, `Admin`), the CSRF check, the page rendering and the
refusals of storage functions as HTTP answers.

Every page needs a signed-in user of a role; every POST carries the session's CSRF token (form
field `csrf_token`); every action that changes something is written to the audit log by the
storage function that does it. One app's own things are on `request.app.state` (see
`review.app.create_app`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from patrol.cases import agencies, referrals
from patrol.queue import claims, states
from review import (
    labels,
    packets,
    paths,  # noqa: F401 (registers the {name:id} path convertor every router's ids use)
)
from storage import users

COOKIE = "patrol_session"


@dataclass(frozen=True)
class Settings:
    secure_cookies: bool = False
    claim_lifetime: timedelta = claims.DEFAULT_CLAIM
    session_lifetime: timedelta = timedelta(hours=12)


class LoginRequired(Exception):
    pass


def db(request: Request) -> Iterator[Session]:
    with request.app.state.make_session() as session:
        yield session


DB = Annotated[Session, Depends(db)]


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


Config = Annotated[Settings, Depends(app_settings)]


def need(role: str):
    def signed_in(request: Request, session: DB) -> users.SignedIn:
        who = users.signed_in(session, request.cookies.get(COOKIE))
        if who is None:
            raise LoginRequired()
        if not users.role_at_least(who.user.role, role):
            raise HTTPException(403, "Halaman ini bukan untuk peran anda.")
        return who
    return signed_in


def visitor(request: Request) -> users.SignedIn | None:
    """The signed-in user, or None, for pages that need no role (the error pages)."""
    with request.app.state.make_session() as session:
        return users.signed_in(session, request.cookies.get(COOKIE))


Reviewer = Annotated[users.SignedIn, Depends(need("reviewer"))]
Analyst = Annotated[users.SignedIn, Depends(need("analyst"))]
Admin = Annotated[users.SignedIn, Depends(need("admin"))]
Csrf = Annotated[str, Form(alias="csrf_token", max_length=100)]
Name = Annotated[str, Form(max_length=100)]
Password = Annotated[str, Form(max_length=1000)]
Choice = Annotated[str, Form(max_length=20)]  # a verdict, role or "1"


def check_csrf(who: users.SignedIn, token: str) -> None:
    require_token(token, who.csrf_token)


def require_token(given: str, expected: str) -> None:
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "Token formulir tidak sah. Muat ulang halaman lalu coba lagi.")


def page(request: Request, template: str, who: users.SignedIn | None, status: int = 200,
         **context) -> HTMLResponse:
    message = labels.MESSAGES.get(request.query_params.get("msg", ""))
    return request.app.state.templates.TemplateResponse(request, template, {
        "me": who.user if who else None, "csrf": who.csrf_token if who else "",
        "message": message, **context}, status_code=status)


def act(action):
    try:
        return action()
    except states.QueueError as exc:
        raise HTTPException(409, str(exc)) from None
    except users.UserError as exc:
        raise HTTPException(409, labels.USER_REFUSALS[exc.kind]) from None
    except referrals.ReferralError as exc:
        raise HTTPException(404 if exc.missing else 409, str(exc)) from None
    except agencies.RegisterError as exc:
        raise HTTPException(409, str(exc)) from None


def packet(session: Session, subject: str, subject_id: int, who: users.SignedIn) -> Response:
    try:
        made = packets.export(session, subject, subject_id, who.user.name)
    except packets.PacketError:
        raise HTTPException(404) from None
    body = made.zip_bytes()
    session.commit()  # the export is in the audit log before anyone receives it
    return Response(body, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{made.name}.zip"'})

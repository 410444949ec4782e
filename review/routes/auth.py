"""Signing in and out."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review import drafts
from review.routes.common import (
    COOKIE,
    DB,
    Config,
    Csrf,
    Name,
    Password,
    Reviewer,
    check_csrf,
    page,
    require_token,
)
from storage import audit, users

LOGIN_COOKIE = "patrol_login_csrf"

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, settings: Config,
               next: str = "/") -> HTMLResponse:  # noqa: A002
    token = secrets.token_urlsafe(32)
    response = page(request, "login.html", None, login_csrf=token, next=_local(next))
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, max_age=3600)
    return response


@router.post("/login")
def login(request: Request, session: DB, settings: Config, name: Name, password: Password,
          csrf: Csrf,
          next: Annotated[str, Form(max_length=drafts.MAX_ADDRESS)] = "/",  # noqa: A002
          ) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    require_token(csrf, expected)
    error = None
    try:
        user = users.authenticate(session, name.strip(), password,
                                  address=request.client.host if request.client else None)
        if user is None:
            error = "Nama atau kata sandi salah."
    except users.LoginLocked as locked:
        user, error = None, (f"Terlalu banyak percobaan gagal. Coba lagi setelah "
                             f"{locked.until:%H:%M} UTC.")
    if user is None:
        session.commit()  # the failed attempt is recorded: it counts towards the lock
        return page(request, "login.html", None, status=401, error=error,
                    login_csrf=expected, next=_local(next), name=name)
    token, _ = users.open_session(session, user, settings.session_lifetime)
    session.commit()
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax",
                        secure=settings.secure_cookies,
                        max_age=int(settings.session_lifetime.total_seconds()))
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, session: DB, who: Reviewer, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    users.close_session(session, request.cookies.get(COOKIE, ""))
    audit.record(session, who.user.name, "logout", who.user.name)
    session.commit()
    response = RedirectResponse("/login?msg=logged_out", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _local(target: str) -> str:
    # Only paths on this site: "//evil.example" and "https://..." would leave it.
    return target if target.startswith("/") and not target.startswith("//") else "/"

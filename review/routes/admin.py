"""The admins' pages: the audit log and the users of the app."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review import filters
from review.routes.common import DB, Admin, Choice, Csrf, Name, Password, act, check_csrf, page
from storage import audit, users

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, session: DB, who: Admin) -> HTMLResponse:
    try:
        number = filters.page_number(request.query_params.get("page"))
    except filters.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    action = request.query_params.get("action") or None
    entries = audit.entries(session, limit=100, offset=(number - 1) * 100, action=action)
    return page(request, "audit.html", who, entries=entries, page=number, action=action)


# --- users ---------------------------------------------------------------------------------
# A name is a whole path, so a name made before names were restricted ("ops/night") still
# reaches its user.

@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, session: DB, who: Admin) -> HTMLResponse:
    return page(request, "users.html", who, people=users.list_users(session),
                roles=users.ROLES)


@router.post("/users")
def add_user(session: DB, who: Admin, csrf: Csrf, name: Name, role: Choice,
             password: Password) -> Response:
    check_csrf(who, csrf)
    act(lambda: users.add_user(session, name, role, password, actor=who.user.name))
    session.commit()
    return RedirectResponse("/users?msg=user_added", status_code=303)


@router.post("/users/{name:path}/role")
def change_role(name: str, session: DB, who: Admin, csrf: Csrf, role: Choice) -> Response:
    check_csrf(who, csrf)
    act(lambda: users.set_role(session, name, role, actor=who.user.name))
    session.commit()
    return RedirectResponse("/users?msg=user_changed", status_code=303)


@router.post("/users/{name:path}/active")
def change_active(name: str, session: DB, who: Admin, csrf: Csrf,
                  active: Choice) -> Response:
    check_csrf(who, csrf)
    if name == who.user.name:
        raise HTTPException(400, "Anda tidak bisa menonaktifkan akun sendiri.")
    act(lambda: users.set_active(session, name, active == "1", actor=who.user.name))
    session.commit()
    return RedirectResponse("/users?msg=user_changed", status_code=303)

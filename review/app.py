"""The review web app: FastAPI routes over the storage functions, Jinja2 pages in Bahasa Indonesia.

Every page needs a signed-in user of a role (`need(role)`); every POST carries the session's
CSRF token (form field `csrf_token`); every action that changes something is written to the
audit log by the storage function that does it.
"""

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from classifier import ScorerError
from review import (
    analysis,
    dashboard,
    decision_form,
    display,
    drafts,
    errors,
    exports,
    filters,
    headers,
    labels,
    network,
    packets,
    paths,  # noqa: F401 (registers the {name:id} path convertor)
)
from review.head_requests import HeadAsGet
from review.kept import Kept
from review.page_templates import page_templates
from review.request_limits import BodyLimit
from storage import audit, groups, model_changes, queue, recruiters, runs, users
from storage.db import session_factory
from storage.models import utcnow
from storage.posts import evidence_body

HERE = Path(__file__).parent
COOKIE = "patrol_session"
LOGIN_COOKIE = "patrol_login_csrf"
PAGE_SIZE = 25
MAX_EVIDENCE = 5 * 1024 * 1024
FACET_SECONDS = 60
DASHBOARD_SECONDS = 30
COUNT_UP_TO = 1000  # the queue page counts matches up to this many, then says "more than"


@dataclass(frozen=True)
class Settings:
    secure_cookies: bool = False
    claim_lifetime: timedelta = queue.DEFAULT_CLAIM
    session_lifetime: timedelta = timedelta(hours=12)


class LoginRequired(Exception):
    pass


def create_app(engine: Engine, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    make_session = session_factory(engine)
    app = FastAPI(title="cyber-patrol review", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = page_templates(HERE / "templates")

    filter_menus = Kept(FACET_SECONDS, queue.facets)
    figures = Kept(DASHBOARD_SECONDS, dashboard.collect)

    def db() -> Iterator[Session]:
        with make_session() as session:
            yield session

    DB = Annotated[Session, Depends(db)]

    def need(role: str):
        def signed_in(request: Request, session: DB) -> users.SignedIn:
            who = users.signed_in(session, request.cookies.get(COOKIE))
            if who is None:
                raise LoginRequired()
            if not users.role_at_least(who.user.role, role):
                raise HTTPException(403, "Halaman ini bukan untuk peran anda.")
            return who
        return signed_in

    Reviewer = Annotated[users.SignedIn, Depends(need("reviewer"))]
    Analyst = Annotated[users.SignedIn, Depends(need("analyst"))]
    Admin = Annotated[users.SignedIn, Depends(need("admin"))]
    Csrf = Annotated[str, Form(alias="csrf_token", max_length=100)]
    Name = Annotated[str, Form(max_length=100)]
    Password = Annotated[str, Form(max_length=1000)]
    Choice = Annotated[str, Form(max_length=20)]  # a verdict, role or "1"

    def check_csrf(who: users.SignedIn, token: str) -> None:
        _require_token(token, who.csrf_token)

    def page(request: Request, template: str, who: users.SignedIn | None, status: int = 200,
             **context) -> HTMLResponse:
        message = labels.MESSAGES.get(request.query_params.get("msg", ""))
        return templates.TemplateResponse(request, template, {
            "me": who.user if who else None, "csrf": who.csrf_token if who else "",
            "message": message, **context}, status_code=status)

    app.add_middleware(BodyLimit)
    app.add_middleware(HeadAsGet)

    @app.middleware("http")  # added after the body limit, so it wraps that refusal too
    async def security_headers(request: Request, call_next):
        return headers.secure(await call_next(request), request.url.path)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired):
        if request.method == "POST":  # the form, parsed before the sign-in check, is cached
            target = drafts.return_address(request.url.path,
                                           (await request.form()).multi_items())
        else:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    def visitor(request: Request) -> users.SignedIn | None:
        with make_session() as session:
            return users.signed_in(session, request.cookies.get(COOKIE))

    errors.register(app, lambda request, who, status, detail: page(
        request, "error.html", who, status=status, detail=detail), visitor)

    # --- sign in and out ----------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002
        token = secrets.token_urlsafe(32)
        response = page(request, "login.html", None, login_csrf=token, next=_local(next))
        response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict",
                            secure=settings.secure_cookies, max_age=3600)
        return response

    @app.post("/login")
    def login(request: Request, session: DB, name: Name, password: Password, csrf: Csrf,
              next: Annotated[str, Form(max_length=drafts.MAX_ADDRESS)] = "/",  # noqa: A002
              ) -> Response:
        expected = request.cookies.get(LOGIN_COOKIE, "")
        _require_token(csrf, expected)
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

    @app.post("/logout")
    def logout(request: Request, session: DB, who: Reviewer, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        users.close_session(session, request.cookies.get(COOKIE, ""))
        audit.record(session, who.user.name, "logout", who.user.name)
        session.commit()
        response = RedirectResponse("/login?msg=logged_out", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    # --- queue --------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def queue_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
        args = request.query_params
        try:
            where, number = filters.queue_filter(args), filters.page_number(args.get("page"))
        except filters.FilterError as exc:
            raise HTTPException(400, str(exc)) from None
        grouped = args.get("view") != "all"
        # One entry more than a page tells whether there is a next page, counted or not.
        found = queue.queue_page(session, where, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE,
                                 grouped, up_to=COUNT_UP_TO)
        entries, total, more = found.entries, found.total, found.more
        oldest = queue.oldest_unreviewed(session)
        kept = {k: v for k, v in args.items() if k not in ("page", "msg") and v}
        return page(request, "queue.html", who, entries=entries[:PAGE_SIZE], total=total,
                    page=number, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                    more=more, up_to=COUNT_UP_TO, has_next=len(entries) > PAGE_SIZE,
                    counts=queue.status_counts(session), facets=filter_menus.get(session),
                    args=kept, query=lambda **extra: urlencode({**kept, **extra}),
                    oldest_age=_age(oldest), held=queue.held_by(session, who.user),
                    statuses=queue.STATUSES, noun="tawaran" if grouped else "item")

    @app.post("/claim-next")
    def claim_next(session: DB, who: Reviewer, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        item = queue.claim_next(session, who.user, settings.claim_lifetime)
        if item is None:
            return RedirectResponse("/?msg=empty", status_code=303)
        return RedirectResponse(f"/items/{item.id}", status_code=303)

    # --- one item -----------------------------------------------------------------------------

    @app.get("/items/{item_id:id}", response_class=HTMLResponse)
    def item_page(request: Request, item_id: int, session: DB, who: Reviewer) -> HTMLResponse:
        view = _view(session, item_id)
        score = view.score
        flags = score.flags if score else []
        evidence = view.version.evidence
        raw = _evidence_text(evidence) if evidence and not evidence.purged_at else None
        mine = (view.item.status == "claimed" and view.item.claimed_by == who.user.id
                and view.item.claim_expires_at > utcnow())
        draft = drafts.read(request.query_params.multi_items())
        return page(request, "item.html", who, view=view, draft=draft,
                    draft_query=draft.query() if draft else "",
                    pieces=display.highlight(view.version.text, flags),
                    flags=flags, entities=score.entities if score else [],
                    evidence=evidence, raw=raw,
                    mine=mine, claimable=not mine and queue.claim_refusal(
                        view.item, who.user, utcnow()) is None,
                    reasons=decision_form.reason_choices(flags, draft), verdicts=queue.VERDICTS)

    @app.get("/items/{item_id:id}/evidence")
    def item_evidence(item_id: int, session: DB, who: Reviewer) -> Response:
        evidence = _view(session, item_id).version.evidence
        if evidence is None or evidence.purged_at is not None:
            raise HTTPException(404)
        return PlainTextResponse(_evidence_text(evidence), headers={
            "Content-Security-Policy": headers.EVIDENCE_CSP,
            "Content-Disposition": "inline; filename=evidence.txt"})

    @app.post("/items/{item_id:id}/claim")
    def claim_item(request: Request, item_id: int, session: DB, who: Reviewer,
                   csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        _act(lambda: queue.claim(session, item_id, who.user, settings.claim_lifetime))
        draft = drafts.read(request.query_params.multi_items())  # a choice made before
        return RedirectResponse(f"/items/{item_id}" + (draft.query() if draft else ""),
                                status_code=303)

    @app.post("/items/{item_id:id}/release")
    def release_item(item_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        _act(lambda: queue.release(session, item_id, who.user))
        return RedirectResponse("/?msg=released", status_code=303)

    @app.post("/items/{item_id:id}/decision")
    def decide(item_id: int, session: DB, who: Reviewer, csrf: Csrf,
               verdict: Choice,
               reasons: Annotated[list[str], Depends(drafts.form_reasons)],
               note: Annotated[str, Form(max_length=5000)] = "",
               whole_group: Choice = "") -> Response:
        check_csrf(who, csrf)
        _act(lambda: queue.decide(session, item_id, who.user, verdict, reasons, note,
                                  whole_group=whole_group == "1"))
        return RedirectResponse("/?msg=decided", status_code=303)

    @app.post("/items/{item_id:id}/evidence-packet")
    def item_packet(item_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        return _packet(session, "post", _view(session, item_id).post.id, who)

    # --- groups and recruiters ----------------------------------------------------------------

    @app.get("/groups/{group_id:id}", response_class=HTMLResponse)
    def group_page(request: Request, group_id: int, session: DB,
                   who: Reviewer) -> HTMLResponse:
        members = groups.overview(session, group_id)
        if not members:
            raise HTTPException(404)
        return page(request, "group.html", who, group_id=group_id, members=members)

    @app.get("/recruiters", response_class=HTMLResponse)
    def recruiters_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
        return page(request, "recruiters.html", who,
                    recruiters=recruiters.listing(session, limit=200))

    @app.get("/recruiters/{recruiter_id:id}", response_class=HTMLResponse)
    def recruiter_page(request: Request, recruiter_id: int, session: DB,
                       who: Reviewer) -> HTMLResponse:
        profile = recruiters.profile(session, recruiter_id)
        if profile is None:
            raise HTTPException(404)
        drawing = network.layout(profile.identifiers, [p["post_id"] for p in profile.posts],
                                 profile.links)
        return page(request, "recruiter.html", who, profile=profile, network=drawing,
                    asked=recruiter_id)

    @app.post("/recruiters/{recruiter_id:id}/evidence")
    def recruiter_packet(recruiter_id: int, session: DB, who: Reviewer, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        return _packet(session, "recruiter", recruiter_id, who)

    # --- dashboard, audit, export -------------------------------------------------------------

    @app.get("/dashboard", response_class=HTMLResponse)
    def dashboard_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
        return page(request, "dashboard.html", who, stats=figures.get(session),
                    kept_seconds=DASHBOARD_SECONDS)

    @app.get("/audit", response_class=HTMLResponse)
    def audit_page(request: Request, session: DB, who: Admin) -> HTMLResponse:
        try:
            number = filters.page_number(request.query_params.get("page"))
        except filters.FilterError as exc:
            raise HTTPException(400, str(exc)) from None
        action = request.query_params.get("action") or None
        entries = audit.entries(session, limit=100, offset=(number - 1) * 100, action=action)
        return page(request, "audit.html", who, entries=entries, page=number, action=action)

    @app.get("/export/decisions.{fmt}")
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

    # --- models and live quality (analyst) ---------------------------------------------------

    @app.get("/models", response_class=HTMLResponse)
    def models_page(request: Request, who: Analyst) -> HTMLResponse:
        return page(request, "models.html", who, **analysis.models_overview())

    @app.get("/models/{version}", response_class=HTMLResponse)
    def model_page(request: Request, version: str, session: DB, who: Analyst) -> HTMLResponse:
        try:
            view = analysis.model_view(session, version)
        except ScorerError as exc:
            raise HTTPException(404, str(exc)) from None
        return page(request, "model.html", who, **view)

    @app.post("/models/{version}/promote")
    def promote_model(version: str, session: DB, who: Analyst, csrf: Csrf,
                      force: Choice = "",
                      reason: Annotated[str, Form(max_length=2000)] = "") -> Response:
        check_csrf(who, csrf)
        try:
            model_changes.promote(session, version, who.user.name, force == "1",
                                  reason.strip() or None)
        except model_changes.PromotionRefused as exc:
            raise HTTPException(409, _refusal(exc)) from None
        return RedirectResponse("/models?msg=promoted", status_code=303)

    @app.post("/models/rollback")
    def rollback_model(session: DB, who: Analyst, csrf: Csrf) -> Response:
        check_csrf(who, csrf)
        try:
            model_changes.rollback(session, who.user.name)
        except model_changes.PromotionRefused as exc:
            raise HTTPException(409, _refusal(exc)) from None
        return RedirectResponse("/models?msg=rolled_back", status_code=303)

    @app.get("/analysis", response_class=HTMLResponse)
    def analysis_page(request: Request, session: DB, who: Analyst) -> HTMLResponse:
        return page(request, "analysis.html", who, **analysis.live_view(session))

    # --- run reports (analyst) ------------------------------------------------------------

    @app.get("/runs", response_class=HTMLResponse)
    def runs_page(request: Request, session: DB, who: Analyst) -> HTMLResponse:
        return page(request, "runs.html", who, runs=runs.recent(session, limit=60))

    @app.get("/runs/{run_id:id}", response_class=HTMLResponse)
    def run_page(request: Request, run_id: int, session: DB, who: Analyst) -> HTMLResponse:
        found = runs.one(session, run_id)
        if found is None:
            raise HTTPException(404)
        return page(request, "run.html", who, run=found)

    # --- users (admin) ------------------------------------------------------------------------
    # A name is a whole path, so a name made before names were restricted ("ops/night") still
    # reaches its user.

    @app.get("/users", response_class=HTMLResponse)
    def users_page(request: Request, session: DB, who: Admin) -> HTMLResponse:
        return page(request, "users.html", who, people=users.list_users(session),
                    roles=users.ROLES)

    @app.post("/users")
    def add_user(session: DB, who: Admin, csrf: Csrf, name: Name, role: Choice,
                 password: Password) -> Response:
        check_csrf(who, csrf)
        _act(lambda: users.add_user(session, name, role, password, actor=who.user.name))
        session.commit()
        return RedirectResponse("/users?msg=user_added", status_code=303)

    @app.post("/users/{name:path}/role")
    def change_role(name: str, session: DB, who: Admin, csrf: Csrf, role: Choice) -> Response:
        check_csrf(who, csrf)
        _act(lambda: users.set_role(session, name, role, actor=who.user.name))
        session.commit()
        return RedirectResponse("/users?msg=user_changed", status_code=303)

    @app.post("/users/{name:path}/active")
    def change_active(name: str, session: DB, who: Admin, csrf: Csrf,
                      active: Choice) -> Response:
        check_csrf(who, csrf)
        if name == who.user.name:
            raise HTTPException(400, "Anda tidak bisa menonaktifkan akun sendiri.")
        _act(lambda: users.set_active(session, name, active == "1", actor=who.user.name))
        session.commit()
        return RedirectResponse("/users?msg=user_changed", status_code=303)

    return app


def _packet(session: Session, subject: str, subject_id: int, who: users.SignedIn) -> Response:
    try:
        packet = packets.export(session, subject, subject_id, who.user.name)
    except packets.PacketError:
        raise HTTPException(404) from None
    body = packet.zip_bytes()
    session.commit()  # the export is in the audit log before anyone receives it
    return Response(body, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{packet.name}.zip"'})


def _require_token(given: str, expected: str) -> None:
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "Token formulir tidak sah. Muat ulang halaman lalu coba lagi.")


def _act(action):
    try:
        return action()
    except queue.QueueError as exc:
        raise HTTPException(409, str(exc)) from None
    except users.UserError as exc:
        raise HTTPException(409, labels.USER_REFUSALS[exc.kind]) from None


def _refusal(exc: model_changes.PromotionRefused) -> str:
    return labels.REFUSALS.get(exc.kind, str(exc)).format(detail=exc.detail)


def _view(session: Session, item_id: int) -> queue.ItemView:
    try:
        return queue.item_view(session, item_id)
    except queue.QueueError:
        raise HTTPException(404) from None


def _evidence_text(evidence) -> str:
    return evidence_body(evidence, MAX_EVIDENCE).decode("utf-8", errors="replace")


def _local(target: str) -> str:
    # Only paths on this site: "//evil.example" and "https://..." would leave it.
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _age(since: datetime | None) -> str | None:
    if since is None:
        return None
    minutes = int((utcnow() - since).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} menit"
    if minutes < 48 * 60:
        return f"{minutes // 60} jam"
    return f"{minutes // (24 * 60)} hari"

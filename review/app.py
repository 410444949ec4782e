"""The review web app: FastAPI routes over the service layer, Jinja2 pages in Bahasa Indonesia.

`create_app` builds one app: its database, settings, templates and caches on `app.state`, the
middleware, the error pages and the routers by area from `review.routes` (sign-in, queue,
items, groups and recruiters, dashboard, analysts, admin). What the routers share (database
session, the signed-in user and the role a page needs, CSRF, page rendering) is in
`review.routes.common`.
"""

from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from patrol.queue import listing
from review import dashboard, drafts, errors, headers
from review.head_requests import HeadAsGet
from review.kept import Kept
from review.page_templates import page_templates
from review.request_limits import BodyLimit
from review.routes import ROUTERS
from review.routes import dashboard as dashboard_routes
from review.routes import queue as queue_routes
from review.routes.common import LoginRequired, Settings, page, visitor
from storage.db import session_factory

HERE = Path(__file__).parent

__all__ = ["Settings", "create_app"]


def create_app(engine: Engine, settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="cyber-patrol review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings or Settings()
    app.state.make_session = session_factory(engine)
    app.state.templates = page_templates(HERE / "templates")
    app.state.filter_menus = Kept(queue_routes.FACET_SECONDS, listing.facets)
    app.state.figures = Kept(dashboard_routes.DASHBOARD_SECONDS, dashboard.collect)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

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

    errors.register(app, lambda request, who, status, detail: page(
        request, "error.html", who, status=status, detail=detail), visitor)

    for router in ROUTERS:
        app.include_router(router)
    return app

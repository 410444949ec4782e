"""The queue: the list of items to review, filtered and paged, and taking the next one."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from patrol.queue import claims, listing, states
from review import filters
from review.routes.common import DB, Config, Csrf, Reviewer, check_csrf, page
from storage.models import utcnow

PAGE_SIZE = 25
FACET_SECONDS = 60  # how long one app keeps the filter menus (`app.state.filter_menus`)
COUNT_UP_TO = 1000  # the queue page counts matches up to this many, then says "more than"

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    args = request.query_params
    try:
        where, number = filters.queue_filter(args), filters.page_number(args.get("page"))
    except filters.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    grouped = args.get("view") != "all"
    # One entry more than a page tells whether there is a next page, counted or not.
    found = listing.queue_page(session, where, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE,
                             grouped, up_to=COUNT_UP_TO)
    entries, total, more = found.entries, found.total, found.more
    oldest = listing.oldest_unreviewed(session)
    kept = {k: v for k, v in args.items() if k not in ("page", "msg") and v}
    return page(request, "queue.html", who, entries=entries[:PAGE_SIZE], total=total,
                page=number, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                more=more, up_to=COUNT_UP_TO, has_next=len(entries) > PAGE_SIZE,
                counts=listing.status_counts(session),
                facets=request.app.state.filter_menus.get(session),
                args=kept, query=lambda **extra: urlencode({**kept, **extra}),
                oldest_age=_age(oldest), held=claims.held_by(session, who.user),
                statuses=states.STATUSES, noun="tawaran" if grouped else "item")


@router.post("/claim-next")
def claim_next(session: DB, settings: Config, who: Reviewer, csrf: Csrf) -> Response:
    check_csrf(who, csrf)
    item = claims.claim_next(session, who.user, settings.claim_lifetime)
    if item is None:
        return RedirectResponse("/?msg=empty", status_code=303)
    return RedirectResponse(f"/items/{item.id}", status_code=303)


def _age(since: datetime | None) -> str | None:
    if since is None:
        return None
    minutes = int((utcnow() - since).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} menit"
    if minutes < 48 * 60:
        return f"{minutes // 60} jam"
    return f"{minutes // (24 * 60)} hari"

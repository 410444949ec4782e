"""Referrals, the partners they go to, and the register of licensed agencies: their pages.

Reviewers propose referrals and see them; admins send them (the evidence packet is exported
and kept at that moment), record the partners' answers, keep the partners and the register.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from patrol.cases import agencies, partners, referrals
from review import filters, packets
from review.routes.common import DB, Admin, Choice, Csrf, Reviewer, act, check_csrf, page
from storage import users

router = APIRouter()

Note = Annotated[str, Form(max_length=referrals.MAX_NOTE)]
Text = Annotated[str, Form(max_length=300)]
Ids = Annotated[str, Form(max_length=2000)]  # "12, 13, 20"


# --- referrals -----------------------------------------------------------------------------


@router.get("/referrals", response_class=HTMLResponse)
def referrals_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    args = request.query_params
    try:
        number = filters.page_number(args.get("page"))
        partner = _number(args.get("partner"))
    except filters.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    status = args.get("status") or None
    if status not in (None, *referrals.STATUSES):
        raise HTTPException(400, "Status rujukan tidak dikenal.")
    chosen = referrals.Filters(partner_id=partner, status=status,
                               overdue=args.get("overdue") == "1", page=number)
    rows, total = referrals.listing(session, chosen)
    pages = max(1, -(-total // referrals.PER_PAGE))
    return page(request, "referrals.html", who, rows=rows, total=total, chosen=chosen,
                pages=pages, partners=partners.listing(session),
                statuses=referrals.STATUSES)


def _number(value: str | None) -> int | None:
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    raise filters.FilterError("Mitra tidak dikenal.")


@router.get("/referrals/new", response_class=HTMLResponse)
def new_referral_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    args = request.query_params
    subject = next((k for k in referrals.SUBJECTS if args.get(k)), "items")
    value = args.get(subject, "")
    if not all(part.strip().isdigit() for part in value.split(",") if part.strip()):
        raise HTTPException(400, "Nomor item, perekrut, atau grup harus angka.")
    return page(request, "referral_new.html", who, subject=subject, value=value,
                partners=partners.listing(session, active_only=True))


@router.post("/referrals")
def propose(session: DB, who: Reviewer, csrf: Csrf, partner: Annotated[int, Form()],
            subject: Choice, value: Ids, notes: Note = "") -> Response:
    check_csrf(who, csrf)
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if subject not in referrals.SUBJECTS or not ids or not all(i.isdigit() for i in ids):
        raise HTTPException(400, "Isi nomor item (dipisah koma), perekrut, atau grup.")
    numbers = [int(i) for i in ids]
    given = {"items": numbers} if subject == "items" else {subject: numbers[0]}
    made = act(lambda: referrals.propose(session, partner, who.user.name, notes=notes,
                                              **given))
    session.commit()
    return RedirectResponse(f"/referrals/{made.id}?msg=referral_proposed", status_code=303)


@router.get("/referrals/{referral_id:id}", response_class=HTMLResponse)
def referral_page(request: Request, referral_id: int, session: DB,
                  who: Reviewer) -> HTMLResponse:
    referral = act(lambda: referrals.get(session, referral_id))
    may_send = users.role_at_least(who.user.role, referrals.SENDER_ROLE)
    return page(request, "referral.html", who, r=referral, may_send=may_send,
                late=referrals.overdue(referral), next_statuses=[
                    s for s in referrals.NEXT[referral.status] if s != "sent"],
                default_days=referrals.DEFAULT_DEADLINE_DAYS, takedown=None)


@router.get("/referrals/{referral_id:id}/letter", response_class=HTMLResponse)
def referral_letter(referral_id: int, session: DB, who: Reviewer) -> HTMLResponse:
    referral = act(lambda: referrals.get(session, referral_id))
    return HTMLResponse(packets.letter(session, referral))


@router.get("/referrals/{referral_id:id}/packet")
def referral_packet(referral_id: int, session: DB, who: Reviewer) -> Response:
    referral = act(lambda: referrals.get(session, referral_id))
    if referral.packet_zip is None:
        raise HTTPException(404, "Rujukan ini belum dikirim, jadi belum punya paket bukti.")
    return Response(referral.packet_zip, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{referral.packet_name}.zip"'})


@router.post("/referrals/{referral_id:id}/send")
def send(referral_id: int, session: DB, who: Admin, csrf: Csrf,
         days: Annotated[int, Form(ge=1, le=365)] = referrals.DEFAULT_DEADLINE_DAYS,
         note: Note = "") -> Response:
    check_csrf(who, csrf)
    act(lambda: packets.send_referral(session, referral_id, who.user.name, who.user.role,
                                              days, note))
    session.commit()
    return RedirectResponse(f"/referrals/{referral_id}?msg=referral_sent", status_code=303)


@router.post("/referrals/{referral_id:id}/status")
def change_status(referral_id: int, session: DB, who: Admin, csrf: Csrf, status: Choice,
                  note: Note = "") -> Response:
    check_csrf(who, csrf)
    act(lambda: referrals.change(session, referral_id, status, who.user.name,
                                      who.user.role, note))
    session.commit()
    return RedirectResponse(f"/referrals/{referral_id}?msg=referral_changed", status_code=303)


@router.post("/referrals/{referral_id:id}/note")
def add_note(referral_id: int, session: DB, who: Reviewer, csrf: Csrf, note: Note) -> Response:
    check_csrf(who, csrf)
    act(lambda: referrals.add_note(session, referral_id, who.user.name, note))
    session.commit()
    return RedirectResponse(f"/referrals/{referral_id}?msg=referral_noted", status_code=303)


# --- partners ------------------------------------------------------------------------------


@router.get("/partners", response_class=HTMLResponse)
def partners_page(request: Request, session: DB, who: Admin) -> HTMLResponse:
    return page(request, "partners.html", who, people=partners.listing(session),
                kinds=partners.KINDS)


@router.post("/partners")
def add_partner(session: DB, who: Admin, csrf: Csrf, name: Text, kind: Choice,
                contact: Text = "", region: Text = "") -> Response:
    check_csrf(who, csrf)
    act(lambda: partners.add(session, name, kind, contact, region, who.user.name))
    session.commit()
    return RedirectResponse("/partners?msg=partner_saved", status_code=303)


@router.post("/partners/{partner_id:id}")
def edit_partner(partner_id: int, session: DB, who: Admin, csrf: Csrf, name: Text,
                 kind: Choice, contact: Text = "", region: Text = "",
                 active: Choice = "") -> Response:
    check_csrf(who, csrf)
    act(lambda: partners.update(session, partner_id, who.user.name, name=name, kind=kind,
                                     contact=contact, region=region, active=active == "1"))
    session.commit()
    return RedirectResponse("/partners?msg=partner_saved", status_code=303)


# --- the register of licensed agencies -----------------------------------------------------


@router.get("/agencies", response_class=HTMLResponse)
def agencies_page(request: Request, session: DB, who: Reviewer) -> HTMLResponse:
    search = request.query_params.get("q", "")[:100]
    return page(request, "agencies.html", who, entries=agencies.listing(session, search),
                search=search, report=None)


@router.post("/agencies/import", response_class=HTMLResponse)
async def import_agencies(request: Request, session: DB, who: Admin, csrf: Csrf,
                          file: Annotated[UploadFile, File()]) -> HTMLResponse:
    check_csrf(who, csrf)
    content = await file.read()
    name = (file.filename or "CSV")[:100]
    report = act(lambda: agencies.import_csv(session, content, who.user.name, name))
    session.commit()
    return page(request, "agencies.html", who, entries=agencies.listing(session), search="",
                report=report, status=200)


@router.post("/agencies")
def add_agency(session: DB, who: Admin, csrf: Csrf, name: Text, licence: Text,
               valid_until: Text) -> Response:
    check_csrf(who, csrf)
    act(lambda: agencies.save(session, who.user.name, name, licence, valid_until))
    session.commit()
    return RedirectResponse("/agencies?msg=agency_saved", status_code=303)


@router.post("/agencies/{agency_id:id}")
def edit_agency(agency_id: int, session: DB, who: Admin, csrf: Csrf, name: Text,
                licence: Text, valid_until: Text) -> Response:
    check_csrf(who, csrf)
    act(lambda: agencies.save(session, who.user.name, name, licence, valid_until,
                                   agency_id))
    session.commit()
    return RedirectResponse("/agencies?msg=agency_saved", status_code=303)

"""A decision half made when the session expired, carried through signing in again.

The decision form's fields ride in the address the sign-in page returns to
(`/items/3?verdict=benign&reasons=...`), and the item page ticks them again; so does a claim
made from that page when the claim had run out too. Nothing is stored: the reviewer checks the
choice and presses "Simpan keputusan" again. Only known verdicts and reason codes are ticked,
so a link cannot put anything else in the form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

from patrol.queue import reasons, states

REASON_FIELDS = {v: f"reasons_{v}" for v in states.VERDICTS}

# The sign-in page carries the address in a form field and the browser asks for it again: a
# note too long for that (thousands of non-Latin characters) is left out, and the page says so.
MAX_ADDRESS = 6000
_FORM_PAGE = re.compile(r"(/items/\d+|/recruiters/\d+|/users|/models)(?:/.*)?")
_DECISION = re.compile(r"/items/\d+/decision")


@dataclass(frozen=True)
class Draft:
    verdict: str | None
    reasons: tuple[str, ...]
    note: str = ""
    whole_group: bool = False
    note_left_out: bool = False

    def query(self) -> str:
        """`?...` that brings this draft back, or "" when nothing was chosen."""
        pairs = [("verdict", self.verdict or ""), *(("reasons", r) for r in self.reasons),
                 ("note", self.note), ("whole_group", "1" if self.whole_group else ""),
                 ("note_left_out", "1" if self.note_left_out else "")]
        chosen = [(key, value) for key, value in pairs if value]
        return "?" + urlencode(chosen) if chosen else ""


def read(pairs: Iterable[tuple[str, str]]) -> Draft | None:
    """The draft in these form fields or query parameters, or None when they hold none."""
    fields: dict[str, list[str]] = {}
    for key, value in pairs:
        fields.setdefault(key, []).append(value)
    if not fields.keys() & {"verdict", "reasons", "note", "note_left_out",
                             *REASON_FIELDS.values()}:
        return None
    verdict = (fields.get("verdict") or [""])[0]
    verdict = verdict if verdict in states.VERDICTS else None
    return Draft(verdict=verdict,
                 reasons=tuple(dict.fromkeys(r for r in chosen_reasons(fields, verdict)
                                             if r in reasons.ALL)),
                 note=(fields.get("note") or [""])[0],
                 whole_group=(fields.get("whole_group") or [""])[0] == "1",
                 note_left_out=(fields.get("note_left_out") or [""])[0] == "1")


def chosen_reasons(fields: dict[str, list[str]], verdict: str | None) -> list[str]:
    """The reasons given for `verdict`. The form has one list per verdict
    (`reasons_benign`, ...), and only the chosen verdict's list counts: red flags ticked for
    "Ilegal" are never sent as the reasons for "Bukan". `reasons` is for scripts and drafts."""
    return fields.get("reasons", []) + fields.get(REASON_FIELDS.get(verdict, ""), [])


async def form_reasons(request: Request) -> list[str]:
    """The decision form's reasons for its verdict (a FastAPI dependency)."""
    form = await request.form()  # parsed once: the route's other fields come from the same
    fields = {key: form.getlist(key) for key in ("reasons", *REASON_FIELDS.values())}
    return chosen_reasons(fields, form.get("verdict"))


def return_address(path: str, form: Iterable[tuple[str, str]]) -> str:
    """Where someone whose session expired while posting `form` to `path` goes after signing in
    again: the page the form was on (a form's own address only answers a POST), with a
    decision's choice still in it."""
    found = _FORM_PAGE.fullmatch(path)
    page = found.group(1) if found else "/"
    draft = read(form) if _DECISION.fullmatch(path) else None
    address = page + (draft.query() if draft else "")
    if len(address) > MAX_ADDRESS:
        address = page + Draft(draft.verdict, draft.reasons, whole_group=draft.whole_group,
                               note_left_out=True).query()
    return address

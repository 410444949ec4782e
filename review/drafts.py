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

from storage import queue

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
    if not fields.keys() & {"verdict", "reasons", "note", "note_left_out"}:
        return None
    verdict = (fields.get("verdict") or [""])[0]
    return Draft(verdict=verdict if verdict in queue.VERDICTS else None,
                 reasons=tuple(dict.fromkeys(r for r in fields.get("reasons", [])
                                             if r in queue.REASON_CODES)),
                 note=(fields.get("note") or [""])[0],
                 whole_group=(fields.get("whole_group") or [""])[0] == "1",
                 note_left_out=(fields.get("note_left_out") or [""])[0] == "1")


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

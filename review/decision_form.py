"""The decision form's reasons: one list per verdict, ticked ones first.

Red flags the model found are ticked in advance for "Ilegal" only; a company the post names that
is not in the register of licensed agencies adds that reason to "Ilegal" and "Ragu-ragu",
ticked for "Ilegal" like a red flag (never to "Bukan": a listed name is no proof either way,
see patrol/cases/agencies.py); a draft brought back after
an expired session ticks what the reviewer had chosen. Ticked reasons lead their list, so none
hides below the fold of a long list.
"""

from __future__ import annotations

from dataclasses import dataclass

from patrol.queue import reasons
from review import labels
from review.drafts import Draft


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    ticked: bool


def reason_choices(found: list[dict], draft: Draft | None,
                   unlisted_agency: bool = False) -> dict[str, list[Choice]]:
    """For each verdict, its reasons in the order the form lists them."""
    agency = labels.AGENCY_REASON_LABELS if unlisted_agency else {}
    offered = {
        "illegal": {**agency, **labels.FLAG_LABELS},
        "benign": labels.BENIGN_REASON_LABELS,
        "unsure": {**labels.UNSURE_REASON_LABELS, **agency, **labels.FLAG_LABELS},
    }
    choices = {}
    for verdict, names in offered.items():
        ticked = _ticked(verdict, found, draft)
        if unlisted_agency and verdict == "illegal" and draft is None:
            ticked.add(reasons.UNLISTED_AGENCY)
        listed = [Choice(code, label, code in ticked) for code, label in names.items()]
        choices[verdict] = sorted(listed, key=lambda c: not c.ticked)  # stable: order kept
    return choices


def _ticked(verdict: str, found: list[dict], draft: Draft | None) -> set[str]:
    if draft is not None:
        return set(draft.reasons) if draft.verdict in (verdict, None) else set()
    return {f["code"] for f in found} if verdict == "illegal" else set()

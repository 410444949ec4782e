"""What a decision may give as its reasons, per verdict.

"Ilegal" is explained by red flags; "Bukan" (benign) by what the post is instead, named as the
labelled corpus names its hard negatives (`category`: warning, news, licensed_ad, ...), so a
benign decision says which kind of hard negative it is and can be trained and evaluated like
one; "Ragu-ragu" (unsure) by what the admin should look at, or by the red flags that worry the
reviewer. "other" is allowed with every verdict, explained in a note. "unlisted_agency" (the
post names as its agency a company missing from the register of licensed agencies,
patrol/cases/agencies.py) may explain "Ilegal" or "Ragu-ragu", never "Bukan"; the form offers
it only when the lookup found such a name. A red flag is never a reason for a benign verdict:
those codes reach the CSV, the training labels and the evidence packets for the police, where
a benign post "with" visa fraud would read as an accusation.
"""

from __future__ import annotations

from classifier.flags import FLAG_CODES

OTHER = "other"
UNLISTED_AGENCY = "unlisted_agency"
BENIGN = ("warning", "news", "licensed_ad", "domestic_job", "question", "story", "travel_ad",
          "service_ad", "unrelated")
UNSURE = ("needs_context", "check_agency", "mixed_message", "unclear_language")
BY_VERDICT: dict[str, frozenset[str]] = {
    "illegal": frozenset(FLAG_CODES) | {OTHER, UNLISTED_AGENCY},
    "benign": frozenset(BENIGN) | {OTHER},
    "unsure": frozenset(UNSURE) | frozenset(FLAG_CODES) | {OTHER, UNLISTED_AGENCY},
}
ALL = frozenset().union(*BY_VERDICT.values())


def refusal(verdict: str, reasons: list[str], note: str | None) -> str | None:
    """Why these reasons cannot explain `verdict` (in Indonesian, shown to the reviewer), or
    None when they can."""
    if not reasons:
        return "pilih minimal satu alasan"
    if not ALL.issuperset(reasons):
        return "alasan tidak dikenal; pilih dari daftar alasan"
    if not BY_VERDICT[verdict].issuperset(reasons):
        return ("tanda bahaya tidak bisa menjadi alasan putusan \"Bukan\"; pilih alasan dari "
                "daftar untuk putusan itu")
    if OTHER in reasons and not note:
        return "alasan \"lainnya\" perlu catatan"
    return None

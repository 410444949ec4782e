"""Identifiers that link posts to a recruiter: phone numbers, messenger links, handles, accounts.

Phones are matched on the normalised text (emoji and styled digits already ASCII) allowing
spaces, dots and dashes inside the digit run, then validated and normalised to E.164 with
`phonenumbers`. Spans are mapped back to the original text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import phonenumbers

from classifier.normalise import NormalisedText
from classifier.result import Entity


def _starting(not_after: str, *alternatives: str) -> str:
    """A regex for any of `alternatives` (regexes whose first character is a literal) where it
    is not preceded by a character of the class `not_after`. The check comes after the first
    character, as a lookbehind, so that every alternative starts with a literal: the regex
    engine then skips ahead to those characters instead of trying the pattern at every position
    of the text, which made these patterns three to eight times faster."""
    return "(?:" + "|".join(f"{re.escape(a[0])}(?<!{not_after}{re.escape(a[0])}){a[1:]}"
                            for a in alternatives) + ")"


_SEP = r"[\s.\-()]{0,2}"
# Indonesian mobiles: 08xx / 628xx / +62 8xx, separators allowed between digits.
_ID_MOBILE = re.compile(_starting(r"[\d+]", rf"+{_SEP}6{_SEP}2", rf"6{_SEP}2", "0")
                        + rf"{_SEP}8(?:{_SEP}\d){{8,11}}(?!\d)")
# Other countries' numbers only when written with "+" and a country code (+60, +855, ...).
_INTERNATIONAL = re.compile(rf"\+{_SEP}(?:[1-9]\d{{0,2}}){_SEP}(?:\d{_SEP}){{6,13}}\d(?!\d)")
# "https://t.me/x" whole, else "t.me/x": written so that each alternative starts with a letter.
_TELEGRAM_LINK = re.compile(
    r"(?:https?://(?:t|telegram)|t|telegram)\s?\.\s?me/(?!s/)(@?[a-z0-9_]{4,32})")
_TELEGRAM_AT = re.compile(
    _starting(r"\w", "tele", "tg", "telegram", "tlg") + r"\s*[:=]?\s*(@[a-z0-9_]{4,32})")
# Every alternative starts with a literal "i", for the same reason as `_starting`.
_INSTAGRAM = re.compile(
    r"i(?:nstagram\.com/|(?<=\bi)g\s*[:=]\s*@?|(?<=\bi)nsta(?:gram)?\s*[:=]?\s*@)"
    r"([a-z0-9_.]{3,30})")
_TIKTOK = re.compile(r"tiktok\.com/@([a-z0-9_.]{2,24})")
_FACEBOOK = re.compile(r"(?:facebook|fb)\.com/(?:groups/)?([a-z0-9_.\-]{3,50})")
_BANKS = ("bri", "bca", "bni", "mandiri", "bsi", "btn", "cimb", "danamon", "permata", "dana",
          "ovo", "gopay")
_BANK = re.compile(
    "(" + _starting(r"\w", *_BANKS) + r")\b"
    r"[\s:]*(?:no\.?\s*)?(?:rek(?:ening)?\.?\s*)?[:\s]*((?:\d[\s\-]?){8,16}\d)")
# A bare "@handle" with no platform named, only where it is offered as the way to get in
# touch ("japri @rekrut_asia_jobs", "hubungi: @agen_ln"): an email address, "@ 5 jt", or an
# account quoted in passing are not recruiters' handles. A name followed by ".com" is a domain,
# and official accounts (named in warnings: "hubungi @bp2mi_ri") are left out by name.
_CONTACT_CUES = ("japri", "pm", "dm", "hubungi", "hub", "kontak", "contact", "chat", "inbox",
                 "cp", "minat")
_BARE_HANDLE = re.compile(
    _starting(r"\w", *_CONTACT_CUES) + r"\b\s*[:=\-]?\s*(?:(?:ke|via|di)\s+)?"
    r"(@[a-z0-9_]{4,32})(?![a-z0-9_@]|\.[a-z])")
_OFFICIAL = re.compile(r"bp2mi|bp3mi|kemnaker|kemlu|kbri|polri|polda|imigrasi|disnaker|"
                       r"divhumas|humas|pemkab|pemkot|pemprov")
# Company names are case-sensitive, so they are matched on the original text. A name is up to
# five capitalised words on one line with no full stop inside: "PT Lama Sekali. CV Sinar" is
# two names, not one (the register of licensed agencies looks names up, patrol/cases/agencies).
# No model feature reads these entities (rule_features counts contact kinds only).
_COMPANY_KINDS = ("PT", "CV", "LPK")
_COMPANY = re.compile(
    _starting(r"\w", *_COMPANY_KINDS) + r"\.?[ \t]+"
    r"([A-Z][\w&'\-]*(?:[ \t]+[A-Z][\w&'\-]*){0,4})")


# Recruiters repeat their numbers across posts; parsing one is most of the cost of a post.
@functools.lru_cache(maxsize=4096)
def _e164(digits: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phones(norm: NormalisedText) -> list[tuple[int, int, str]]:
    found = []
    taken: list[tuple[int, int]] = []
    for m in _ID_MOBILE.finditer(norm.text):
        digits = re.sub(r"\D", "", m.group())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        value = _e164("+" + digits, None)
        if value:
            found.append((m.start(), m.end(), value))
            taken.append((m.start(), m.end()))
    for m in _INTERNATIONAL.finditer(norm.text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = _e164("+" + re.sub(r"\D", "", m.group()), None)
        if value:
            found.append((m.start(), m.end(), value))
    return found


def _matches(pattern: re.Pattern, text: str, needles: tuple[str, ...]) -> Iterable[re.Match]:
    """`pattern.finditer(text)`, skipped when the text holds none of `needles`, one of which
    every match contains: looking for a few strings is quicker than trying the pattern at
    every character."""
    return pattern.finditer(text) if any(needle in text for needle in needles) else ()


def _bare_handles(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, str]]:
    """Kind "handle": a contact handle on no named platform. Not one of the rule features'
    contact kinds, so no model's features change; recruiters are linked by it."""
    found = []
    for m in _matches(_BARE_HANDLE, text, ("@",)):
        start, end = m.span(1)
        if _OFFICIAL.search(m.group(1)) or any(s < end and start < e for s, e in taken):
            continue
        found.append(("handle", start, end, m.group(1)))
    return found


def extract_entities(norm: NormalisedText) -> list[Entity]:
    """All entities in the text, ordered by position."""
    raw: list[tuple[str, int, int, str]] = [("phone", s, e, v) for s, e, v in _phones(norm)]
    # (kind, pattern, prefix of the value, a string every match contains)
    handles = (("telegram", _TELEGRAM_LINK, "@", "me/"), ("telegram", _TELEGRAM_AT, "@", "@"),
               ("instagram", _INSTAGRAM, "@", "i"), ("tiktok", _TIKTOK, "@", "tiktok"),
               ("facebook", _FACEBOOK, "", ".com/"))
    for kind, pattern, prefix, needle in handles:
        for m in _matches(pattern, norm.text, (needle,)):
            handle = m.group(1).lstrip("@").rstrip(".")
            raw.append((kind, m.start(), m.end(), prefix + handle if prefix else handle))
    raw += _bare_handles(norm.text, [(s, e) for _, s, e, _ in raw])
    for m in _matches(_BANK, norm.text, _BANKS):
        number = re.sub(r"\D", "", m.group(2))
        raw.append(("bank_account", m.start(), m.end(), f"{m.group(1)}:{number}"))
    entities = []
    for kind, start, end, value in raw:
        o_start, o_end = norm.span(start, end)
        entities.append(Entity(kind, value, norm.original[o_start:o_end], o_start, o_end))
    for m in _matches(_COMPANY, norm.original, _COMPANY_KINDS):
        entities.append(Entity("organisation", m.group(0).strip(), m.group(0), m.start(), m.end()))
    # A handle inside a link that was already taken as a phone would be a duplicate.
    entities.sort(key=lambda e: (e.start, -e.end))
    deduped: list[Entity] = []
    for ent in entities:
        if any(d.kind == ent.kind and d.start <= ent.start and ent.end <= d.end for d in deduped):
            continue
        deduped.append(ent)
    return deduped

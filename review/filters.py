"""The queue page's filters and page numbers, read from the address.

Anything a person can type there is checked here, and a mistake is refused with a message in
Indonesian (FilterError) instead of reaching the database: a 50,000-character search is "too
complex" for SQLite's LIKE, a 20-digit page number overflows its integers, and 9999-12-31 has no
next day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from classifier.flags import FLAG_CODES
from patrol.queue import listing, states

MAX_SEARCH = 200
MAX_VALUE = 200  # a source or platform name
MAX_PAGE = 10_000
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
BANDS = {"high": (0.9, None), "mid": (0.7, 0.9), "low": (None, 0.7)}


class FilterError(ValueError):
    """A filter the queue cannot apply; the message says why, in Indonesian."""


def page_number(value: str | None) -> int:
    if not value:
        return 1
    if value.isascii() and value.isdigit() and len(value) <= 5 and 1 <= int(value) <= MAX_PAGE:
        return int(value)
    raise FilterError("Nomor halaman harus bilangan 1 sampai 10.000.")


# What the queue's own check of a filter (patrol.queue.QueueFilter) refuses, in Indonesian.
UNKNOWN = {"status": "Status tidak dikenal.", "flag": "Tanda bahaya tidak dikenal.",
           "reason": "Alasan masuk tidak dikenal.", "scope": "Lingkup tidak dikenal."}


def queue_filter(args) -> listing.QueueFilter:
    status = args.get("status", "open")
    # The queue checks only that a flag looks like a code; the web offers the known ones.
    if (args.get("flag") or None) not in (None, *FLAG_CODES):
        raise FilterError(UNKNOWN["flag"])
    if (args.get("band") or None) not in (None, *BANDS):
        raise FilterError("Rentang skor tidak dikenal.")
    search = (args.get("q") or "").strip()
    if len(search) > MAX_SEARCH:
        raise FilterError(f"Teks pencarian terlalu panjang (paling banyak {MAX_SEARCH} "
                          "karakter).")
    low, high = BANDS.get(args.get("band", ""), (None, None))
    try:
        return listing.QueueFilter(
            status=None if status == "all" else status, source=_value(args, "source"),
            platform=_value(args, "platform"), flag=args.get("flag") or None,
            reason=args.get("reason") or None, scope=args.get("scope") or None,
            min_score=low, max_score=high,
            since=_day(args.get("from")), until=_day(args.get("to"), end=True),
            search=search or None)
    except states.QueueError as exc:
        raise FilterError(UNKNOWN[exc.field]) from None


def _value(args, key: str) -> str | None:
    value = args.get(key) or None
    if value is not None and len(value) > MAX_VALUE:
        raise FilterError("Isian filter terlalu panjang.")
    return value


def _day(value: str | None, end: bool = False) -> datetime | None:
    """Midnight UTC of the day `value` (YYYY-MM-DD), or of the next day for the end of a range."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise FilterError("Tanggal harus ditulis TTTT-BB-HH, misalnya 2026-03-01.")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise FilterError(f"Tanggal harus antara {FIRST_DAY} dan {LAST_DAY}.")
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start + timedelta(days=1) if end else start

"""Text normalisation that keeps a map back to the original string.

Matching runs on the normalised text (lower case, NFKC, leetspeak and masking folded, zero-width
characters dropped, emoji digits mapped to ASCII); every span found there is mapped back through
`NormalisedText.span()` so that flags and entities index the text exactly as it was given.

Common chat abbreviations are written out ("yg" -> "yang", "gak" -> "tidak", "LN" -> "luar
negeri"), so one phrase in the red-flag list covers every spelling. Every character of the
expansion maps back to the abbreviation it replaced.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from classifier.memo import Memo

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Emoji and keycap decorations carry no letters; dropping them lets "0️⃣8️⃣" read as "08".
_DROP = _ZERO_WIDTH | {"\ufe0f", "\ufe0e", "\u20e3"}
# Leetspeak folding applies only inside words that also contain letters ("k3rj4" -> "kerja"),
# never to digit runs, so phone numbers and amounts survive.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_MASK = {"*": "a"}  # "K*mboja" -> "kamboja" is the common case; good enough for matching
# Only words holding a leet or mask character can change; matching just those skips a call per
# plain word.
_LEET_WORD = re.compile(r"(?<![\w@$*])[\w@$*]*[013457@$*][\w@$*]*", re.UNICODE)
# Characters that NFKC, lower-casing or dropping could change: everything but plain ASCII
# (ASCII upper case is lowered in bulk).
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# A surrogate code point in a str is always a lone one (JSON's "\ud83d" cut from its pair, or a
# byte of a command line that was not UTF-8): no UTF-8 encoder takes it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Amounts and counts ("15jt", "10rb", "3hari", "900usd", "rm1800") are not leetspeak.
_AMOUNT = re.compile(r"(?:rm|rp|usd|us|sr|sar|hkd|ntd|nt|aed|qr|qar|kwd|omr|jd|myr)?"
                     r"[\d.,]+[a-z]{0,4}")


SLANG = {
    "yg": "yang", "utk": "untuk", "tdk": "tidak", "gak": "tidak", "ga": "tidak", "gk": "tidak",
    "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "tak": "tidak", "dgn": "dengan",
    "dg": "dengan", "sdh": "sudah", "udah": "sudah", "udh": "sudah", "blm": "belum",
    "bs": "bisa", "lgsg": "langsung", "aja": "saja", "skrg": "sekarang", "jg": "juga",
    "krn": "karena", "karna": "karena", "dr": "dari", "dri": "dari", "dl": "dulu", "org": "orang",
    "sm": "sama", "bgt": "banget", "gausah": "tidak usah", "gaperlu": "tidak perlu",
    "gpp": "tidak apa", "klo": "kalau", "kalo": "kalau", "tp": "tapi", "bln": "bulan",
    "thn": "tahun", "th": "tahun", "mgg": "minggu", "hr": "hari", "sy": "saya", "ak": "aku",
    "sbg": "sebagai", "ln": "luar negeri", "negri": "negeri", "tkw": "tkw", "sdr": "saudara",
    "bhs": "bahasa",
    "pake": "pakai", "kerjaan": "pekerjaan", "lowker": "lowongan", "loker": "lowongan kerja",
    "jd": "jadi", "inbox": "inbox", "tf": "transfer", "rek": "rekening", "hp": "hp", "dp": "dp",
    "gj": "gaji", "lwt": "lewat", "nnt": "nanti", "nnti": "nanti", "brgkt": "berangkat",
    "brangkat": "berangkat", "byr": "bayar", "malem": "malam", "sampe": "sampai", "lg": "lagi",
    "dpt": "dapat", "sblm": "sebelum", "hrs": "harus", "dlm": "dalam", "kagak": "tidak",
    "ndak": "tidak", "nda": "tidak",
}
# Letters spelled out one by one to dodge filters: "K-a-m-b-o-j-a", "k a m b o j a".
_SPELLED = re.compile(r"(?<!\w)\w(?:([-. _*])\w)(?:\1\w){2,}(?!\w)")
_SLANG_CHANGES = frozenset(k for k, v in SLANG.items() if k != v)
# A whole word only: never part of a handle, link or e-mail ("@loker.asia", "wa.me/...").
_SLANG_WORD = re.compile(
    r"(?<![\w@./_\-])(?:" + "|".join(sorted(map(re.escape, _SLANG_CHANGES),
                                           key=len, reverse=True))
    + r")(?![\w@/_]|[.\-:]\w)", re.UNICODE)


@dataclass(frozen=True)
class NormalisedText:
    original: str
    text: str
    origin: Sequence[int]  # origin[i] = index in `original` of normalised character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span back to the original string."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    # Cached: posts use a few hundred distinct characters, and the Unicode work is the cost.
    if ch in _DROP:
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    # NFKC turns styled letters (𝐤𝐞𝐫𝐣𝐚) into plain ones; strip accents left over.
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


def _fold_word(word: str) -> str:
    if word.isalpha():
        return word  # the common case: nothing to fold
    has_letter = any(c.isalpha() for c in word)
    has_digit_or_sym = any(c in _LEET or c in _MASK for c in word)
    if not (has_letter and has_digit_or_sym) or _AMOUNT.fullmatch(word):
        return word
    # A handle like "@lokerln" keeps its leading "@"; only inner symbols are leet.
    head = word[0] if word[0] == "@" else ""
    body = word[len(head):]
    return head + "".join(_LEET.get(c, _MASK.get(c, c)) for c in body)


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD. spaCy, the database and every output
    would fail on one; one character for one keeps every offset into the text valid."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def normalise(text: str) -> NormalisedText:
    """Normalise `text` for matching, keeping a character-level map to the original."""
    # Every step but the joining of spelled-out letters stays within the space-separated chunks
    # of a text, and posts repeat a small vocabulary: so each chunk is folded once per process
    # and a post is put together from its chunks. `_normalise_whole` does it all in one go.
    chunks = text.split(" ")
    folded = list(map(_FOLDED.__getitem__, chunks))
    changed = list(itertools.compress(range(len(chunks)), folded))
    pieces = chunks[:]
    for k in changed:
        pieces[k] = folded[k][0]
    if any(_letters(m) for m in _SPELLED.finditer(" ".join(pieces))):
        return _normalise_whole(text)
    for k in changed:
        pieces[k] = folded[k][1]
    moved = [k for k in changed if folded[k][2] is not None]
    joined = " ".join(pieces)
    if not moved:
        return NormalisedText(original=text, text=joined, origin=range(len(text)))
    starts = list(itertools.accumulate(map(len, chunks), initial=0))
    new_starts = list(itertools.accumulate(map(len, pieces), initial=0))
    # k spaces precede chunk k, in both texts
    return NormalisedText(original=text, text=joined, origin=_ChunkOrigin(
        len(joined), [(new_starts[k] + k, starts[k] + k, len(chunks[k]), folded[k][2])
                      for k in moved]))


class _ChunkOrigin(Sequence[int]):
    """The origin map of a text put together from chunks, looked up per index rather than
    written out: a post has hundreds of characters but only a few spans to map back, and
    writing out the map was a third of the time to normalise it. `moved` lists, in order, each
    chunk whose characters moved: (start in the new text, start in the original, length in the
    original, the chunk's own map); between them the two texts differ by a constant offset."""

    def __init__(self, length: int, moved: list[tuple[int, int, int, tuple[int, ...]]]) -> None:
        self._length = length
        self._moved = moved
        self._new_starts = [m[0] for m in moved]

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> int:  # type: ignore[override]  # no slices
        if not 0 <= i < self._length:
            raise IndexError(i)
        j = bisect.bisect_right(self._new_starts, i) - 1
        if j < 0:
            return i
        new_start, start, length, chunk_map = self._moved[j]
        if i < new_start + len(chunk_map):
            return start + chunk_map[i - new_start]
        return i - (new_start + len(chunk_map)) + start + length


def _normalise_whole(text: str) -> NormalisedText:
    """`normalise` step by step over the whole text."""
    lowered, origin = _lower(text), list(range(len(text)))
    folded, origin = _rewrite(lowered, origin, _NON_ASCII, _fold_run)
    folded, origin = _rewrite(folded, origin, _LEET_WORD, _leet)
    folded, origin = _rewrite(folded, origin, _SPELLED, _spelled)
    folded, origin = _rewrite(folded, origin, _SLANG_WORD, _slang)
    return NormalisedText(original=text, text=folded, origin=tuple(origin))


def _fold_chunk(chunk: str) -> tuple[str, str, tuple[int, ...] | None] | None:
    """For a chunk without spaces: the chunk lowered with characters and leetspeak folded, then
    with abbreviations written out too, and the map of the latter into the chunk (None when
    each character stays in its place); None when nothing changes."""
    # Shortcuts for most new chunks. ASCII without letters (numbers, prices, "#12"): leetspeak
    # and abbreviations need a letter, so nothing changes. Plain ASCII letters that are no
    # abbreviation: only lower-casing to do.
    if chunk.isascii():
        lowered = chunk.lower()
        if lowered == chunk.upper():
            return None
        if chunk.isalpha() and lowered not in _SLANG_CHANGES:
            return None if lowered == chunk else (lowered, lowered, None)
    identity = list(range(len(chunk)))
    folded, origin = _rewrite(_lower(chunk), identity, _NON_ASCII, _fold_run)
    folded, origin = _rewrite(folded, origin, _LEET_WORD, _leet)
    written, origin = _rewrite(folded, origin, _SLANG_WORD, _slang)
    if folded == written == chunk and origin == identity:
        return None
    return folded, written, None if origin == identity else tuple(origin)


_FOLDED = Memo(_fold_chunk, 2**16)


def _lower(text: str) -> str:
    # Lowering only ASCII keeps one character per character; the rest is folded one by one.
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


# A rewrite returns the new text of a match and, for each of its characters, the index in the
# old text it stands for; None leaves the match as it is.
Rewrite = Callable[[re.Match], "tuple[str, Sequence[int]] | None"]


def _rewrite(text: str, origin: list[int], pattern: re.Pattern, rewrite: Rewrite,
             ) -> tuple[str, list[int]]:
    """Apply `rewrite` to every match of `pattern`, carrying the map to the original along."""
    chars: list[str] = []
    mapped: list[int] = []
    last = 0
    changed = False
    for m in pattern.finditer(text):
        new = rewrite(m)
        if new is None:
            continue
        changed = True
        replacement, sources = new
        chars.append(text[last:m.start()])
        mapped.extend(origin[last:m.start()])
        chars.append(replacement)
        mapped.extend(origin[k] for k in sources)
        last = m.end()
    if not changed:
        return text, origin
    chars.append(text[last:])
    mapped.extend(origin[last:])
    return "".join(chars), mapped


def _fold_run(m: re.Match) -> tuple[str, list[int]] | None:
    chars: list[str] = []
    sources: list[int] = []
    for i, ch in enumerate(m.group(), start=m.start()):
        out = _fold_char(ch)
        chars.append(out)
        sources.extend([i] * len(out))
    return "".join(chars), sources


def _leet(m: re.Match) -> tuple[str, range] | None:
    folded = _fold_word(m.group())
    return None if folded == m.group() else (folded, range(m.start(), m.end()))


def _letters(m: re.Match) -> bool:
    return any(c.isalpha() for c in m.group())


def _spelled(m: re.Match) -> tuple[str, range] | None:
    if not _letters(m):
        return None  # spaced digits are a phone number; entities.py reads those
    return m.group()[::2], range(m.start(), m.end(), 2)


def _slang(m: re.Match) -> tuple[str, list[int]] | None:
    long = SLANG.get(m.group())
    if long is None or long == m.group():
        return None
    width = m.end() - m.start()
    return long, [m.start() + min(i, width - 1) for i in range(len(long))]


# A phone number: at least nine digits, in groups separated by spaces, dots, dashes or brackets.
_PHONE = re.compile(r"\+?\d[\d .\-()]{7,}\d")
_DIGIT = re.compile(r"\d")
CONTACT_WORD = "nomorkontak"


def _phone_or_digits(match: re.Match, contact: str = CONTACT_WORD) -> str:
    run = match.group()
    if sum(c.isdigit() for c in run) >= 9:
        return contact
    return _DIGIT.sub("0", run)


def _phone_dropped(match: re.Match) -> str:
    return _phone_or_digits(match, " ")


def numbers_dropped(text: str) -> str:
    """As `numbers_masked`, with phone numbers left out altogether."""
    return _DIGIT.sub("0", _PHONE.sub(_phone_dropped, text))


def numbers_masked(text: str) -> str:
    """`text` with every phone number as one word and every other digit as "0", for the
    n-gram features. The corpus writes every number in one reserved block (0812-0000-...), so
    the n-grams of a number would learn the block instead of the post; real numbers are all
    different. What stays is that a contact was given, and how many digits an amount has."""
    return _DIGIT.sub("0", _PHONE.sub(_phone_or_digits, text))

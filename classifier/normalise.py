"""Text normalisation that keeps a map back to the original string.

Matching runs on the normalised text (lower case, NFKC, leetspeak and masking folded, zero-width
characters dropped, emoji digits mapped to ASCII); every span found there is mapped back through
`NormalisedText.span()` so that flags and entities index the text exactly as it was given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Emoji and keycap decorations carry no letters; dropping them lets "0️⃣8️⃣" read as "08".
_DROP = _ZERO_WIDTH | {"\ufe0f", "\ufe0e", "\u20e3"}
# Leetspeak folding applies only inside words that also contain letters ("k3rj4" -> "kerja"),
# never to digit runs, so phone numbers and amounts survive.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_MASK = {"*": "a"}  # "K*mboja" -> "kamboja" is the common case; good enough for matching
_WORD = re.compile(r"[\w@$*]+", re.UNICODE)
# Amounts and counts ("15jt", "10rb", "3hari", "18thn") are not leetspeak.
_AMOUNT = re.compile(r"[\d.,]+[a-z]{0,4}")


@dataclass(frozen=True)
class NormalisedText:
    original: str
    text: str
    origin: tuple[int, ...]  # origin[i] = index in `original` of normalised character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span back to the original string."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    # NFKC turns styled letters (𝐤𝐞𝐫𝐣𝐚) into plain ones; strip accents left over.
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


def _fold_word(word: str) -> str:
    has_letter = any(c.isalpha() for c in word)
    has_digit_or_sym = any(c in _LEET or c in _MASK for c in word)
    if not (has_letter and has_digit_or_sym) or _AMOUNT.fullmatch(word):
        return word
    # A handle like "@lokerln" keeps its leading "@"; only inner symbols are leet.
    head = word[0] if word[0] == "@" else ""
    body = word[len(head):]
    return head + "".join(_LEET.get(c, _MASK.get(c, c)) for c in body)


def normalise(text: str) -> NormalisedText:
    """Normalise `text` for matching, keeping a character-level map to the original."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for out in _fold_char(ch):
            chars.append(out)
            origin.append(i)
    folded = "".join(chars)
    # Fold leetspeak word by word; each word keeps its length, so the map is unchanged.
    pieces = []
    last = 0
    for m in _WORD.finditer(folded):
        pieces.append(folded[last:m.start()])
        pieces.append(_fold_word(m.group()))
        last = m.end()
    pieces.append(folded[last:])
    return NormalisedText(original=text, text="".join(pieces), origin=tuple(origin))

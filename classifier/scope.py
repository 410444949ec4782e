"""Whom an offer concerns: migrant workers going abroad, or people trafficked inside Indonesia.

docs/scenarios.md: the two go to different partners (the migrant-worker agency's teams and the
ministry, or the regional police), so the reviewer sees the scope beside the score. A post is
`migrant` when it names a place, currency, document or route abroad, or carries a red flag that
only an offer abroad has (a visit visa, a closed destination, a border crossing); otherwise it
is `domestic`. Scope is read for every post; it means something only for offers.

The words here only decide the scope: they are not model features, so adding one changes no
model's score.
"""

from __future__ import annotations

import re

from classifier.analysis import Analysis
from classifier.cues import ABROAD

MIGRANT = "migrant"
DOMESTIC = "domestic"
SCOPES = (MIGRANT, DOMESTIC)
# Red flags that cannot be raised by a job inside the country.
ABROAD_CODES = frozenset({
    "visit_visa_for_work", "umrah_visa_for_work", "tourist_visa_for_work", "closed_destination",
    "scam_compound_job", "unofficial_route", "no_passport_or_fake_docs", "bypass_authorities",
})
# Beyond the model's abroad cues: travel documents, the migrant-worker words, a calo's words,
# "out" (but not out of town), and places the cues leave out. Matched on the normalised text.
_ABROAD_WORDS = re.compile(r"\b(?:" + "|".join((
    # The cues again, for words masked with "!" ("M@l4ys!4"), which tokens do not match.
    *(re.escape(cue) for cue in ABROAD if cue.replace(" ", "").isalpha()),
    r"pa[s]?[s]?po[rt]+", r"visa", r"tk[iw]", r"pmi", r"buruh migran", r"migrant?",
    r"negara\w*", r"negeri", r"(?:ke|di|kerja|brgkt|berangkat)\s+luar(?!\s+(?:kota|pulau|jawa|"
    r"daerah|kabupaten|provinsi|rumah|ruangan|mess))", r"uang fit", r"sponsor",
    r"hk", r"macau", r"makau", r"jordan", r"italia", r"italy", r"spanyol", r"perancis",
    r"prancis", r"amerika", r"usa", r"london", r"pahang", r"perak", r"kedah", r"kelantan",
    r"terengganu", r"melaka", r"malacca", r"port dickson", r"banting", r"klang", r"ipoh",
    r"miri", r"bintulu", r"sibu", r"kota kinabalu", r"sandakan", r"lahad datu", r"keningau",
    r"jb", r"singapur\w*", r"hongkong", r"taipei", r"seoul", r"tokyo", r"osaka", r"tiongkok",
    r"china", r"cina", r"muscat", r"erbil", r"ira[kq]", r"papua nugini", r"tauke", r"laoban",
    # A calo's route: "no need for a PT", "pocket money for the family", "the family route".
    r"(?:gak|ga|gk|g|nggak|tdk|tidak|tak|tra|indak)\s+(?:usah|perlu|paralu|pake|pakai)\s+"
    r"(?:lewat\s+|lwt\s+|daftar\s+(?:di\s+)?)?(?:pt|perusahaan)",
    r"uang (?:saku|pegangan)", r"jalur (?:keluarga|saudara|sendiri)", r"lewat saudara",
)) + r")\b")
# A national flag emoji is two regional-indicator letters; Indonesia's is ID. The Kaaba stands
# for Saudi Arabia in umrah-route posts.
_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")
_INDONESIA = "\U0001F1EE\U0001F1E9"
_KAABA = "\U0001F54B"


# normalise folds leetspeak only in words without other symbols: "m@l4ys!4" stays as
# "malays!4". Such words are folded again here with "!" as "i".
_BANGED = re.compile(r"\S*!\S*")
_LEET = str.maketrans("!1|0@4$53", "iiioaasse")


def _unbang(match: re.Match) -> str:
    return match.group().translate(_LEET)


def scope_of(reading: Analysis) -> str:
    if reading.cues.abroad or any(f.code in ABROAD_CODES for f in reading.flags):
        return MIGRANT
    text = reading.norm.text
    if _ABROAD_WORDS.search(_BANGED.sub(_unbang, text)) or _KAABA in text:
        return MIGRANT
    if any(flag != _INDONESIA for flag in _FLAG.findall(text)):
        return MIGRANT
    return DOMESTIC

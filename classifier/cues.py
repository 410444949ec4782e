"""Context cues that separate recruiting from reporting, warning and asking.

docs/red-flags.md: warnings and news use the same vocabulary as offers; the speech act
(invitation and call to action vs. reporting, warning or a question) is what tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher

from classifier.nlp import char_span
from classifier.normalise import normalise

RECRUIT = (
    "dibutuhkan", "dicari", "lowongan", "loker", "buruan", "segera daftar", "daftar sekarang",
    "buka pendaftaran", "minat", "hubungi", "hub", "kuota terbatas", "kuota", "kirim cv",
    "kami bantu", "kami proses", "kamu tinggal berangkat", "tinggal berangkat", "open recruitment",
    "we are hiring", "hiring", "rekrut", "merekrut", "join", "gabung", "siap berangkat",
    "yang minat", "yg minat", "langsung kerja", "info lengkap", "info lebih lanjut", "japri",
    "ayo", "yuk", "cari kerja", "butuh cepat", "slot terbatas", "diutamakan",
)
WARNING = (
    "waspada", "hati-hati", "hati hati", "hati2", "jangan tergiur", "jangan mudah",
    "jangan percaya", "jgn tergiur", "jgn percaya", "jgn mau", "ketipu", "tertipu", "kampanye",
    "hindari", "modus", "penipuan", "penipu", "palsu", "bodong", "hoaks", "hoax", "ciri-ciri",
    "ciri ciri", "korban",
    "diamankan", "digagalkan", "ditangkap", "tersangka", "dipulangkan", "dideportasi",
    "dipolisikan", "polisi", "polres", "polda", "imigrasi menggagalkan", "sindikat", "tppo",
    "perdagangan orang", "lapor", "laporkan", "pengaduan", "menurut", "kata kepala",
    "berita", "sosialisasi", "himbauan", "imbauan", "edukasi", "non prosedural", "nonprosedural",
    "ilegal", "tidak resmi", "calo", "penyelundupan", "repatriasi", "bp2mi", "kp2mi",
    "katanya", "nyatanya", "ternyata", "dijanjikan", "mengaku", "pengalaman pahit", "beware",
    "scam", "victims", "rescued", "arrested", "foiled",
    # Doubt: a job seeker who suspects an offer, or a warning about suspicious ones.
    "curiga", "mencurigakan", "suspicious",
)
# A job abroad is the precondition of every red flag: places, euphemisms and currencies.
ABROAD = (
    "luar negeri", "overseas", "abroad", "malaysia", "negeri jiran", "saudi", "arab", "dubai",
    "uae", "emirat", "qatar", "doha", "kuwait", "oman", "bahrain", "yordania", "timteng",
    "timur tengah", "negara minyak", "kamboja", "cambodia", "phnom penh", "sihanoukville",
    "myanmar", "myawaddy", "laos", "thailand", "bangkok", "taiwan", "hongkong", "hong kong",
    "singapura", "singapore", "korea", "jepang", "japan", "brunei", "sabah", "sarawak", "johor",
    "kuching", "tawau", "kl", "kuala lumpur", "penang", "selangor", "riyadh", "jeddah", "mekkah",
    "madinah", "eropa", "polandia", "rumania", "australia", "jerman", "turki", "riyal", "real",
    "sar", "sr", "ringgit", "rm", "usd", "dollar", "dolar", "$", "dirham", "hkd", "ntd",
    "kapal asing", "kapal pesiar", "negara asia", "asia tenggara", "southeast asia",
    "negara tetangga", "romania", "portugal", "rusia", "russia",
    "kanada", "canada", "selandia baru", "new zealand", "inggris", "belanda", "ceko",
    "hungaria", "slowakia", "lithuania", "eropa timur",
)
QUESTION = ("apakah", "benarkah", "beneran", "ini resmi", "resmi gak", "resmi ga", "legal gak",
            "legal ga", "ada yg tau", "ada yang tau", "ada yang tahu", "mohon info", "tanya",
            "benar gak", "bener gak", "apa benar", "asli gak", "aman gak", "aman ga",
            "beneran gak")


@dataclass(frozen=True)
class Cues:
    recruit: tuple[str, ...]
    warning: tuple[str, ...]
    question: bool
    abroad: tuple[str, ...] = ()


class CueMatcher:
    def __init__(self, nlp: spacy.language.Language) -> None:
        self.nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, phrases in (("RECRUIT", RECRUIT), ("WARNING", WARNING), ("QUESTION", QUESTION),
                              ("ABROAD", ABROAD)):
            # Cue phrases go through the same normalisation as posts ("yg" -> "yang").
            normalised = [normalise(p).text for p in phrases]
            self._matcher.add(name, list(nlp.tokenizer.pipe(normalised)))

    def find(self, doc: spacy.tokens.Doc, text: str) -> Cues:
        """The cues in `doc`, the tokens of `text`."""
        found: dict[str, dict[str, None]] = {k: {} for k in ("RECRUIT", "WARNING", "QUESTION",
                                                              "ABROAD")}
        for match_id, start, end in self._matcher(doc):
            found[self.nlp.vocab.strings[match_id]][text[slice(*char_span(doc, start, end))]] = None
        question = bool(found["QUESTION"]) or text.rstrip().endswith("?")
        return Cues(tuple(found["RECRUIT"]), tuple(found["WARNING"]), question,
                    tuple(found["ABROAD"]))

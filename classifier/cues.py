"""Context cues that separate recruiting from reporting, warning and asking.

red-flags.md section 5: warnings and news use the same vocabulary as offers; the speech act
(invitation and call to action vs. reporting, warning or a question) is what tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher

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
)
QUESTION = ("apakah", "benarkah", "beneran", "ini resmi", "resmi gak", "resmi ga", "legal gak",
            "legal ga", "ada yg tau", "ada yang tau", "ada yang tahu", "mohon info", "tanya")


@dataclass(frozen=True)
class Cues:
    recruit: tuple[str, ...]
    warning: tuple[str, ...]
    question: bool


class CueMatcher:
    def __init__(self, nlp: spacy.language.Language) -> None:
        self.nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, phrases in (("RECRUIT", RECRUIT), ("WARNING", WARNING), ("QUESTION", QUESTION)):
            self._matcher.add(name, list(nlp.tokenizer.pipe(phrases)))

    def find(self, doc: spacy.tokens.Doc) -> Cues:
        found: dict[str, dict[str, None]] = {"RECRUIT": {}, "WARNING": {}, "QUESTION": {}}
        for match_id, start, end in self._matcher(doc):
            found[self.nlp.vocab.strings[match_id]][doc[start:end].text] = None
        question = bool(found["QUESTION"]) or doc.text.rstrip().endswith("?")
        return Cues(tuple(found["RECRUIT"]), tuple(found["WARNING"]), question)

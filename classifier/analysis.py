"""The rule-based reading of one text that every scorer shares: normalised text, red flags with
spans, context cues and entities. The rule baseline turns it into a score by a formula; the
trained model uses it as features next to TF-IDF.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from classifier.cues import CueMatcher, Cues
from classifier.entities import extract_entities
from classifier.flags import RedFlagMatcher
from classifier.nlp import indonesian, lemmas, token_ids
from classifier.normalise import NormalisedText, normalise, without_surrogates
from classifier.result import Entity, Flag


@dataclass(frozen=True)
class Analysis:
    norm: NormalisedText
    lemmas: str  # the normalised text as lemmas, space-separated
    flags: tuple[Flag, ...]
    entities: tuple[Entity, ...]
    cues: Cues

    def counted_codes(self) -> set[str]:
        """The distinct red-flag codes that count as evidence. A visa or fee flag counts only
        when the text speaks of work: a real umrah package or holiday trip mentions its visa and
        its down payment too."""
        codes = {f.code for f in self.flags}
        if codes & NEEDS_WORK_CONTEXT and not _speaks_of_work(self.norm.text):
            codes -= NEEDS_WORK_CONTEXT
        return codes


def _speaks_of_work(text: str) -> bool:
    """Whether a work word is in the text, outside any denial of placing workers."""
    if _WORK_WORD.search(text) is None:
        return False
    if not any(word in text for word in _DENIED):
        return True  # no denial: looking for a few strings is quicker than the pattern
    return _WORK_WORD.search(_DISCLAIMER.sub(" ", text)) is not None


# A fee is evidence of a recruitment fee only where there is work: umrah packages and tours
# ask for a down payment too.
NEEDS_WORK_CONTEXT = {"umrah_visa_for_work", "tourist_visa_for_work", "fee_upfront"}
WORK_WORDS = {"kerja", "bekerja", "gaji", "digaji", "lowongan", "loker", "job", "kerjaan",
              "pekerja", "work", "salary", "hiring", "vacancy"}
# "Bukan penyalur tenaga kerja", "tidak menjanjikan penempatan kerja": a visa service or a
# course saying it places no one speaks of work only to deny it. Only the words of the denial
# go: "bukan agen, langsung kerja" still speaks of work.
_DENIED = ("penyalur", "agen", "menyalurkan", "menjanjikan", "penempatan")
_DISCLAIMER = re.compile(
    r"\b(?:bukan|tidak)\s+(?:\w+\s+){0,2}?(?:" + "|".join(_DENIED) + r"|agensi)\b"
    r"(?:\s+(?:tenaga|penempatan|pekerja|kerja|migran|tki|tkw|pmi))*")
# A work word as a whole word: the same test as a word of `re.findall(r"\w+")` being one of
# them, without building the list of every word.
_WORK_WORD = re.compile(r"\b(?:" + "|".join(sorted(WORK_WORDS)) + r")\b")


@functools.cache
def _matchers() -> tuple:
    nlp = indonesian()
    return nlp, RedFlagMatcher(nlp), CueMatcher(nlp)


def prepare() -> None:
    """Build the spaCy pipeline and the matchers now instead of on the first text. A scorer is
    loaded once and then scores; set-up belongs to its load time (a fifth of a second), not to
    the first batch it scores."""
    _matchers()


# A batch is analysed once for its spans and again inside the model's feature steps; the cache
# makes the second time free. Analyses are immutable, so sharing them is safe.
@functools.lru_cache(maxsize=1024)
def analyse(text: str) -> Analysis:
    nlp, flag_matcher, cue_matcher = _matchers()
    norm = normalise(without_surrogates(text))
    doc = nlp.make_doc(norm.text)
    ids = token_ids(doc)
    return Analysis(norm=norm, lemmas=" ".join(lemmas(ids)),
                    flags=tuple(flag_matcher.find(norm, doc, ids)),
                    entities=tuple(extract_entities(norm)), cues=cue_matcher.find(doc, norm.text))

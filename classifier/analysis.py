"""The rule-based reading of one text that every scorer shares: normalised text, red flags with
spans, context cues and entities. The rule baseline turns it into a score by a formula; the
trained model uses it as features next to TF-IDF.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from classifier.cues import CueMatcher, Cues
from classifier.entities import extract_entities
from classifier.flags import RedFlagMatcher
from classifier.nlp import indonesian, lemmas, token_ids
from classifier.normalise import NormalisedText, normalise
from classifier.result import Entity, Flag


@dataclass(frozen=True)
class Analysis:
    norm: NormalisedText
    lemmas: str  # the normalised text as lemmas, space-separated
    flags: tuple[Flag, ...]
    entities: tuple[Entity, ...]
    cues: Cues


@functools.cache
def _matchers() -> tuple:
    nlp = indonesian()
    return nlp, RedFlagMatcher(nlp), CueMatcher(nlp)


# A batch is analysed once for its spans and again inside the model's feature steps; the cache
# makes the second time free. Analyses are immutable, so sharing them is safe.
@functools.lru_cache(maxsize=1024)
def analyse(text: str) -> Analysis:
    nlp, flag_matcher, cue_matcher = _matchers()
    norm = normalise(text)
    doc = nlp.make_doc(norm.text)
    ids = token_ids(doc)
    return Analysis(norm=norm, lemmas=" ".join(lemmas(ids)),
                    flags=tuple(flag_matcher.find(norm, doc, ids)),
                    entities=tuple(extract_entities(norm)), cues=cue_matcher.find(doc, norm.text))

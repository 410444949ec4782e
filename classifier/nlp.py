"""The blank Indonesian spaCy pipeline, built once per process.

`spacy.blank("id")` spends over three seconds loading 16,000 tokenizer exceptions, nearly all of
them reduplicated words ("abu-abu") kept whole. Every CLI call and crawl paid that, so we build
the same language without the hyphenated exceptions: reduplications become three tokens, the
abbreviations ("s.d.", "dll.") stay whole, and load time drops to a tenth of a second. Patterns
are tokenised by this same pipeline, so matching is unaffected.

The pipeline's one component is the lookup lemmatizer (tables from spacy-lookups-data), so
"bekerja", "pekerja" and "kerja" count as one word for the model. `lemmas()` reads the same
table without creating a Python object per token, which took a tenth of the time of scoring.
"""

from __future__ import annotations

import functools
import logging

from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.language import Language
from spacy.tokens import Doc

from classifier.memo import Memo

TOKENIZER_CACHE = 2**17


class _Defaults(IndonesianDefaults):
    tokenizer_exceptions = {k: v for k, v in TOKENIZER_EXCEPTIONS.items() if "-" not in k}


class _Indonesian(Indonesian):
    Defaults = _Defaults


@functools.cache
def indonesian() -> Language:
    # spaCy logs each initialisation through its own handler, which prints everything once
    # Scrapy has opened the root logger (scoring inside the crawl process).
    logging.getLogger("spacy").setLevel(logging.WARNING)
    nlp = _Indonesian()
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    # A word the vocabulary has not seen (every phone number, price, name) gets a lexeme whose
    # attributes spaCy computes by a dozen Python functions: half the cost of tokenising a post.
    # Matching reads the lower-case form alone, so that is all new lexemes get.
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in (LOWER, IS_SPACE)}
    # spaCy caches the tokens of 10,000 space-separated chunks. Posts by many hands use more
    # (prices, numbers, names, emoji-joined words): past that the cache thrashes and tokenising
    # took twice as long. A chunk's entry is a few dozen bytes.
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    return nlp


def _lemma(orth: int) -> str:
    # The lookup table is keyed by the hash of the word, as token.orth is.
    table = indonesian().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return table.get(orth) or indonesian().vocab.strings[orth]


_LEMMAS = Memo(_lemma, 2**17)


def token_ids(doc: Doc) -> list[int]:
    """The ORTH id of each token: what the lemmas and the window flags are looked up by. Read
    once per post for both, since reading it costs as much as either lookup."""
    return doc.to_array(ORTH).tolist()


def lemmas(ids: list[int]) -> list[str]:
    """The lookup lemma of each token (by `token_ids`), as the pipeline's lemmatizer sets it."""
    return list(map(_LEMMAS.__getitem__, ids))


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of tokens [start, end): read per match, since building every token's
    offsets cost more than matching itself."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)

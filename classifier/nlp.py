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

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.language import Language
from spacy.tokens import Doc


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
    return nlp


@functools.cache
def _lemma_table() -> dict[int, str]:
    # The lookup table is keyed by the hash of the word, as token.orth is.
    return dict(indonesian().get_pipe("lemmatizer").lookups.get_table("lemma_lookup").items())


def lemmas(doc: Doc) -> list[str]:
    """The lookup lemma of every token, as the pipeline's lemmatizer would set it."""
    table = _lemma_table()
    strings = doc.vocab.strings
    return [table.get(orth) or strings[orth] for orth in doc.to_array(ORTH).tolist()]


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start and end character, read in one go: `doc[i:j].start_char` creates a
    Python object per token and, on long posts, cost more than matching itself."""
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
    return starts, [s + n for s, n in zip(starts, lengths, strict=True)]

"""The blank Indonesian spaCy pipeline, built once per process.

`spacy.blank("id")` spends over three seconds loading 16,000 tokenizer exceptions, nearly all of
them reduplicated words ("abu-abu") kept whole. Every CLI call and crawl paid that, so we build
the same language without the hyphenated exceptions: reduplications become three tokens, the
abbreviations ("s.d.", "dll.") stay whole, and load time drops to a tenth of a second. Patterns
are tokenised by this same pipeline, so matching is unaffected.

The pipeline's one component is the lookup lemmatizer (tables from spacy-lookups-data), so
"bekerja", "pekerja" and "kerja" count as one word for the model.
"""

from __future__ import annotations

import functools

from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.language import Language


class _Defaults(IndonesianDefaults):
    tokenizer_exceptions = {k: v for k, v in TOKENIZER_EXCEPTIONS.items() if "-" not in k}


class _Indonesian(Indonesian):
    Defaults = _Defaults


@functools.cache
def indonesian() -> Language:
    nlp = _Indonesian()
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp

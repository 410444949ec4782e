"""The blank Indonesian spaCy pipeline, built once per process.

`spacy.blank("id")` takes seconds (its tokenizer exceptions are large) and is read-only once
built, so every matcher and scorer in the process shares one instance.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language


@functools.cache
def indonesian() -> Language:
    return spacy.blank("id")

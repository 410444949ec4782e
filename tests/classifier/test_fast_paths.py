"""The scoring shortcuts give exactly what the library code they replace gives, on every corpus
text and on odd input: the n-gram hashers, the model's weights against its Pipeline, the window
flags, normalising by chunks, tokens and lemmas."""

import gc
import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32
from spacy.matcher import Matcher

from classifier import artefacts, load_scorer
from classifier.corpus import read_records
from classifier.features import lemmatised_text, masked_lemmatised_text, normalised_text
from classifier.flags import FLAGS, window_matches
from classifier.hashing import CharNgramHasher
from classifier.ngrams import column, word_counts
from classifier.nlp import _Indonesian, indonesian, lemmas, token_ids
from classifier.normalise import _normalise_whole, normalise

ODD = ["", " ", "a", "\n\t x  yz \u3000 ", "\x00\x01\x02", "k3rj4 di K*mboja 🇰🇭 gaji $1.500 usd",
       "ART ke Saudi ART ke Saudi, admin kk park, gaji 15 jt 20 juta", "x" * 5000,
       "", "!!!"]  # texts without any feature last: once an out-of-bounds row in TF-IDF


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [r.text for r in read_records()] + ODD


def test_char_hasher_counts_what_hashing_vectorizer_counts(texts):
    reference = HashingVectorizer(preprocessor=normalised_text, analyzer="char_wb",
                                  ngram_range=(2, 5), n_features=2**19, alternate_sign=False,
                                  norm=None)
    expected = reference.transform(texts)
    got = CharNgramHasher(preprocessor=normalised_text, ngram_range=(2, 5),
                          n_features=2**19).transform(texts)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0
    assert got.has_sorted_indices


@pytest.fixture(scope="module")
def pipeline():
    return artefacts.load(artefacts.resolve(artefacts.active_version()))[0]


def test_ngram_columns_are_scikit_learns_murmurhash(texts):
    rng = random.Random(0)
    alphabet = "aeikmnrstu 0189-_.😀é\u200b日\x00"
    grams = [t[:12] for t in texts] + ["".join(rng.choice(alphabet) for _ in range(
        rng.randint(0, 8))) for _ in range(20000)]
    for gram in grams:
        h = murmurhash3_32(gram, seed=0)
        assert column(gram, 2**31) == (abs(h) if h != -(2**31) else 0), gram


def test_word_hasher_counts_what_hashing_vectorizer_counts(texts, pipeline):
    vectorizer = pipeline.named_steps["features"].transformer_list[0][1][0]
    preprocessor = vectorizer.preprocessor
    assert preprocessor in (lemmatised_text, masked_lemmatised_text)
    expected = vectorizer.transform(texts)
    got = word_counts(map(preprocessor, texts), vectorizer.token_pattern,
                      vectorizer.ngram_range, vectorizer.n_features).to_csr()
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0
    assert got.has_sorted_indices
    trigrams = HashingVectorizer(ngram_range=(2, 3), n_features=2**10, alternate_sign=False,
                                 norm=None)
    got = word_counts(map(trigrams.build_preprocessor(), texts), trigrams.token_pattern,
                      (2, 3), 2**10).to_csr()
    assert (got != trigrams.transform(texts)).nnz == 0


def test_scoring_from_the_weights_equals_the_pipelines_predict_proba(texts, pipeline):
    scorer = load_scorer(None)
    np.testing.assert_allclose(scorer.predict_proba(texts), pipeline.predict_proba(texts),
                               rtol=0, atol=1e-12)


def test_a_batch_may_start_and_end_with_texts_that_have_no_features(pipeline):
    scorer = load_scorer(None)
    texts = ["", "visa ziarah, kerja di Saudi, japri 0812-0000-1234", ""]
    np.testing.assert_allclose(scorer.predict_proba(texts), pipeline.predict_proba(texts),
                               rtol=0, atol=1e-12)
    assert [r.label for r in scorer.score(texts)] == ["benign", "illegal", "benign"]


def _as_matcher_pattern(window) -> list[dict]:
    def token(test) -> dict:
        if isinstance(test, frozenset):
            return {"LOWER": {"IN": sorted(test)}}
        return {"LOWER": {"REGEX": f"^(?:{test.pattern})$"}}

    return [token(window.head), {"OP": f"{{0,{window.max_gap}}}"}, *map(token, window.tail)]


def test_window_flags_find_what_spacys_matcher_finds(texts):
    nlp = indonesian()
    matcher = Matcher(nlp.vocab)
    for flag in FLAGS:
        if flag.windows:
            matcher.add(flag.code, [_as_matcher_pattern(w) for w in flag.windows],
                        greedy="FIRST")
    found = 0
    for text in texts:
        doc = nlp.make_doc(normalise(text).text)
        expected = sorted((nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc))
        assert sorted(window_matches(token_ids(doc))) == expected, text
        found += len(expected)
    assert found > 100  # the corpus does exercise the windows


def test_tokens_and_lemmas_are_spacys_own(texts):
    """The pipeline computes only the lexeme attributes matching reads, and reads lemmas from
    the lookup table directly: tokens, their lower-case forms and lemmas stay spaCy's."""
    nlp = indonesian()
    reference = _Indonesian()  # the same language with all of spaCy's lexeme attributes
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    fresh = [f"hub 0812{n:07d} #{n} gaji {n}rb" for n in range(50)]  # words never seen before
    for text in texts + fresh:
        norm = normalise(text).text
        doc = nlp.make_doc(norm)
        expected = reference(norm)
        assert [(t.text, t.whitespace_, t.lower_) for t in doc] == \
            [(t.text, t.whitespace_, t.lower_) for t in expected], text
        assert lemmas(token_ids(doc)) == [t.lemma_ for t in expected], text


def test_normalising_by_chunks_equals_the_steps_over_the_whole_text(texts):
    rng = random.Random(0)
    pieces = [*"aegkmoy 4301@$*._-:/\n\t", "\u00a0", "\u200b", "\ufe0f\u20e3", "Ｋ", "é", "𝐤",
              "yg", "Yg", "gak", "LN", " k a m b o j a ", "0 8 1 2", "0812", "k3rj4", "t.me/"]
    odd = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts + odd:
        fast, whole = normalise(text), _normalise_whole(text)
        assert (fast.text, list(fast.origin)) == (whole.text, list(whole.origin)), text


def test_scoring_pauses_the_cycle_collector_only_while_it_runs(texts):
    # The scorer turns the collector off for a batch because scoring makes no reference cycles;
    # if it ever did, a crawl scoring all night would hold that garbage until the batch ends.
    scorer = load_scorer(None)
    gc.collect()
    scorer.score(texts)
    assert gc.isenabled()
    assert gc.collect() == 0
    gc.disable()
    try:
        scorer.score(texts[:10])
        assert not gc.isenabled()
    finally:
        gc.enable()

"""The rule baseline: flags with exact spans, entities, and the formula's behaviour."""

import pytest

from classifier import ScorerError, load_scorer
from classifier.baseline import RuleBaseline
from crawler.demo_site.server import load_content


@pytest.fixture(scope="module")
def scorer() -> RuleBaseline:
    return load_scorer("rules")


def score(scorer, text):
    return scorer.score([text])[0]


def test_offer_with_strong_flags_is_illegal_and_spans_index_the_input(scorer):
    text = ("DIBUTUHKAN ART utk Saudi 🇸🇦, berangkat pake VISA ZIARAH, proses cepat!\n"
            "minat japri wa 0812-0000-1234")
    result = score(scorer, text)
    assert result.label == "illegal" and result.score >= result.threshold
    codes = {f.code for f in result.flags}
    assert {"closed_destination", "visit_visa_for_work", "too_fast_processing"} <= codes
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.text
    visa = next(f for f in result.flags if f.code == "visit_visa_for_work")
    # "pake" is read as "pakai", so the longer listed phrase "pakai visa ziarah" matches.
    assert visa.text == "pake VISA ZIARAH"


def test_official_warning_with_the_same_words_is_benign(scorer):
    result = score(scorer, "WASPADA modus lowongan kerja ke Saudi pakai visa ziarah! Jangan "
                           "tergiur gaji besar, laporkan ke BP2MI.")
    assert result.label == "benign"
    assert "visit_visa_for_work" in result.flag_codes  # the flag is still shown, just outweighed


def test_news_of_an_arrest_is_benign(scorer):
    result = score(scorer, "Polisi mengamankan calo yang memberangkatkan PMI lewat jalur tikus "
                           "ke Malaysia. Tersangka dijerat pasal TPPO.")
    assert result.label == "benign"


def test_question_from_a_job_seeker_scores_lower_than_the_offer(scorer):
    offer = score(scorer, "Kerja di Malaysia lewat jalur tikus, tanpa paspor. wa 0812-0000-4321")
    question = score(scorer, "Ada yg tau kerja di Malaysia lewat jalur tikus tanpa paspor itu "
                             "aman gak?")
    assert question.score < offer.score
    assert question.label == "benign" and offer.label == "illegal"


def test_leetspeak_offer_is_caught_with_original_span(scorer):
    text = "l0ker admin online k4mb0ja g4ji $1200, DM t.me/rekrut_cepat"
    result = score(scorer, text)
    scam = next(f for f in result.flags if f.code == "scam_compound_job")
    assert scam.text == text[scam.start:scam.end]
    assert "k4mb0ja" in scam.text
    assert result.label == "illegal"


@pytest.mark.parametrize("written", [
    "0812-0000-1234", "+62 812 0000 1234", "6281200001234", "0812.0000.1234",
    "wa.me/6281200001234", "0 8 1 2 0 0 0 0 1 2 3 4", "0️⃣8️⃣1️⃣2️⃣0000 1234",
])
def test_indonesian_phones_in_every_format_become_e164(scorer, written):
    text = f"minat hub {written} ya"
    phones = [e for e in score(scorer, text).entities if e.kind == "phone"]
    assert [p.value for p in phones] == ["+6281200001234"]
    assert text[phones[0].start:phones[0].end] == phones[0].text


def test_foreign_numbers_handles_and_accounts_are_extracted(scorer):
    result = score(scorer, "hub +855 12 000 123 atau tele @rekrut_kh, ig: loker.asia, "
                           "tf ke BCA 0000123456 a.n. Budi. PT Maju Jaya Sentosa")
    found = {(e.kind, e.value) for e in result.entities}
    assert ("phone", "+85512000123") in found
    assert ("telegram", "@rekrut_kh") in found
    assert ("instagram", "@loker.asia") in found
    assert ("bank_account", "bca:0000123456") in found
    assert ("organisation", "PT Maju Jaya Sentosa") in found


def test_results_have_the_fields_classify_json_prints(scorer):
    data = score(scorer, "visa ziarah").to_dict()
    # As README's "Score a text without storing it" describes them.
    assert set(data) == {"score", "label", "threshold", "model", "flags", "entities", "scope"}
    assert data["model"] == "rules-baseline-1" and data["scope"] == "migrant"
    assert set(data["flags"][0]) == {"code", "text", "start", "end"}


def test_same_text_same_score(scorer):
    text = "Lowongan ART Dubai, tanpa pelatihan, gaji 1200 dirham, inbox"
    assert scorer.score([text, text]) == [score(scorer, text)] * 2


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ScorerError, match="no model .nope."):
        load_scorer("nope")


def test_baseline_separates_the_demo_posts(scorer):
    """The baseline is a real one: most demo offers flagged, few benign posts queued."""
    content = load_content()
    posts = [m for c in content["telegram"] for m in c["message"]] + content["forum"]
    texts = [p["text"] for p in posts]
    labels = [p["label"] for p in posts]
    results = scorer.score(texts)
    tp = sum(r.label == "illegal" and y == "illegal" for r, y in zip(results, labels, strict=True))
    fp = sum(r.label == "illegal" and y == "benign" for r, y in zip(results, labels, strict=True))
    illegal = labels.count("illegal")
    assert tp / illegal >= 0.8, f"recall {tp}/{illegal}"
    assert fp <= 3, f"{fp} benign posts flagged"

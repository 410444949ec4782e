"""The trained model: the shipped one keeps hard negatives out, training is reproducible, and a
model file that is not what its card says is refused."""

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifier import ScorerError, artefacts, load_scorer
from classifier.corpus import Record, read_records, split
from classifier.evaluate import evaluate, metrics
from classifier.linear import UsedColumnsLogisticRegression
from classifier.train import (
    MIN_RECALL,
    MIN_SCENARIO_OFFERS,
    MIN_SCENARIO_RECALL,
    choose_threshold,
    train,
)

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training


@pytest.fixture(scope="module")
def trained():
    return train(seed=0)


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory):
    root = tmp_path_factory.mktemp("models")
    return root, artefacts.save(trained.pipeline, trained.card, root=root, version="t1")


def test_shipped_model_is_active_and_loads():
    scorer = load_scorer(None)
    assert scorer.version == artefacts.active_version()
    assert scorer.version != "rules-baseline-1"


# One hard negative of each kind, written for this test (not in the corpus).
HARD_NEGATIVES = {
    "warning": "Waspada! Tawaran kerja jadi admin di Kamboja gaji 20jt tanpa pengalaman itu "
               "modus penipuan. Jangan tergiur, laporkan ke BP3MI.",
    "news": "Polres setempat menggagalkan keberangkatan 14 calon PMI yang akan dikirim lewat "
            "pelabuhan tikus ke Malaysia tanpa paspor. Dua perekrut jadi tersangka.",
    "licensed_ad": "PT Mitra Karya Sentosa (SIP3MI 000/2025) membuka lowongan caregiver Taiwan, "
                   "terdaftar di SISKOP2MI, pelatihan di LPK, kontrak ditandatangani di Disnaker.",
    "g2g": "Pendaftaran program G to G Korea (EPS-TOPIK) dibuka lewat SISKOP2MI, tanpa calo.",
    "travel_ad": "Paket umroh 12 hari Rp 32 jt, visa umroh, hotel dekat Masjid Nabawi, "
                 "berizin PPIU. Info 0812-0000-5511",
    "domestic_job": "Loker Sidoarjo: dibutuhkan kasir minimarket, min SMA, gaji UMK. "
                    "Kirim CV via WA 0813-0000-2233",
    "question": "Ada yang tau PT ini resmi gak? Aku ditawari kerja ke Taiwan tapi disuruh "
                "bayar 15jt dulu. Takut ketipu.",
}


@pytest.mark.parametrize("kind", sorted(HARD_NEGATIVES))
def test_shipped_model_keeps_hard_negatives_below_the_threshold(kind):
    result = load_scorer(None).score([HARD_NEGATIVES[kind]])[0]
    assert result.label == "benign", (kind, result.score)


OFFER = "🔥 L0ker ART Saudi, berangkat pake visa ziarah, g4ji 1800 real. Minat wa 0812 0000 4455"


def test_shipped_model_flags_an_offer_with_spans_on_the_text_as_given():
    text = OFFER
    result = load_scorer(None).score([text])[0]
    assert result.label == "illegal"
    assert {"visit_visa_for_work", "closed_destination"} <= set(result.flag_codes)
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.text
    assert [e.value for e in result.entities if e.kind == "phone"] == ["+6281200004455"]


def test_train_save_load_gives_identical_scores(trained, saved):
    _, directory = saved
    pipeline, card = artefacts.load(directory)
    texts = [r.text for r in split(read_records(), "test")][:60]
    expected = trained.pipeline.predict_proba(texts)
    assert np.array_equal(pipeline.predict_proba(texts), expected)
    assert card["threshold"] == trained.threshold and card["version"] == "t1"
    scorer = load_scorer(str(directory))
    np.testing.assert_allclose([r.score for r in scorer.score(texts)], expected[:, 1],
                               rtol=0, atol=1e-12)


def test_scoring_needs_neither_scikit_learn_nor_skops_nor_scipy(saved):
    # Their imports took 2.5-4 s, most of a cold start; the weights file needs none of them.
    _, directory = saved
    code = ("import sys; from classifier import load_scorer; "
            f"r = load_scorer({str(directory)!r}).score([{OFFER!r}]); "
            "print(r[0].label, sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sklearn', 'skops', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.split(maxsplit=1) == ["illegal", "[]\n"]


def test_a_model_saved_without_a_weights_file_is_scored_from_its_skops_file(saved, tmp_path):
    _, directory = saved
    copy = tmp_path / "before-weights"
    shutil.copytree(directory, copy)
    (copy / "weights.npz").unlink()
    card = json.loads((copy / "model_card.json").read_text())
    del card["weights_file"], card["weights_sha256"]
    (copy / "model_card.json").write_text(json.dumps(card))
    texts = ["ART Saudi visa ziarah gaji 1800 real", "Loker kasir Sidoarjo, gaji UMK"]
    assert [r.score for r in load_scorer(str(copy)).score(texts)] == \
        [r.score for r in load_scorer(str(directory)).score(texts)]


def test_same_corpus_and_seed_give_the_same_model_card_numbers(trained):
    again = train(seed=0)
    assert again.card["metrics"] == trained.card["metrics"]
    assert again.card["grouped"] == trained.card["grouped"]
    assert again.threshold == trained.threshold


def test_training_reproduces_the_shipped_model_from_the_corpus(trained):
    shipped = artefacts.read_card(artefacts.resolve(artefacts.active_version()))
    assert trained.card["data"]["sha256"] == shipped["data"]["sha256"]
    assert (trained.card["metrics"], trained.threshold) == (shipped["metrics"],
                                                            shipped["threshold"])
    assert trained.card["grouped"] == shipped["grouped"]


def test_fitting_on_the_used_columns_gives_the_model_a_full_width_fit_gives():
    # A quarter of the columns used by no row, as most hashed columns are.
    unused = np.arange(4000) >= 3000
    X = sp.random(120, 4000, density=0.01, format="csr", random_state=4) @ sp.diags(~unused * 1.0)
    X.eliminate_zeros()
    signal = X[:, :1500].sum(axis=1).A1
    y = (signal > np.median(signal)).astype(int)
    plain = LogisticRegression(C=4.0, max_iter=5000).fit(X, y)
    used = UsedColumnsLogisticRegression(C=4.0, max_iter=5000).fit(X, y)
    assert used.coef_.shape == plain.coef_.shape and not used.coef_[:, unused].any()
    assert np.allclose(used.predict_proba(X), plain.predict_proba(X), atol=1e-6)


def test_threshold_keeps_held_out_recall_at_the_floor(trained):
    held = trained.card["grouped"]["metrics"]
    assert held["recall"] >= MIN_RECALL and held["threshold"] == trained.threshold
    for name, scenario in trained.card["grouped"]["scenario_recall"].items():
        if scenario["n"] >= MIN_SCENARIO_OFFERS:
            assert scenario["recall"] >= MIN_SCENARIO_RECALL, name


def test_choose_threshold_keeps_every_scenario_at_its_floor():
    # Twenty offers of one scenario score low: the overall floor alone would give them up.
    y = np.array([1] * 100 + [1] * 20 + [0] * 10)
    scores = np.array([.9] * 100 + [.6] * 3 + [.3] * 17 + [.5] * 5 + [.1] * 5)
    scenarios = [None] * 100 + ["docs"] * 20 + [None] * 10
    # Without floors per scenario: 0.6, the lowest threshold at full precision.
    assert choose_threshold(y, scores, min_recall=0.80) == 0.6
    assert choose_threshold(y, scores, min_recall=0.80, scenarios=scenarios) == 0.3
    # A scenario with fewer offers than MIN_SCENARIO_OFFERS keeps no floor of its own.
    few = [None] * 100 + ["docs"] * 3 + [None] * 27
    assert choose_threshold(y, scores, min_recall=0.80, scenarios=few) == 0.6


def test_choose_threshold_prefers_precision_at_the_recall_floor():
    y = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0])
    scores = np.array([.9, .9, .9, .9, .9, .9, .9, .9, .9, .2, .5, .1])
    # recall 0.9 is reachable at 0.9 (precision 1.0); 0.2 would reach 1.0 recall at less.
    assert choose_threshold(y, scores, min_recall=0.90) == 0.9
    # The default floor (0.93) is not reachable at 0.9: it takes 0.2.
    assert choose_threshold(y, scores) == 0.2


def test_choose_threshold_takes_the_most_recall_at_the_best_precision():
    y = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0])
    scores = np.array([.95, .9, .9, .9, .9, .9, .9, .9, .9, .6, .5, .1])
    # 0.9 and 0.6 both have precision 1.0; 0.6 also finds the tenth offer.
    assert choose_threshold(y, scores) == 0.6


@pytest.mark.parametrize("name", ["model.skops", "weights.npz"])
def test_tampered_model_file_is_refused(saved, tmp_path, name):
    _, directory = saved
    copy = tmp_path / "t1"
    shutil.copytree(directory, copy)
    data = bytearray((copy / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / name).write_bytes(bytes(data))
    with pytest.raises(ScorerError, match=f"{name}: SHA-256 does not match"):
        artefacts.load(copy) if name == "model.skops" else artefacts.load_weights(copy)
    with pytest.raises(ScorerError, match="SHA-256 does not match"):
        artefacts.activate("t1", tmp_path)


def _rewritten_weights(directory: Path, change) -> Path:
    """A copy of the model whose weights file went through `change(meta, arrays)` and whose
    card carries the new file's hash: what a weights file from another version looks like."""
    copy = directory.parent / f"{directory.name}-changed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(directory, copy)
    with np.load(copy / "weights.npz") as archive:
        arrays = {k: archive[k] for k in archive.files}
    meta = json.loads(str(arrays.pop("meta")))
    change(meta, arrays)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, meta=np.array(json.dumps(meta)), **arrays)
    (copy / "weights.npz").write_bytes(buffer.getvalue())
    card = json.loads((copy / "model_card.json").read_text())
    card["weights_sha256"] = hashlib.sha256(buffer.getvalue()).hexdigest()
    (copy / "model_card.json").write_text(json.dumps(card))
    return copy


def _other_rules(meta, arrays):
    meta["blocks"][2]["names"][0] = "flag:retired_code"


def _short_idf(meta, arrays):
    arrays["idf1"] = arrays["idf1"][:-1]


def _pickled_idf(meta, arrays):
    arrays["idf0"] = np.array([{"x": 1}], dtype=object)


@pytest.mark.parametrize("change, reason", [
    (lambda meta, arrays: meta.update(format=2), "weights format 2, but .* reads format 1"),
    (_other_rules, "trained on rule features .*flag:retired_code.*, but this code computes"),
    (_short_idf, r"coefficients for blocks \d+ columns wide"),
    (_pickled_idf, "not a readable weights file"),
])
def test_weights_this_code_cannot_score_with_are_refused(saved, change, reason):
    _, directory = saved
    copy = _rewritten_weights(directory, change)
    with pytest.raises(ScorerError, match=reason):
        artefacts.load_weights(copy)


def test_model_from_an_unknown_format_is_refused(saved, tmp_path):
    _, directory = saved
    copy = tmp_path / "old"
    copy.mkdir()
    card = json.loads((directory / "model_card.json").read_text())
    (copy / "model_card.json").write_text(json.dumps({**card, "format": 0}))
    with pytest.raises(ScorerError, match="format 0"):
        artefacts.load(copy)


def test_model_from_another_scikit_learn_release_is_refused(saved, tmp_path):
    _, directory = saved
    copy = tmp_path / "older"
    shutil.copytree(directory, copy)
    card = json.loads((copy / "model_card.json").read_text())
    card["libraries"]["scikit-learn"] = "0.24.2"
    (copy / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(ScorerError, match="trained with scikit-learn 0.24.2, but .* installed"):
        artefacts.load(copy)


def test_model_with_unknown_types_is_refused_before_it_runs(saved, tmp_path):
    import os

    import skops.io

    _, directory = saved
    evil = tmp_path / "evil"
    shutil.copytree(directory, evil)
    data = skops.io.dumps(Pipeline([("run", FunctionTransformer(os.system))]))
    (evil / "model.skops").write_bytes(data)
    card = json.loads((evil / "model_card.json").read_text())
    card["model_sha256"] = hashlib.sha256(data).hexdigest()
    (evil / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(ScorerError, match="types this code does not know"):
        artefacts.load(evil)
    assert zipfile.is_zipfile(evil / "model.skops")


def test_a_pipeline_the_scorer_cannot_read_is_not_saved(trained, tmp_path):
    other = Pipeline([("scale", FunctionTransformer()), ("model", FunctionTransformer())])
    with pytest.raises(ScorerError, match="features are FunctionTransformer"):
        artefacts.save(other, trained.card, root=tmp_path, version="other")
    assert not (tmp_path / "other").exists()


def test_unknown_model_name_says_what_exists():
    with pytest.raises(ScorerError, match="no model 'nope'"):
        load_scorer("nope")


def test_evaluation_figures_match_a_recount_from_the_predictions():
    records = split(read_records(), "test")
    scorer = load_scorer(None)
    report = evaluate(scorer, records)
    y = np.array([r.y for r in records])
    predicted = np.array([r.score >= scorer.threshold for r in scorer.score(
        [r.text for r in records])])
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    assert report["metrics"]["confusion"] == {"tp": tp, "fp": fp, "fn": fn,
                                              "tn": len(y) - tp - fp - fn}
    assert report["metrics"]["precision"] == round(tp / (tp + fp), 4)
    assert report["metrics"]["recall"] == round(tp / (tp + fn), 4)
    assert metrics(y, np.array(report["scores"]), scorer.threshold) == report["metrics"]


@pytest.mark.parametrize("text", ["", "a" * 1_000_000, "\x00\xff\ufffd" * 500,
                                  "The quick brown fox jumps over the lazy dog.",
                                  "Привет, как дела? 今日は良い天気ですね",
                                  "emoji cut in half \ud83d by a broken JSON escape"])
def test_odd_input_is_scored_without_error(text):
    [result] = load_scorer(None).score([text])
    assert 0.0 <= result.score <= 1.0
    assert result.label == "benign"


def test_hostile_text_in_the_report_is_escaped(tmp_path):
    from classifier.evaluate import write_report

    records = [Record(text="<script>alert(1)</script> kerja ke Kamboja admin gaji 20jt japri",
                      label="benign", id="x"),
               Record(text="ART Saudi visa ziarah wa 0812-0000-1234", label="illegal", id="y")]
    write_report(evaluate(load_scorer(None), records), tmp_path)
    page = (tmp_path / "report.html").read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert (tmp_path / "score_histogram.png").stat().st_size > 0


def test_the_shipped_model_does_not_know_the_corpus_number_block():
    """Every number in the corpus is in the 0812-0000-xxxx block, and real numbers never are:
    a model that learnt the block would score a real recruiter's number differently."""
    scorer = load_scorer(None)
    posts = ["Loker ART Saudi via visa ziarah, berangkat cepat. wa {}",
             "Dicari kasir toko bangunan di Kupang, gaji UMK, libur minggu. hub {}"]
    for post in posts:
        scores = {round(r.score, 9) for r in scorer.score(
            [post.format(n) for n in ("0812-0000-1234", "0813-8842-9071", "+62 857 1943 2266")])}
        assert len(scores) == 1, (post, scores)

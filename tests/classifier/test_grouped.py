"""Family folds, the stacked model's evidence layer, and the leave-family-out figures that
`patrol evaluate --json` reports."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from sklearn.model_selection import KFold

from classifier import artefacts, load_scorer
from classifier.corpus import read_records
from classifier.evaluate import breakdown
from classifier.folds import family_folds, groups_of
from classifier.rule_features import feature_names
from classifier.stack import BoundedLogistic, FamilyStack


def _leaky_groups() -> list[str]:
    # Families of very different sizes, their variants next to each other as the corpus
    # writes them: folds cut by position put one family's variants on both sides.
    sizes = [1, 2, 3, 5, 8, 13, 21, 4, 7, 9, 11, 6, 2, 1, 10]
    return [f"family-{n}" for n, size in enumerate(sizes) for _ in range(size)]


def test_family_folds_never_put_one_family_on_both_sides():
    groups = np.array(_leaky_groups())
    folds = family_folds(groups)
    assert len(folds) == 5
    for train, held in folds:
        assert not set(groups[train]) & set(groups[held])
    # Every record is held out exactly once.
    assert sorted(np.concatenate([held for _, held in folds]).tolist()) == list(range(len(groups)))


def test_the_leaky_corpus_does_leak_with_folds_cut_by_position():
    groups = np.array(_leaky_groups())
    leaks = [set(groups[train]) & set(groups[held])
             for train, held in KFold(5).split(groups)]
    assert any(leaks), "the test corpus must be one that ordinary folds would leak"


def test_family_folds_are_even_and_depend_only_on_the_groups():
    groups = _leaky_groups()
    sizes = [len(held) for _, held in family_folds(groups)]
    assert max(sizes) - min(sizes) <= 2
    shuffled = list(reversed(groups))
    # Same families, other order: each family lands in the same fold.
    first = {groups[i]: k for k, (_, held) in enumerate(family_folds(groups)) for i in held}
    second = {shuffled[i]: k for k, (_, held) in enumerate(family_folds(shuffled)) for i in held}
    assert first == second


def test_records_without_a_family_are_each_their_own():
    records = read_records()[:3]
    plain = [type(r)(text=r.text, label=r.label, id=r.id) for r in records]
    assert groups_of(plain) == [f"record:{r.id}" for r in records]


def test_too_few_families_for_the_folds_is_an_error():
    with pytest.raises(ValueError, match="3 families cannot fill 5 folds"):
        family_folds(["a", "b", "c", "a"])


def test_held_out_scores_come_from_models_that_never_saw_the_family():
    # Each family's label is carried by a word only that family uses: a model that saw the
    # family scores it right, one that did not can only guess from the shared columns.
    rng = np.random.default_rng(0)
    families, y, rows = 20, [], []
    for family in range(families):
        label = family % 2
        for _ in range(6):
            row = np.zeros(families + 2)
            row[family] = 1.0  # the family's own word
            row[families:] = rng.random(2)  # shared noise; these are the "rule" columns
            rows.append(row)
            y.append(label)
    X, y = np.array(rows), np.array(y)
    groups = [str(i // 6) for i in range(len(y))]
    model = FamilyStack(rule_names=("cue:a", "cue:b"), C=100.0).fit(X, y, groups=groups)
    # The text layer fitted on everything remembers each family ...
    assert np.mean(model.text_.predict(X[:, :families]) == y) == 1.0
    # ... held out, the recipe cannot: no better than a coin on families it never saw,
    assert np.mean((model.held_out_proba_ >= 0.5) == y) < 0.75
    # and the evidence layer, fitted on held-out decisions, learns not to trust that memory.
    assert model.evidence_.coef_[0] < 0.1 * model.text_.coef_.max()


def test_the_evidence_layer_keeps_its_bounds():
    rng = np.random.default_rng(1)
    X = rng.random((200, 3))
    y = (X[:, 0] - X[:, 1] + 0.1 * rng.standard_normal(200) > 0).astype(int)
    free = BoundedLogistic(C=10.0).fit(X, y)
    bounded = BoundedLogistic(C=10.0, nonnegative=[1]).fit(X, y)
    assert free.coef_[1] < -1.0  # the data push column 1 down ...
    assert bounded.coef_[1] == 0.0  # ... the bound holds it at zero
    assert bounded.coef_[0] > 1.0


def _shipped():
    directory = artefacts.resolve(artefacts.active_version())
    pipeline, card = artefacts.load(directory)
    return pipeline, card


@pytest.mark.parametrize("code", [n for n in feature_names() if n.startswith("flag")])
def test_raising_a_red_flag_feature_never_lowers_the_shipped_models_score(code):
    pipeline, _ = _shipped()
    features, model = pipeline.named_steps["features"], pipeline.named_steps["model"]
    texts = [r.text for r in read_records()[::97]]
    X = features.transform(texts).tocsr().astype(np.float64)
    column = X.shape[1] - len(feature_names()) + feature_names().index(code)
    before = model.predict_proba(X)[:, 1]
    for value in (0.5, 1.0, 2.0):
        raised = X.tolil()
        for row in range(X.shape[0]):
            raised[row, column] = max(X[row, column], value)
        after = model.predict_proba(raised.tocsr())[:, 1]
        assert np.all(after >= before - 1e-12), code


def test_shipped_model_uses_family_folds():
    _, card = _shipped()
    assert card["design"] == "stacked" and card["grouped"]["folds"] == 5
    held = card["grouped"]["held_out"]
    assert len(held["ids"]) == len(held["scores"]) == card["grouped"]["records"]


def test_evaluate_json_has_the_grouped_figures_and_they_recount_from_its_predictions():
    run = subprocess.run([sys.executable, "-m", "patrol.cli", "evaluate", "--json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    grouped = report["grouped"]
    held = grouped["held_out"]
    by_id = {r.id: r for r in read_records()}
    records = [by_id[i] for i in held["ids"]]
    assert [r.y for r in records] == held["labels"]
    recount = breakdown(records, np.array(held["scores"]), grouped["metrics"]["threshold"])
    for key in ("metrics", "hard_negatives", "scenario_recall", "code_recall"):
        assert recount[key] == grouped[key], key
    assert grouped["gap"]["f1"] == round(report["metrics"]["f1"] - grouped["metrics"]["f1"], 4)


# Posts written for this test, one or two per new scenario (docs/scenarios.md).
NEW_SCENARIO_POSTS = [
    ("domestic", "illegal",
     "Dicari cewek usia 16-20 buat kerja cafe di kota tambang Kalimantan. Ongkos kapal "
     "dipinjamkan, nanti dipotong gaji. HP dipegang bos selama kerja, gaji dibayar akhir "
     "kontrak. Minat japri 0812-0000-4411"),
    ("domestic", "benign",
     "Lowongan kasir minimarket di Balikpapan. Kontrak 1 tahun, BPJS, libur 1 hari seminggu, "
     "mess dan makan siang disediakan, gaji dibayar tiap tanggal 25. Kirim lamaran ke HRD."),
    # Household work inside Indonesia: the commonest hard negative, and the same job when
    # the papers are kept and the wages go to the parents.
    ("domestic", "benign",
     "Dicari ART nginep untuk keluarga kecil di Depok, 2 anak usia SD. Gaji 2,5 jt, libur 2x "
     "sebulan, makan dan kamar sendiri. WA Bu Rina 0812-0000-6677"),
    ("domestic", "benign",
     "Butuh baby sitter pulang hari daerah Sidoarjo, jam 7-17, gaji 2 jt + uang makan, libur "
     "Minggu. Hub 0857-0000-3344"),
    ("domestic", "illegal",
     "Cari ART umur 15 ke atas buat kerja di Medan, KTP dan ijazah ditahan majikan biar gak "
     "kabur, gaji dikirim ke orang tua tiap 6 bulan. Japri 0813-0000-2211"),
    ("sponsor", "illegal",
     "Sponsor dari kampung siap bantu berangkat ke Malaysia lewat jalur kekeluargaan, tidak "
     "perlu lewat PT. Keluarga dapat uang fit 3 juta sebelum berangkat, kumpul di Batam dulu."),
    ("paid_visa", "illegal",
     "Visa kerja Polandia keluar 3 minggu! Biaya proses 45 juta transfer ke rekening pribadi "
     "kami, tidak perlu lewat BP2MI atau Disnaker. Slot terbatas, hub 0857-0000-2299"),
    ("malaysia", "illegal",
     "Kerja kilang di Johor, masuk pakai paspor pelancong dulu, permit nyusul. Kalau razia "
     "bilang liburan. Berangkat dari Batam naik boat malam. WA 0813-0000-7766"),
    ("docs", "illegal",
     "Jasa buat paspor untuk kerja ke luar negeri, umur bisa dituakan, belum 18 gpp. Data "
     "bisa diubah, proses cepat. Minat pm."),
    ("docs", "benign",
     "Jasa penerjemah tersumpah: ijazah, akta lahir, buku nikah. Hanya dokumen asli, "
     "legalisasi Kemenkumham dan kedutaan. Kantor di Jakarta Selatan."),
    ("english", "illegal",
     "Hiring waitress for club in Dubai. Come with visit visa, we convert it there. Ticket "
     "and visa fees deducted from your salary, passport kept by management. DM me."),
]


@pytest.mark.parametrize("scenario,label,text", NEW_SCENARIO_POSTS)
def test_new_scenarios_land_on_the_right_side_of_the_threshold(scenario, label, text):
    result = load_scorer().score([text])[0]
    assert result.label == label, (scenario, result.score, result.flag_codes)
    if scenario == "domestic":
        assert result.scope == "domestic"


@pytest.mark.parametrize("scenario", ["domestic", "sponsor", "paid_visa", "malaysia", "docs",
                                      "english"])
def test_every_new_scenario_has_offers_and_hard_negatives_on_the_right_side(scenario):
    records = [r for r in read_records() if r.scenario == scenario]
    offers = [r for r in records if r.y == 1]
    benign = [r for r in records if r.y == 0]
    assert len(offers) >= 15 and len(benign) >= 15
    scorer = load_scorer()
    flagged = [r.label == "illegal" for r in scorer.score([r.text for r in offers])]
    cleared = [r.label == "benign" for r in scorer.score([r.text for r in benign])]
    assert np.mean(flagged) >= 0.9 and np.mean(cleared) >= 0.95, (np.mean(flagged),
                                                                  np.mean(cleared))

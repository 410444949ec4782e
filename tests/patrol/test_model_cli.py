"""`patrol train`, `evaluate` and `models` in a subprocess, as an analyst runs them."""

from __future__ import annotations

import json
import shutil

import pytest

from classifier import artefacts
from tests.conftest import run_patrol

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

LABELLED = [
    {"text": "Lowongan ART Saudi, visa ziarah, tanpa pelatihan. japri wa 0812-0000-3456",
     "label": "illegal"},
    {"text": "WASPADA modus lowongan ke Saudi pakai visa ziarah, jangan tergiur! Lapor BP2MI.",
     "label": "benign", "category": "warning"},
    {"text": "Kerja admin di Kamboja gaji $1500 tanpa pengalaman, tiket gratis, DM @rekrut_kh",
     "label": "illegal"},
    {"text": "Loker kasir minimarket di Sidoarjo, gaji UMK, kirim CV", "label": "benign"},
]


def _write(path, records, extra_line=None):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if extra_line is not None:
        lines.insert(2, extra_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_on_a_labelled_file_reports_model_and_baseline(tmp_path):
    data = _write(tmp_path / "labelled.jsonl", LABELLED)
    result = run_patrol("evaluate", "--data", str(data), "--report", str(tmp_path / "r"),
                        "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 4
    assert report["metrics"]["confusion"]["tp"] + report["metrics"]["confusion"]["fn"] == 2
    assert report["baseline"]["model"] == "rules-baseline-1"
    assert report["hard_negatives"]["n"] == 1
    assert (tmp_path / "r" / "report.md").is_file()
    assert (tmp_path / "r" / "pr_curve.png").is_file()


def test_evaluate_names_the_broken_line(tmp_path):
    data = _write(tmp_path / "labelled.jsonl", LABELLED, extra_line="{not json")
    result = run_patrol("evaluate", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 2
    assert "labelled.jsonl:3: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_train_refuses_a_corpus_too_small_to_learn_from(tmp_path):
    data = _write(tmp_path / "tiny.jsonl", [{**r, "split": "train"} for r in LABELLED])
    result = run_patrol("train", "--corpus", str(data), cwd=tmp_path,
                        env={"PATROL_MODELS_DIR": str(tmp_path / "models")})
    assert result.returncode == 2
    assert "need at least 50 train and dev records in at least 5 families" in result.stderr
    assert not (tmp_path / "models").exists()


def test_train_writes_a_new_version_that_becomes_active_only_when_promoted(tmp_path,
                                                                         small_corpus):
    models = tmp_path / "models"
    env = {"PATROL_MODELS_DIR": str(models),
           "PATROL_DATABASE_URL": f"sqlite:///{tmp_path / 'patrol.db'}"}
    shutil.copy(small_corpus, tmp_path / "corpus.jsonl")
    trained = run_patrol("train", "--corpus", str(tmp_path / "corpus.jsonl"), "--version", "v1",
                         cwd=tmp_path, env=env, timeout=300)
    assert trained.returncode == 0, trained.stderr
    assert "patrol models promote v1" in trained.stdout
    assert artefacts.active_version(models) is None
    listed = json.loads(run_patrol("models", "list", "--json", cwd=tmp_path, env=env).stdout)
    assert [(m["version"], m["active"]) for m in listed] == [("v1", False)]

    # Trained on a quarter of the families, it may well be worse than the rules on the frozen
    # set; whether it is does not matter here, so the reason is given up front.
    promoted = run_patrol("models", "promote", "v1", "--force", "--reason", "test corpus",
                          cwd=tmp_path, env=env)
    assert promoted.returncode == 0, promoted.stderr
    assert "active model: v1 (was rules-baseline-1)" in promoted.stdout
    assert artefacts.active_version(models) == "v1"
    scored = run_patrol("classify", LABELLED[0]["text"], "--json", cwd=tmp_path, env=env)
    assert json.loads(scored.stdout)["model"] == "v1"

    missing = run_patrol("models", "promote", "v2", cwd=tmp_path, env=env)
    assert missing.returncode == 2 and "no model 'v2'" in missing.stderr
    assert artefacts.active_version(models) == "v1"

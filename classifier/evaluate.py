"""Quality figures of a scorer on labelled records, side by side with the rule baseline, and
the report `patrol evaluate` writes (Markdown, HTML and PNG plots)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)

from classifier.corpus import Record
from classifier.flags import FAMILIES, FAMILY_OF
from classifier.plots import pyplot, save

HARD_NEGATIVES = {"warning", "news", "licensed_ad", "g2g", "travel_ad", "domestic_job",
                  "question", "story", "service_ad"}
TOP = 10


def metrics(y: np.ndarray, scores: np.ndarray, threshold: float) -> dict:
    """Precision, recall, F1, ROC-AUC, PR-AUC, Brier score and the confusion matrix."""
    predicted = (scores >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    both = len(set(y.tolist())) == 2
    return {
        "n": int(len(y)), "threshold": float(threshold),
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
        "f1": round(float(f1_score(y, predicted, zero_division=0)), 4),
        "roc_auc": round(float(roc_auc_score(y, scores)), 4) if both else None,
        "pr_auc": round(float(average_precision_score(y, scores)), 4) if both else None,
        "brier": round(float(brier_score_loss(y, scores, pos_label=1)), 4),
        "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
    }


def family_recall(records: Sequence[Record], predicted: np.ndarray) -> dict:
    """Recall over illegal records whose expected flags include a code of each family."""
    out = {}
    for family in FAMILIES:
        hits = [p for r, p in zip(records, predicted, strict=True)
                if r.y == 1 and any(FAMILY_OF.get(c) == family for c in r.flags)]
        out[family] = {"n": len(hits),
                       "recall": round(sum(hits) / len(hits), 4) if hits else None}
    return out


def code_recall(records: Sequence[Record], predicted: np.ndarray) -> dict:
    """Recall over illegal records whose expected flags include each red-flag code."""
    hits: dict[str, list[int]] = {}
    for r, p in zip(records, predicted, strict=True):
        if r.y == 1:
            for code in r.flags:
                hits.setdefault(code, []).append(int(p))
    return {code: {"n": len(v), "recall": round(sum(v) / len(v), 4)}
            for code, v in sorted(hits.items())}


def scenario_recall(records: Sequence[Record], predicted: np.ndarray) -> dict:
    """Per scenario (records that name one): recall on its offers and false-positive rate on
    its benign posts."""
    out: dict[str, dict] = {}
    for r, p in zip(records, predicted, strict=True):
        if r.scenario:
            side = out.setdefault(r.scenario, {"offers": [], "benign": []})
            side["offers" if r.y else "benign"].append(int(p))
    return {name: {"n": len(v["offers"]),
                   "recall": round(sum(v["offers"]) / len(v["offers"]), 4) if v["offers"]
                   else None,
                   "benign": len(v["benign"]),
                   "fpr": round(sum(v["benign"]) / len(v["benign"]), 4) if v["benign"] else None}
            for name, v in sorted(out.items())}


def breakdown(records: Sequence[Record], scores: np.ndarray, threshold: float) -> dict:
    """The figures every evaluation reports from scores alone: the metrics, hard negatives,
    recall per scenario and per red-flag code. The model card's leave-family-out figures are
    this, on held-out scores."""
    y = np.array([r.y for r in records])
    scores = np.asarray(scores, dtype=np.float64)
    predicted = (scores >= threshold).astype(int)
    return {"metrics": metrics(y, scores, threshold),
            "hard_negatives": hard_negative_fpr(records, predicted),
            "scenario_recall": scenario_recall(records, predicted),
            "code_recall": code_recall(records, predicted)}


def hard_negative_fpr(records: Sequence[Record], predicted: np.ndarray) -> dict:
    flagged = [p for r, p in zip(records, predicted, strict=True)
               if r.y == 0 and r.category in HARD_NEGATIVES]
    by_kind = {}
    for kind in sorted(HARD_NEGATIVES):
        hits = [p for r, p in zip(records, predicted, strict=True)
                if r.y == 0 and r.category == kind]
        if hits:
            by_kind[kind] = {"n": len(hits), "fpr": round(sum(hits) / len(hits), 4)}
    return {"n": len(flagged), "fpr": round(sum(flagged) / len(flagged), 4) if flagged else None,
            "by_kind": by_kind}


def phone_extraction(records: Sequence[Record], results: Sequence) -> dict:
    expected = found = 0
    for record, result in zip(records, results, strict=True):
        values = {e.value for e in result.entities if e.kind == "phone"}
        expected += len(record.phones)
        found += sum(1 for p in record.phones if p in values)
    return {"expected": expected, "found": found,
            "rate": round(found / expected, 4) if expected else None}


def _examples(records, results, predicted, wrong_label: int) -> list[dict]:
    rows = [(res.score, rec, res) for rec, res, p in zip(records, results, predicted, strict=True)
            if rec.y == wrong_label and p != rec.y]
    rows.sort(key=lambda row: row[0], reverse=(wrong_label == 0))
    return [{"id": rec.id, "score": score, "flags": res.flag_codes, "text": rec.text}
            for score, rec, res in rows[:TOP]]


def evaluate(scorer, records: Sequence[Record], baseline=None) -> dict:
    """Everything `patrol evaluate` reports, as one dict (the report and --json print it)."""
    texts = [r.text for r in records]
    y = np.array([r.y for r in records])
    results = scorer.score(texts)
    scores = np.array([r.score for r in results])
    predicted = (scores >= scorer.threshold).astype(int)
    report = {
        "model": scorer.version, "records": len(records),
        **breakdown(records, scores, scorer.threshold),
        "family_recall": family_recall(records, predicted),
        "phones": phone_extraction(records, results),
        "false_positives": _examples(records, results, predicted, 0),
        "false_negatives": _examples(records, results, predicted, 1),
        "scores": scores.tolist(), "labels": y.tolist(),
    }
    report["grouped"] = grouped_figures(scorer, report["metrics"])
    if baseline is not None and baseline.version != scorer.version:
        base = np.array([r.score for r in baseline.score(texts)])
        base_pred = (base >= baseline.threshold).astype(int)
        report["baseline"] = {"model": baseline.version,
                              "metrics": metrics(y, base, baseline.threshold),
                              "hard_negatives": hard_negative_fpr(records, base_pred)}
    return report


def grouped_figures(scorer, metrics_here: dict) -> dict | None:
    """The model's leave-family-out figures from its card, with the held-out scores they are
    counted from, and how far the figures on these records lie from them. None for a model
    trained before family folds (up to v10) and for the rule baseline."""
    grouped = getattr(scorer, "card", {}).get("grouped")
    if not grouped:
        return None
    return {**grouped, "gap": {k: round(metrics_here[k] - grouped["metrics"][k], 4)
                               for k in ("precision", "recall", "f1")}}


# --- the written report -------------------------------------------------------------------


def write_report(report: dict, directory: Path) -> list[Path]:
    """report.md, report.html and three PNG plots in `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    plots = _plots(report, directory)
    markdown = _markdown(report, [p.name for p in plots])
    (directory / "report.md").write_text(markdown, encoding="utf-8")
    (directory / "report.html").write_text(_html(report, [p.name for p in plots]),
                                           encoding="utf-8")
    return [directory / "report.md", directory / "report.html", *plots]


def _rows(report: dict) -> list[tuple[str, str, str]]:
    m = report["metrics"]
    b = report.get("baseline", {}).get("metrics", {})
    hn = report["hard_negatives"]["fpr"]
    bhn = report.get("baseline", {}).get("hard_negatives", {}).get("fpr")
    rows = [(k, str(m[k]), str(b.get(k, "")))
            for k in ("precision", "recall", "f1", "roc_auc", "pr_auc", "brier", "threshold")]
    rows.append(("hard-negative FPR", str(hn), str(bhn if bhn is not None else "")))
    return rows


def _markdown(report: dict, plots: list[str]) -> str:
    base = report.get("baseline", {}).get("model", "-")
    c = report["metrics"]["confusion"]
    lines = [f"# Evaluation of {report['model']}", "",
             f"{report['records']} records. Baseline: {base}.", "",
             f"| metric | {report['model']} | {base} |", "| --- | --- | --- |"]
    lines += [f"| {k} | {v} | {w} |" for k, v, w in _rows(report)]
    lines += ["", f"Confusion: TP {c['tp']}, FP {c['fp']}, TN {c['tn']}, FN {c['fn']}.", "",
              "| red-flag family | n | recall |", "| --- | --- | --- |"]
    lines += [f"| {f} | {v['n']} | {v['recall']} |" for f, v in report["family_recall"].items()]
    lines += ["", "| hard negatives | n | false-positive rate |", "| --- | --- | --- |"]
    lines += [f"| {k} | {v['n']} | {v['fpr']} |"
              for k, v in report["hard_negatives"]["by_kind"].items()]
    phones = report["phones"]
    lines += ["", f"Phone numbers extracted with the right E.164: {phones['found']} of "
              f"{phones['expected']} ({phones['rate']}).", ""]
    for title, key in (("Top false positives", "false_positives"),
                       ("Top false negatives", "false_negatives")):
        lines += [f"## {title}", ""]
        for e in report[key]:
            text = " ".join(e["text"].split()).replace("|", "\\|")
            lines.append(f"- `{e['id']}` score {e['score']:.3f} flags {', '.join(e['flags'])}: "
                         f"{text}")
        if not report[key]:
            lines.append("- (none)")
        lines.append("")
    lines += [f"![{p}]({p})" for p in plots]
    return "\n".join(lines) + "\n"


def _html(report: dict, plots: list[str]) -> str:
    e = html.escape  # post texts are hostile: everything is escaped
    rows = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td><td>{e(w)}</td></tr>"
                   for k, v, w in _rows(report))
    families = "".join(f"<tr><td>{e(f)}</td><td>{v['n']}</td><td>{e(str(v['recall']))}</td></tr>"
                       for f, v in report["family_recall"].items())
    examples = ""
    for title, key in (("Top false positives", "false_positives"),
                       ("Top false negatives", "false_negatives")):
        items = "".join(f"<li><code>{e(x['id'])}</code> {x['score']} "
                        f"[{e(', '.join(x['flags']))}]: {e(x['text'])}</li>" for x in report[key])
        examples += f"<h2>{title}</h2><ul>{items or '<li>(none)</li>'}</ul>"
    images = "".join(f'<img src="{e(p)}" alt="{e(p)}" width="480">' for p in plots)
    return (f"<!doctype html><meta charset='utf-8'><title>Evaluation {e(report['model'])}</title>"
            f"<h1>Evaluation of {e(report['model'])}</h1><p>{report['records']} records</p>"
            f"<table border=1><tr><th>metric</th><th>model</th><th>baseline</th></tr>{rows}"
            f"</table><h2>Recall per red-flag family</h2><table border=1>{families}</table>"
            f"{examples}{images}\n")


def _plots(report: dict, directory: Path) -> list[Path]:
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import precision_recall_curve

    plt = pyplot()
    y = np.array(report["labels"])
    scores = np.array(report["scores"])
    paths = []
    if len(set(y.tolist())) == 2:
        precision, recall, _ = precision_recall_curve(y, scores)
        fig, ax = plt.subplots(figsize=(5, 4))
        ax.plot(recall, precision)
        ax.set(xlabel="recall", ylabel="precision", title="Precision-recall")
        paths.append(save(fig, directory / "pr_curve.png"))
        true, predicted = calibration_curve(y, scores, n_bins=10, strategy="quantile")
        fig, ax = plt.subplots(figsize=(5, 4))
        ax.plot(predicted, true, marker="o")
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey")
        ax.set(xlabel="mean score", ylabel="share illegal", title="Calibration")
        paths.append(save(fig, directory / "calibration.png"))
    fig, ax = plt.subplots(figsize=(5, 4))
    for label, name in ((0, "benign"), (1, "illegal")):
        ax.hist(scores[y == label], bins=20, range=(0, 1), alpha=0.6, label=name)
    ax.axvline(report["metrics"]["threshold"], color="black", linestyle=":")
    ax.set(xlabel="score", ylabel="posts", title="Scores per label")
    ax.legend()
    paths.append(save(fig, directory / "score_histogram.png"))
    return paths

"""The model designs of classifier/train.py side by side, under family folds.

    .venv/bin/python bench/model_designs.py [--corpus FILE] [--json]

For each design: the leave-family-out figures (5 family folds over the train and dev splits),
the frozen test split, and where `../shared/eval/` is present, the independent set and the
real job ads flagged. The independent set and the job ads are only scored here, never fitted
or tuned on: the designs and their settings are chosen on the family folds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifier.corpus import read_records  # noqa: E402
from classifier.evaluate import breakdown  # noqa: E402
from classifier.train import DESIGN, DESIGNS, train  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def independent() -> list:
    path = EVAL / "independent_v1.jsonl"
    return read_records(path) if path.is_file() else []


def job_ads() -> list[str]:
    texts = []
    for path in sorted((EVAL / "real_job_ads").glob("*.jsonl")):
        if path.name.startswith("news"):
            continue
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def figures(design: str, corpus: str | None, held: list, ads: list[str]) -> dict:
    started = time.perf_counter()
    trained = train(corpus, design=design)
    row = {"design": design, "seconds": round(time.perf_counter() - started, 1),
           "threshold": trained.threshold,
           "grouped": trained.card["grouped"]["metrics"],
           "grouped_hard_negative_fpr": trained.card["grouped"]["hard_negatives"]["fpr"],
           "test": trained.card["metrics"].get("test")}
    if held:
        scores = trained.pipeline.predict_proba([r.text for r in held])[:, 1]
        row["independent_v1"] = breakdown(held, scores, trained.threshold)
    if ads:
        scores = trained.pipeline.predict_proba(ads)[:, 1]
        row["job_ads_flagged"] = int(np.sum(scores >= trained.threshold))
        row["job_ads"] = len(ads)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--design", action="append", help="default: every design")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    held, ads = independent(), job_ads()
    rows = [figures(d, args.corpus, held, ads) for d in args.design or DESIGNS]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"shipped design: {DESIGN}")
    print("| design | grouped F1 | P | R | hard-neg FPR | test F1 | indep. F1 | P | R | "
          "job ads flagged |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        g, t = row["grouped"], row["test"] or {}
        i = row.get("independent_v1", {}).get("metrics", {})
        print(f"| {row['design']} | {g['f1']} | {g['precision']} | {g['recall']} | "
              f"{row['grouped_hard_negative_fpr']} | {t.get('f1')} | {i.get('f1')} | "
              f"{i.get('precision')} | {i.get('recall')} | "
              f"{row.get('job_ads_flagged')} of {row.get('job_ads')} |")


if __name__ == "__main__":
    main()

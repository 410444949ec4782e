"""The active model and the rule baseline on the 80 demo-site posts, an out-of-corpus check.

    .venv/bin/python bench/demo_posts_eval.py [--model VERSION]

The demo posts were written before the training corpus and share none of its
skeletons, so they test the model on text it has not seen the shape of. They are few (80) and
were written by the same team, so read them as a sanity check beside `patrol evaluate`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifier import load_scorer  # noqa: E402
from classifier.corpus import Record  # noqa: E402
from classifier.evaluate import evaluate  # noqa: E402
from crawler.demo_site.server import load_content  # noqa: E402

CATEGORY = {"news": "news"}  # news items are the hard negatives we can name without guessing


def demo_records() -> list[Record]:
    content = load_content()
    posts = [(m["text"], m["label"], "") for c in content["telegram"] for m in c["message"]]
    posts += [(t["text"], t["label"], "") for t in content["forum"]]
    posts += [(f"{j['title']}\n{j['description']}", j["label"], "") for j in content["job"]]
    posts += [(f"{n['title']}\n{n['body']}", n["label"], "news") for n in content["news"]]
    return [Record(text=t, label=label, id=f"demo-{i}", category=cat)
            for i, (t, label, cat) in enumerate(posts, start=1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="default: the active model")
    args = parser.parse_args()
    records = demo_records()
    report = evaluate(load_scorer(args.model), records, baseline=load_scorer("rules"))
    print(f"posts {len(records)} ({sum(r.y for r in records)} illegal)")
    rows = [("model", report["model"], report["metrics"])]
    if "baseline" in report:
        rows.append(("baseline", report["baseline"]["model"], report["baseline"]["metrics"]))
    for name, version, m in rows:
        c = m["confusion"]
        print(f"{name:9} {version:18} precision {m['precision']:.2f}  recall {m['recall']:.2f}  "
              f"F1 {m['f1']:.2f}  (FP {c['fp']}, FN {c['fn']})")
    for key, title in (("false_positives", "flagged but benign"),
                       ("false_negatives", "missed")):
        for e in report[key]:
            print(f"  {title}: {e['score']:.2f} {' '.join(e['text'].split())[:100]}")


if __name__ == "__main__":
    main()

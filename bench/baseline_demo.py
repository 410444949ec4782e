"""How the rule baseline does on the 80 demo posts, against the labels written with them.

    .venv/bin/python bench/baseline_demo.py

The demo posts were written by the same people as the rules, so this is an in-sample sanity
figure, not a measure of generalisation; `patrol evaluate` (issue 4) gives that.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifier import load_scorer  # noqa: E402
from crawler.demo_site.server import load_content  # noqa: E402


def labelled_demo_posts() -> list[tuple[str, str]]:
    content = load_content()
    posts = [(m["text"], m["label"]) for c in content["telegram"] for m in c["message"]]
    posts += [(t["text"], t["label"]) for t in content["forum"]]
    posts += [(f"{j['title']}\n{j['description']}", j["label"]) for j in content["job"]]
    posts += [(f"{n['title']}\n{n['body']}", n["label"]) for n in content["news"]]
    return posts


def main() -> None:
    posts = labelled_demo_posts()
    scorer = load_scorer("rules")
    predicted = [r.label for r in scorer.score([text for text, _ in posts])]
    pairs = list(zip(predicted, (label for _, label in posts), strict=True))
    tp = pairs.count(("illegal", "illegal"))
    fp = pairs.count(("illegal", "benign"))
    fn = pairs.count(("benign", "illegal"))
    print(f"posts      {len(posts)} ({tp + fn} illegal)")
    print(f"precision  {tp / (tp + fp):.2f}  ({fp} benign posts flagged)")
    print(f"recall     {tp / (tp + fn):.2f}  ({fn} illegal posts missed)")
    for (text, label), guess in zip(posts, predicted, strict=True):
        if guess != label:
            print(f"  wrong: labelled {label}: {' '.join(text.split())[:90]}")


if __name__ == "__main__":
    main()

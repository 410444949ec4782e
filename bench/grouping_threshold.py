"""Which MinHash similarity makes two posts "the same offer with small edits"? Measured on the
corpus, to choose the default threshold of the near-duplicate groups.

    .venv/bin/python bench/grouping_threshold.py

Positive pairs: a corpus post and a copy with the edits reposts get (another phone number,
an emoji, a line added, a price changed, a word misspelt; one to three of them). Negative
pairs: two posts of the same template family (same skeleton, other slots: the hardest case),
and two posts of different families. Prints the estimated Jaccard similarity of each kind at
a few quantiles and, for each candidate threshold, the share of each kind grouped.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EMOJI = ["🔥", "✅", "📞", "‼️", "👉", "🙏"]
ADDED = ["Info lebih lanjut DM aja.", "Slot terbatas!!", "Yg serius aja ya", "#loker #kerja",
         "Repost, masih dibuka."]


def edited(text: str, rng: random.Random) -> str:
    edits = rng.sample(["phone", "emoji", "line", "price", "typo"], rng.randint(1, 3))
    for edit in edits:
        if edit == "phone":
            text = re.sub(r"0000[\s.\-]?\d{4}", f"0000-{rng.randint(1000, 9999)}", text)
        elif edit == "emoji":
            text = f"{rng.choice(EMOJI)} {text} {rng.choice(EMOJI)}"
        elif edit == "line":
            text = f"{text}\n{rng.choice(ADDED)}"
        elif edit == "price":
            text = re.sub(r"\d+(?=\s?(jt|juta|rb))", str(rng.randint(2, 30)), text, count=1)
        else:
            words = text.split()
            i = rng.randrange(len(words))
            if len(words[i]) > 3:
                words[i] = words[i][:-1]
            text = " ".join(words)
    return text


def main() -> None:
    from classifier.corpus import read_records
    from classifier.shingles import signature

    rng = random.Random(7)
    records = read_records()
    by_group: dict[str, list] = {}
    for r in records:
        by_group.setdefault(r.group, []).append(r)
    sample = rng.sample(records, 600)
    pairs = {"edited copy": [(r.text, edited(r.text, rng)) for r in sample],
             "same family": [], "other family": []}
    for r in sample:
        siblings = [s for s in by_group[r.group] if s.text != r.text]
        if siblings:
            pairs["same family"].append((r.text, rng.choice(siblings).text))
        other = rng.choice(records)
        if other.group != r.group:
            pairs["other family"].append((r.text, other.text))
    sims = {kind: sorted(signature(a).jaccard(signature(b)) for a, b in found)
            for kind, found in pairs.items()}
    print(f"{'pairs':14} {'n':>5} " + " ".join(f"{f'q{q}':>6}" for q in (5, 25, 50, 75, 95)))
    for kind, values in sims.items():
        qs = [values[min(int(q / 100 * len(values)), len(values) - 1)]
              for q in (5, 25, 50, 75, 95)]
        print(f"{kind:14} {len(values):5} " + " ".join(f"{q:6.2f}" for q in qs))
    print("\nshare of pairs grouped at each threshold")
    print(f"{'threshold':>9} " + " ".join(f"{k:>13}" for k in sims))
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        shares = [sum(v >= threshold for v in values) / len(values) for values in sims.values()]
        print(f"{threshold:9.1f} " + " ".join(f"{s:13.1%}" for s in shares))


if __name__ == "__main__":
    main()

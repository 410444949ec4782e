"""Write the labelled corpus (corpus.jsonl) from the hand-written post families in families.py.

    .venv/bin/python classifier/data/write_corpus.py

Every family is one post skeleton written by hand for this project. Its variants fill the
slots (<dest_gulf>, <phone>, ...), pick among inline alternatives ({a|b}), keep or drop optional
parts ([...]), and take on the noise of real posts: abbreviations, typos, emoji, shouting,
leetspeak and masking, spaced digits. A family and all its variants stay in one split (train,
dev or test, chosen from a hash of the family id), so the test split measures posts whose
skeleton the model never saw. Deterministic: the same families and seed give the same file.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from families import FAMILIES, FROZEN_TEST, POOLS  # noqa: E402

SEED = 20261123
OUT = HERE / "corpus.jsonl"
AUTHORED = HERE / "authored"
SPLITS = (("train", 70), ("dev", 15), ("test", 15))

_ALTERNATIVES = re.compile(r"\{([^{}]*\|[^{}]*)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"<([a-z_]+)>")

ABBREVIATIONS = {
    "yang": ["yg"], "untuk": ["utk", "buat"], "tidak": ["tdk", "gak", "ga", "nggak"],
    "dengan": ["dgn", "dg"], "sudah": ["sdh", "udah", "udh"], "bisa": ["bs", "bisa"],
    "langsung": ["lgsg", "langsung"], "saja": ["aja"], "sekarang": ["skrg"], "juga": ["jg"],
    "banyak": ["byk"], "tahun": ["thn"], "bulan": ["bln"], "terima kasih": ["makasih", "tks"],
    "kalau": ["kalo", "klo"], "sama": ["sm"], "dulu": ["dl"], "lagi": ["lg"], "gimana": ["gmn"],
    "info": ["inpo", "info"], "minggu": ["mgg"], "pengalaman": ["pengalaman", "pengalamn"],
}
EMOJI = ["🔥", "✈️", "💰", "📞", "✅", "🙏", "👉", "📢", "⚠️", "💯", "🇲🇾", "🌏", "😊", "👍"]
LEET = {"a": "4", "e": "3", "i": "1", "o": "0"}


def split_of(family_id: str, test_open: bool = True) -> str:
    """The split of a family, from a hash of its id. Families added after the test split was
    frozen (`test_open=False`) go to train or dev in the same 70:15 proportion: models are
    compared on a test split that stays what it was."""
    bucket = int(hashlib.sha256(family_id.encode()).hexdigest(), 16) % 100
    splits = SPLITS if test_open else SPLITS[:-1]
    bucket = bucket * sum(share for _, share in splits) // 100
    for name, share in splits:
        if bucket < share:
            return name
        bucket -= share
    return splits[-1][0]


def phone(rng: random.Random) -> tuple[str, str]:
    """A number in the 0000 block (it belongs to nobody), written as posts write them."""
    prefix = rng.choice(["812", "813", "821", "822", "852", "853", "857", "878", "896", "838"])
    last = f"{rng.randrange(10000):04d}"
    e164 = f"+62{prefix}0000{last}"
    digits = f"0{prefix}0000{last}"
    style = rng.randrange(9)
    text = [
        f"0{prefix}-0000-{last}", f"0{prefix} 0000 {last}", f"+62 {prefix}-0000-{last}",
        f"62{prefix}0000{last}", f"wa.me/62{prefix}0000{last}", digits,
        f"0{prefix}.0000.{last}", " ".join(digits), f"+62{prefix}0000{last}",
    ][style]
    return text, e164


def expand(template: str, rng: random.Random, phones: list[str]) -> str:
    text = _OPTIONAL.sub(lambda m: m.group(1) if rng.random() < 0.55 else "", template)
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)

    def slot(match: re.Match) -> str:
        name = match.group(1)
        if name == "phone":
            written, e164 = phone(rng)
            phones.append(e164)
            return written
        return rng.choice(POOLS[name])

    text = _SLOT.sub(slot, text)
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)  # from pools
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def abbreviate(text: str, rng: random.Random, rate: float) -> str:
    def shorten(match: re.Match) -> str:
        return rng.choice(ABBREVIATIONS[match.group()]) if rng.random() < rate else match.group()

    return re.sub(r"\b(" + "|".join(ABBREVIATIONS) + r")\b", shorten, text)


def typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randrange(1, 3)):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha() and not any(c.isdigit() for c in w):
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + w[j] + w[j:]
    return " ".join(words)


def obfuscate(text: str, rng: random.Random, words: list[str]) -> str:
    """Leetspeak or mask one of the family's sensitive words, as recruiters do to dodge filters."""
    present = [w for w in words if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    if not present:
        return text
    word = rng.choice(present)

    def hide(m: re.Match) -> str:
        w = m.group()
        if rng.random() < 0.5:
            return "".join(LEET.get(c.lower(), c) if rng.random() < 0.7 else c for c in w)
        vowels = [k for k, c in enumerate(w) if c.lower() in "aeiou" and k > 0]
        if not vowels:
            return w
        k = rng.choice(vowels)
        return w[:k] + "*" + w[k + 1:]

    return re.sub(rf"\b{word}\b", hide, text, count=1, flags=re.IGNORECASE)


def decorate(text: str, rng: random.Random, informal: bool) -> str:
    if informal and rng.random() < 0.45:
        text = abbreviate(text, rng, 0.6)
    if informal and rng.random() < 0.3:
        text = typo(text, rng)
    if informal and rng.random() < 0.4:
        lines = text.split("\n")
        lines[0] = f"{rng.choice(EMOJI)}{rng.choice(EMOJI)} {lines[0]}"
        text = "\n".join(lines) + " " + rng.choice(EMOJI)
    if informal and rng.random() < 0.15:
        first, _, rest = text.partition("\n")
        text = first.upper() + ("\n" + rest if rest else "")
    if rng.random() < 0.2:
        text = text.replace("\n", " ")
    return text


def variants(family: dict, rng: random.Random) -> list[dict]:
    count = family.get("n", 8)
    seen: set[str] = set()
    records = []
    for _attempt in range(count * 4):
        if len(records) == count:
            break
        phones: list[str] = []
        template = rng.choice(family["texts"])
        text = expand(template, rng, phones)
        informal = family.get("style", "informal") == "informal"
        text = decorate(text, rng, informal)
        if family.get("obfuscate") and rng.random() < 0.35:
            text = obfuscate(text, rng, family["obfuscate"])
        if text in seen:
            continue
        seen.add(text)
        records.append({"text": text, "phones": phones})
    return records


def build() -> list[dict]:
    rng = random.Random(SEED)
    out = []
    ids: set[str] = set()
    for family in FAMILIES:
        if family["id"] in ids:
            raise SystemExit(f"duplicate family id {family['id']}")
        ids.add(family["id"])
        split = split_of(family["id"], test_open=family in FROZEN_TEST)
        for n, v in enumerate(variants(family, rng), start=1):
            out.append({
                "id": f"{family['id']}-{n}", "text": v["text"], "label": family["label"],
                "category": family["category"], "flags": family.get("flags", []),
                "group": family["id"], "split": split, "source": "written-for-cyber-patrol",
                "phones": v["phones"],
            })
    return out


def authored() -> list[dict]:
    """Posts written whole by independent authors (authored/*.jsonl, one file per author), kept
    as written. An author's posts on one scenario are one family, so family folds hold out an
    author's scenario at a time; they join train or dev only (the test split is frozen)."""
    out = []
    for path in sorted(AUTHORED.glob("*.jsonl")):
        author = path.stem
        with path.open(encoding="utf-8") as lines:
            for n, line in enumerate((x for x in lines if x.strip()), start=1):
                post = json.loads(line)
                group = f"{author}-{post['scenario']}"
                out.append({
                    "id": f"{author}-{n}", "text": post["text"], "label": post["label"],
                    "category": post["category"], "scenario": post["scenario"], "flags": [],
                    "group": group, "split": split_of(group, test_open=False),
                    "source": f"written-for-cyber-patrol:{author}", "phones": []})
    return out


def records() -> list[dict]:
    """The whole corpus: the families' variants, then the authored posts."""
    return build() + authored()


def main() -> None:
    written = records()
    with OUT.open("w", encoding="utf-8") as f:
        for record in written:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(written)} records to {OUT}")


if __name__ == "__main__":
    main()

"""Classifier benchmark: 10,000 posts of about 100 words through the active model.

    .venv/bin/python bench/classify_bench.py [--posts 10000] [--model VERSION]

Prints posts/s for one batch on one core (from a fresh scorer, then a second batch of unseen
posts once its caches are warm), single-post latency p50/p99, model load time (cold, in a fresh
process: imports included, and the model file alone) and peak RSS. It starts with the time of a
fixed pure-Python loop, so that figures from two machines can be set side by side: the same
code has run from 500 to 2,500 posts/s on the shared machines of this project.
Targets: >= 2,000 posts/s per core, p50 < 5 ms, load < 2 s.
"""

from __future__ import annotations

import argparse
import functools
import random
import resource
import subprocess
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD = """
import time, sys
started = time.perf_counter()
import numpy, spacy  # the libraries scoring needs
libraries = time.perf_counter()
from classifier import load_scorer
scorer = load_scorer(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else None)
loaded = time.perf_counter()
scorer.score(["warm up"])
print(libraries - started, loaded - libraries, time.perf_counter() - started)
"""


def posts(count: int, seed: int = 1) -> list[str]:
    """Unique posts of about 100 words, stitched from corpus texts."""
    from classifier.corpus import read_records

    texts = [r.text for r in read_records()]
    rng = random.Random(seed)
    out = []
    for n in range(count):
        words: list[str] = []
        while len(words) < 100:
            words += rng.choice(texts).split()
        out.append(" ".join(words[:100]) + f" #{n}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    # The median of three cold starts: one start alone swings with whatever else the machine does.
    starts = sorted((tuple(float(x) for x in subprocess.run(
        [sys.executable, "-c", LOAD, args.model or "-"], cwd=ROOT, capture_output=True,
        text=True, check=True).stdout.split()) for _ in range(3)), key=lambda t: t[-1])
    libraries, ours, ready = starts[1]

    from classifier import load_scorer

    scorer = load_scorer(args.model)
    batch = posts(args.posts)
    started = time.perf_counter()
    scorer.score(batch)
    batch_seconds = time.perf_counter() - started

    # Scoring keeps per-word caches (how a word folds, its n-grams' columns, spaCy's tokens),
    # so the first posts of a run cost more than the rest. A crawl scores thousands of posts per
    # process: the same number of further unseen posts shows the rate it settles at.
    further = posts(args.posts, seed=3)
    started = time.perf_counter()
    scorer.score(further)
    steady_seconds = time.perf_counter() - started

    singles = posts(1000, seed=2)
    latencies = []
    for text in singles:
        t = time.perf_counter()
        scorer.score([text])
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine         sum(range(10**6)) in {reference_ms():.1f} ms (a pure-Python loop)")
    print(f"model           {scorer.version}")
    print(f"batch           {args.posts} posts of ~100 words in {batch_seconds:.1f} s = "
          f"{args.posts / batch_seconds:.0f} posts/s on one core")
    print(f"warm batch      {args.posts} further unseen posts in {steady_seconds:.1f} s = "
          f"{args.posts / steady_seconds:.0f} posts/s on one core")
    print(f"single post     p50 {latencies[len(latencies) // 2]:.2f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)]:.2f} ms (1,000 posts, one at a time)")
    print(f"load (cold)     {ready:.2f} s to first score in a new process: importing NumPy and "
          f"spaCy {libraries:.2f} s, our modules, the model's weights and the spaCy "
          f"pipeline {ours:.2f} s")
    print(f"peak RSS        {peak:.0f} MB")
    print("warm cost per post, by step (best of 3 passes over 2,000 posts):")
    for step, micros in stages(scorer, further[:2000]):
        print(f"  {step:<22}{micros:6.0f} µs")


def reference_ms() -> float:
    """The best of five timings of a loop that only the interpreter and the CPU decide."""
    return min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10 * 1000


def stages(scorer, texts: list[str]) -> list[tuple[str, float]]:
    """Microseconds per post of each step of a warm score, run one step at a time."""
    import gc

    from classifier.analysis import _matchers, analyse
    from classifier.entities import extract_entities
    from classifier.flags import window_matches
    from classifier.nlp import lemmas, token_ids
    from classifier.normalise import normalise

    nlp, flags, cues = _matchers()
    norms = [normalise(t) for t in texts]
    docs = [nlp.make_doc(n.text) for n in norms]
    ids = [token_ids(d) for d in docs]
    for text in texts[-1000:]:
        analyse(text)  # the feature steps read cached analyses, as they do when scoring
    cached = texts[-1000:]
    steps = [("normalise", lambda: [normalise(t) for t in texts]),
             ("spaCy tokenizer", lambda: [nlp.make_doc(n.text) for n in norms]),
             ("token ids and lemmas", lambda: [" ".join(lemmas(token_ids(d))) for d in docs]),
             ("red flags", lambda: [flags.find(*a) for a in zip(norms, docs, ids, strict=True)]),
             ("  of which windows", lambda: [window_matches(i) for i in ids]),
             ("entities", lambda: [extract_entities(n) for n in norms]),
             ("cues", lambda: [cues.find(d, n.text) for d, n in zip(docs, norms, strict=True)])]
    start = 0
    for block in scorer.weights.blocks:
        coef = scorer.weights.coef[start:start + block.width]
        steps.append((f"{getattr(block, 'analyzer', 'rule')} features",
                      functools.partial(block.decision, cached, coef)))
        start += block.width
    gc.disable()
    out = []
    for step, run in steps:
        size = len(cached) if step.endswith("features") else len(texts)
        best = min(_seconds(run) for _ in range(3))
        out.append((step, best / size * 1e6))
    gc.enable()
    return out


def _seconds(run) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


if __name__ == "__main__":
    main()

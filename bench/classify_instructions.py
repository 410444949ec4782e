"""Instructions per post for the active model, counted by valgrind's callgrind.

    .venv/bin/python bench/classify_instructions.py [--posts 1000] [--model VERSION]

Posts per second swing by a fifth between two runs of the same code on a shared virtual
machine; an instruction count does not. Two processes run under callgrind side by side: both
load the scorer and score `--posts` posts to warm its per-word caches, and one then scores
`--posts` further unseen posts. The difference of their totals, per post, is the warm cost of
one post. Compare two versions of the code with this figure, not with wall-clock rates. Needs
valgrind (Debian's package); each run takes a few minutes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from classify_bench import posts
from classifier import load_scorer
scorer = load_scorer(None if sys.argv[2] == "-" else sys.argv[2])
scorer.score(posts(int(sys.argv[1])))
if sys.argv[3] == "measure":
    scorer.score(posts(int(sys.argv[1]), seed=3))
"""


def _start(out: Path, posts: int, model: str, part: str) -> subprocess.Popen:
    code = RUN.format(root=str(ROOT), bench=str(ROOT / "bench"))
    return subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c",
         code, str(posts), model, part], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


def _total(out: Path) -> int:
    for line in out.read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise SystemExit(f"{out}: callgrind wrote no summary")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--model", default="-")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory() as tmp:
        outs = {part: Path(tmp) / f"{part}.out" for part in ("base", "measure")}
        runs = [_start(out, args.posts, args.model, part) for part, out in outs.items()]
        if any(run.wait() != 0 for run in runs):
            raise SystemExit("a run under callgrind failed")
        base, measured = _total(outs["base"]), _total(outs["measure"])
    print(f"load and {args.posts} posts  {base:,} instructions")
    print(f"{args.posts} further posts  {measured - base:,} instructions = "
          f"{(measured - base) / args.posts / 1e6:.2f} M instructions per post, warm")


if __name__ == "__main__":
    main()

"""OCR benchmark: reading flyers of typical size (1080 pixels wide, as posted from a phone)
with Tesseract (ind+eng), one image at a time as a worker does. Prints images per second per
core (CPU seconds of this process and the Tesseract processes it starts) and per second of
wall time, the flyers' size, and the peak memory of this process and of Tesseract. Never part
of the test suite.

    .venv/bin/python bench/ocr_bench.py [--images 40] [--languages ind+eng]

The flyers are the demo's designs with a line that differs on each, drawn before timing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=40)
    parser.add_argument("--languages", default="ind+eng")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per image")
    args = parser.parse_args()

    from PIL import Image

    from crawler.demo_site.flyers import flyer_png
    from crawler.demo_site.server import load_content
    from crawler.ocr import read_image

    designs = load_content()["flyer"]
    images = [flyer_png((*d["lines"], f"ref {n}"), d.get("background", "#f5c400"),
                        d.get("ink", "#1a1a1a"))
              for n, d in ((n, designs[n % len(designs)]) for n in range(args.images))]
    sizes = [Image.open(BytesIO(i)).size for i in images]
    read_image(images[0], args.seconds, args.languages)  # load the language data once
    before = _cpu()
    started = time.perf_counter()
    readings = [read_image(image, args.seconds, args.languages) for image in images]
    wall = time.perf_counter() - started
    cpu = _cpu() - before
    failed = [r for r in readings if r.error]
    words = sum(len(r.text.split()) for r in readings if r.text)
    print(f"images          {len(images)} flyers, {min(w for w, _ in sizes)}x"
          f"{min(h for _, h in sizes)} to {max(w for w, _ in sizes)}x"
          f"{max(h for _, h in sizes)} px, {sum(map(len, images)) / len(images) / 1024:.0f} KB "
          f"PNG on average")
    print(f"read            {len(images) - len(failed)} ({len(failed)} failed), {words} words")
    print(f"images/s        {len(images) / cpu:.2f} per core (CPU {cpu:.1f} s), "
          f"{len(images) / wall:.2f} per second of wall time ({wall:.1f} s)")
    print(f"seconds/image   {wall / len(images):.2f} wall, {cpu / len(images):.2f} CPU")
    print(f"peak RSS        {_rss(resource.RUSAGE_SELF):.0f} MB this process, "
          f"{_rss(resource.RUSAGE_CHILDREN):.0f} MB largest Tesseract process")
    print(f"OMP threads     {os.environ.get('OMP_THREAD_LIMIT', 'unlimited')} per Tesseract")


def _cpu() -> float:
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _rss(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


if __name__ == "__main__":
    main()

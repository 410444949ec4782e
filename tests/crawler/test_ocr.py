"""Reading text in images with Tesseract: the demo flyers' words come back, a slow image is
stopped at its time limit, a broken one says why, and the worker processes read like this one."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import pytest

from crawler.demo_site.flyers import flyer_bytes, flyers
from crawler.demo_site.server import load_content
from crawler.ocr import ReadingWorkers, read_image

pytestmark = pytest.mark.slow  # Tesseract, worker processes

LANGUAGES = "ind+eng"


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def test_ocr_of_the_demo_flyers_recovers_at_least_95_percent_of_their_words():
    found = total = 0
    for name, flyer in flyers(load_content()).items():
        reading = read_image(flyer_bytes(flyer), 30, LANGUAGES)
        assert reading.error is None, (name, reading.reason)
        expected = words("\n".join(flyer["lines"]))
        found += sum((expected & words(reading.text)).values())
        total += sum(expected.values())
    rate = found / total
    print(f"\nOCR of the demo flyers: {found} of {total} words recovered ({rate:.1%})")
    assert rate >= 0.95


def test_an_image_past_its_time_limit_and_a_broken_one_each_say_why():
    flyer = flyer_bytes(next(iter(flyers(load_content()).values())))
    slow = read_image(flyer, 0.01, LANGUAGES)
    assert (slow.text, slow.error) == (None, "ocr_timeout") and "0.01 s" in slow.reason
    broken = read_image(flyer[:len(flyer) // 2], 30, LANGUAGES)
    assert (broken.text, broken.error) == (None, "image_corrupt")
    assert broken.reason.startswith("cannot decode the image")


def test_worker_processes_read_as_this_process_does():
    images = [flyer_bytes(f) for f in flyers(load_content()).values()]

    async def read_all(workers):
        return await asyncio.gather(*(workers.read(image) for image in images))

    workers = ReadingWorkers(30, LANGUAGES, processes=1)
    try:
        readings = asyncio.run(read_all(workers))
    finally:
        workers.close()
    assert [r.text for r in readings] == [read_image(i, 30, LANGUAGES).text for i in images]

"""Reading the text in images with Tesseract (Debian's tesseract-ocr, with the Indonesian and
English language data), off the crawl's event loop.

Images are read in worker processes, in small batches (classifier.workers.BatchWorkers, as
scoring is), each image under a time limit that ends its Tesseract process. An image that
cannot be read gives an error kind and a reason, never an exception: the post is kept and
scored on what remains.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from functools import partial
from io import BytesIO

from PIL import Image, ImageOps

from classifier.workers import BatchWorkers

# An image per call; a batch of a few keeps the workers busy without holding a post back long.
BATCH_IMAGES = 4
# Tesseract starts a thread per core for each image; the workers are the parallelism here.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class Reading:
    """The text read from one image, or why there is none (`error`: the kind counted)."""

    text: str | None
    error: str | None = None
    reason: str = ""


def read_image(data: bytes, seconds: float, languages: str) -> Reading:
    """The text in one image. Tesseract sees it in grey, as flyers are mostly dark on light or
    light on dark and colour only slows it."""
    import pytesseract

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            image.load()  # a truncated or corrupt file fails here, not in Tesseract
        grey = ImageOps.exif_transpose(image).convert("L")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        return Reading(None, "image_corrupt", f"cannot decode the image: {exc}")
    try:
        text = pytesseract.image_to_string(grey, lang=languages, timeout=seconds)
    except RuntimeError as exc:  # pytesseract's message when the time limit ends Tesseract
        return Reading(None, "ocr_timeout", f"not read within {seconds:g} s: {exc}")
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        return Reading(None, "ocr", f"Tesseract failed: {exc}")
    return Reading(_tidy(text))


def _tidy(text: str) -> str:
    """Tesseract's lines without the blank ones and trailing spaces it adds."""
    lines = [line.strip() for line in text.replace("\x0c", "").splitlines()]
    return "\n".join(line for line in lines if line)


def read_batch(images: list[bytes], seconds: float, languages: str) -> list[Reading]:
    return [read_image(data, seconds, languages) for data in images]


class InProcessReading:
    """Reading in the calling thread: for tests and benchmarks, never a crawl."""

    def __init__(self, seconds: float, languages: str) -> None:
        self.seconds, self.languages = seconds, languages

    async def read(self, data: bytes) -> Reading:
        return read_image(data, self.seconds, self.languages)

    def close(self) -> None:
        pass


class ReadingWorkers(BatchWorkers):
    """Read images in worker processes; `await workers.read(data)`."""

    what = "OCR workers"

    def __init__(self, seconds: float, languages: str, processes: int = 1) -> None:
        super().__init__(partial(read_batch, seconds=seconds, languages=languages),
                         processes, batch_size=BATCH_IMAGES)

    async def read(self, data: bytes) -> Reading:
        return await self.submit(data)


def reading_for(seconds: float, languages: str,
                processes: int) -> ReadingWorkers | InProcessReading:
    """Worker processes when `processes` > 0, else reading in this process."""
    if processes > 0:
        return ReadingWorkers(seconds, languages, processes)
    return InProcessReading(seconds, languages)


class LazyReading:
    """Reading started at the first image: a crawl without images never starts the workers.
    One is shared by all the sources of a crawl (crawler/run.py), as the scoring workers are."""

    def __init__(self, seconds: float, languages: str, processes: int) -> None:
        self.options = (seconds, languages, processes)
        self.started: ReadingWorkers | InProcessReading | None = None

    async def read(self, data: bytes) -> Reading:
        if self.started is None:
            self.started = reading_for(*self.options)
        return await self.started.read(data)

    def close(self) -> None:
        if self.started is not None:
            self.started.close()

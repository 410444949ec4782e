"""Posts collected by hand (CSV or JSONL) fed through the same item pipelines as a crawl."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy

from crawler.errors import count_error
from crawler.extract import parse_datetime
from crawler.items import Fetched, PostItem
from crawler.sources import SourceConfig

FIELDS = ("text", "url", "author", "posted_at", "platform")


class BadLine(ValueError):
    pass


def _record_to_item(record: Any, path: Path, line: int, raw: bytes) -> PostItem:
    if not isinstance(record, dict):
        raise BadLine("expected an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadLine("missing or empty 'text'")
    for key in FIELDS[1:]:
        if record.get(key) not in (None, "") and not isinstance(record[key], str):
            raise BadLine(f"'{key}' must be a string")
    url = (record.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise BadLine(f"'url' is not an http(s) URL: {url[:80]!r}")
    posted = record.get("posted_at") or None
    posted_at = parse_datetime(posted)
    if posted and posted_at is None:
        raise BadLine(f"'posted_at' is not an ISO 8601 date: {posted[:40]!r}")
    if not url:  # hand-collected text without a link: identify it by its content
        url = f"https://import.invalid/{hashlib.sha256(text.encode()).hexdigest()[:24]}"
    evidence = Fetched(body=raw, final_url=f"{path.resolve().as_uri()}#L{line}", status=0)
    return PostItem(source="import", platform=(record.get("platform") or "import").strip(),
                    url=url, text=text, author=(record.get("author") or "").strip() or None,
                    posted_at=posted_at, evidence=evidence)


def read_import_lines(path: Path) -> Iterator[tuple[int, bytes, Any]]:
    """(line number, raw bytes, parsed record or BadLine) for each record in the file."""
    data = path.read_bytes()
    if path.suffix.lower() == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield 1, b"", BadLine(f"file is not UTF-8: {exc}")
            return
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            yield 1, b"", BadLine("CSV header has no 'text' column")
            return
        start = reader.line_num + 1
        for row in reader:
            raw = json.dumps(row, ensure_ascii=False).encode()
            if None in row:  # more cells than header columns
                yield start, raw, BadLine("more cells than header columns")
            else:
                yield start, raw, row
            start = reader.line_num + 1
        return
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield number, raw, json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield number, raw, BadLine(f"not valid JSON: {exc}")


class ImportSpider(scrapy.Spider):
    name = "import"

    def __init__(self, path: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path = Path(path)
        self.source = SourceConfig(name="import", kind="import", url=self.path.resolve().as_uri())

    async def start(self):
        stats = self.crawler.stats
        stats.set_value("patrol/bad_lines", [])
        stats.inc_value("patrol/pages")  # the file itself
        for number, raw, record in read_import_lines(self.path):
            stats.inc_value("patrol/lines")
            try:
                if isinstance(record, BadLine):
                    raise record
                item = _record_to_item(record, self.path, number, raw)
            except BadLine as exc:
                stats.get_value("patrol/bad_lines").append((number, str(exc)))
                count_error(stats, "bad_line")
                self.logger.error("%s line %d: %s", self.path, number, exc)
                continue
            yield item

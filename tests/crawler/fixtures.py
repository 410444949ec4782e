"""Small site contents for crawl tests, in the shape crawler/demo_site/content.toml uses."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from crawler.demo_site.server import Response, Site
from tests.conftest import write_sources


def channel(name: str, texts: list[str]) -> dict:
    return {"channel": name, "title": f"Kanal {name}", "message": [
        {"date": f"2026-11-{1 + i % 28:02d}T08:00:00+00:00", "label": "?", "text": t}
        for i, t in enumerate(texts)]}


OFFER = "Dibutuhkan ART utk Saudi, visa ziarah, tanpa pelatihan.\nminat japri 0812-0000-{n:04d}"
BENIGN = "Loker kasir di Batam no {n}, gaji UMK, kirim CV ya"


def job(slug: str, fmt: str, title: str, description: str, location: str = "Jeddah, SA") -> dict:
    return {"slug": slug, "format": fmt, "title": title, "company": f"Perusahaan {slug}",
            "date": "2026-11-05", "location": location, "salary": "SAR 1500 MONTH",
            "description": description, "label": "?"}


def news(slug: str, title: str, body: str, full: bool, summary: str = "") -> dict:
    return {"slug": slug, "title": title, "body": body, "full": full, "summary": summary,
            "date": "2026-11-03T04:00:00+00:00", "author": "Redaksi", "label": "?"}


def thread(author: str, text: str) -> dict:
    return {"author": author, "text": text, "date": "2026-11-04T09:30:00+00:00", "label": "?"}


FORUM_SELECTORS = {"item": "div.thread", "text": ".body", "link": "a.permalink::attr(href)",
                   "author": ".author::text", "posted_at": "time::attr(datetime)",
                   "next": "a.next::attr(href)"}


def quiet_source(path: Path, site: Site) -> str:
    """A sources file at `path` naming one source of `site` whose page holds no post in the
    markup its selectors describe: a crawl of it fails the zero_posts check."""
    site.extra["/kosong"] = Response(200, "text/html", b"<html><body>tidak ada</body></html>")
    return str(write_sources(path, [{"name": "kosong", "kind": "html",
                                     "url": f"{site.url}/kosong", "item": "div.post",
                                     "text": ".body"}]))


def png_bomb(width: int, height: int) -> bytes:
    """A small PNG that claims `width` x `height` one-bit pixels: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))

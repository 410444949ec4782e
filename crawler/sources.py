"""Loading and checking `sources.toml`: every mistake is reported with the file, source and key."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from parsel import Selector

KINDS = ("telegram", "jobposting", "feed", "html")
HTML_SELECTORS = ("item", "text", "link", "author", "posted_at", "next", "image")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_LIMITS = {"max_pages": (int, 50), "max_depth": (int, 5), "interval": (float, 0.0),
           "timeout": (float, 30.0)}
_KEYS = {"name", "kind", "url", "extra_hosts", "media_hosts", "ocr", "render", "wait_for",
         *_LIMITS, *HTML_SELECTORS}
# Hosts a kind's images are served from besides the source's own: Telegram's previews show
# photos from its CDN (both names appear in saved previews). `*` matches within one label.
MEDIA_HOSTS = {"telegram": ("cdn*.telesco.pe", "cdn*.telegram-cdn.org")}


class SourcesError(Exception):
    """The sources file cannot be used; the message names the file, the source and the key."""


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str
    max_pages: int = 50
    max_depth: int = 5
    interval: float = 0.0  # minimum seconds between two requests to this source
    timeout: float = 30.0  # seconds a request to this source may take before it is abandoned
    extra_hosts: tuple[str, ...] = ()  # other hosts the crawl may follow links to
    selectors: dict[str, str] = field(default_factory=dict)
    media_hosts: tuple[str, ...] = ()  # host patterns images may come from besides `host`
    ocr: bool = True  # read the text in the posts' images (also needs the global setting)
    # Pages built by JavaScript: fetched with a browser (crawler/render.py), which waits up to
    # `timeout` seconds for the page and for `wait_for` (a CSS selector) to appear in it.
    render: bool = False
    wait_for: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "url": self.url,
                "max_pages": self.max_pages, "max_depth": self.max_depth,
                "interval": self.interval, "timeout": self.timeout,
                "extra_hosts": list(self.extra_hosts), "media_hosts": list(self.media_hosts),
                "ocr": self.ocr, **self.selectors, **self._rendering()}

    def _rendering(self) -> dict:
        # Only when set, so a source that does not render keeps the configuration it had.
        if not self.render:
            return {}
        return {"render": True, **({"wait_for": self.wait_for} if self.wait_for else {})}


def _check_selector(where: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: key '{key}' must be a non-empty CSS selector string")
    try:
        Selector(text="<html></html>").css(value)
    except Exception as exc:  # cssselect raises several types for bad syntax
        raise SourcesError(f"{where}: key '{key}': invalid CSS selector {value!r}: {exc}") from None
    return value


def parse_source(where: str, raw: dict) -> SourceConfig:
    """One source from its table in the sources file (or its stored `as_dict()`); `where`
    names it in errors."""
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown key '{unknown[0]}' "
                           f"(allowed: {', '.join(sorted(_KEYS))})")
    for key in ("name", "kind", "url"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise SourcesError(f"{where}: key '{key}' is required and must be a string")
    name, kind, url = raw["name"], raw["kind"], raw["url"]
    if not _NAME.match(name):
        raise SourcesError(f"{where}: key 'name': {name!r} may hold only letters, digits, dashes")
    if kind not in KINDS:
        raise SourcesError(f"{where}: key 'kind': unknown kind {kind!r} "
                           f"(expected one of {', '.join(KINDS)})")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: key 'url': {url!r} is not an http(s) URL")
    limits = {}
    for key, (typ, default) in _LIMITS.items():
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 \
                or (typ is int and not isinstance(value, int)):
            raise SourcesError(f"{where}: key '{key}' must be a non-negative "
                               f"{'whole number' if typ is int else 'number'}, got {value!r}")
        limits[key] = typ(value)
    if limits["timeout"] == 0:
        raise SourcesError(f"{where}: key 'timeout' must be above 0 seconds")
    extra = _hosts(where, raw, "extra_hosts", [])
    media = _hosts(where, raw, "media_hosts", list(MEDIA_HOSTS.get(kind, ())))
    ocr = raw.get("ocr", True)
    if not isinstance(ocr, bool):
        raise SourcesError(f"{where}: key 'ocr' must be true or false, got {ocr!r}")
    selectors = {k: _check_selector(where, k, raw[k]) for k in HTML_SELECTORS if k in raw}
    if kind == "html":
        for key in ("item", "text"):
            if key not in selectors:
                raise SourcesError(f"{where}: key '{key}' is required for kind 'html'")
    elif selectors:
        raise SourcesError(f"{where}: key '{next(iter(selectors))}': selectors are only for "
                           "kind 'html'")
    render, wait_for = _rendering(where, raw)
    return SourceConfig(name=name, kind=kind, url=url, extra_hosts=tuple(extra),
                        selectors=selectors, media_hosts=tuple(media), ocr=ocr,
                        render=render, wait_for=wait_for, **limits)


def _hosts(where: str, raw: dict, key: str, default: list[str]) -> list[str]:
    hosts = raw.get(key, default)
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise SourcesError(f"{where}: key '{key}' must be a list of host names")
    return hosts


def _rendering(where: str, raw: dict) -> tuple[bool, str | None]:
    render = raw.get("render", False)
    if not isinstance(render, bool):
        raise SourcesError(f"{where}: key 'render' must be true or false, got {render!r}")
    if "wait_for" not in raw:
        return render, None
    if not render:
        raise SourcesError(f"{where}: key 'wait_for': only for a source with render = true")
    return render, _check_selector(where, "wait_for", raw["wait_for"])


def parse_sources(text: str, filename: str = "sources.toml") -> list[SourceConfig]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{filename}: not valid TOML: {exc}") from None
    entries = data.get("source", [])
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesError(f"{filename}: unknown top-level key '{unknown[0]}' "
                           "(sources are [[source]] tables)")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{filename}: no [[source]] entries")
    sources: list[SourceConfig] = []
    for number, raw in enumerate(entries, start=1):
        label = f"'{raw['name']}'" if isinstance(raw.get("name"), str) else f"#{number}"
        source = parse_source(f"{filename}: source {label}", raw)
        if any(s.name == source.name for s in sources):
            raise SourcesError(f"{filename}: source '{source.name}': key 'name': "
                               f"duplicate source name (entry #{number})")
        sources.append(source)
    return sources


def load_sources(path: str | Path) -> list[SourceConfig]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read: {exc}") from None
    return parse_sources(text, str(path))


def select_sources(sources: list[SourceConfig], names: list[str]) -> list[SourceConfig]:
    """The sources called `names` (all when empty); an unknown name is an error."""
    if not names:
        return sources
    known = {s.name: s for s in sources}
    missing = [n for n in names if n not in known]
    if missing:
        raise SourcesError(f"unknown source {missing[0]!r}; known: {', '.join(known)}")
    return [known[n] for n in names]

"""Settings: flags first, then environment variables, then `patrol.toml`, then defaults."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from settings_table import CONFIG

# Each setting's environment variable (settings_table); Scrapy jobs take the same names as Scrapy
# settings.
ENV_NAMES = {setting.name: setting.env for setting in CONFIG}
# What a number setting must be, and how its error says so.
_VALID = {"group_threshold": (lambda n: 0 < n <= 1, "a number above 0 and at most 1"),
          "smtp_port": (lambda n: 0 < n < 65536, "a port number"),
          "retention_days": (lambda n: n >= 0, "a whole number of days"),
          "frontier_idle": (lambda n: n >= 0, "a number of seconds"),
          "score_processes": (lambda n: 0 <= n <= 64, "a whole number from 0 to 64"),
          "ocr": (lambda n: n in (0, 1), "1 (read images) or 0 (do not)")}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    """The resolved settings; what each is, its default and where it comes from are in
    settings_table."""

    database_url: str
    model: str | None
    sources: str
    corpus: str | None  # None: the bundled corpus
    group_threshold: float  # similarity at which posts are near-duplicates
    notify_email: str | None  # comma-separated addresses told of failed checks
    notify_webhook: str | None  # a URL that gets each failed run as JSON
    smtp_host: str
    smtp_port: int
    smtp_from: str
    retention_days: int  # raw pages of posts judged benign are purged after this long
    frontier: str | None  # a Redis URL: crawl as one worker of a shared frontier
    frontier_idle: float  # seconds a worker waits for pages the others may still add
    # Processes that score a crawl's posts; 0 scores in the crawl process, which suits a
    # one-core machine or a small crawl (a scoring process costs seconds to start).
    score_processes: int
    ocr: int  # 1: fetch posts' images and read their text; 0: neither


def _file_settings(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    known = sorted(setting.toml for setting in CONFIG)
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"{path}: unknown setting '{unknown[0]}' "
                          f"(known: {', '.join(known)})")
    return data


def load_config(config_file: str | Path = "patrol.toml", **flags: str | None) -> Config:
    """Resolve each setting from `flags`, the environment, `config_file`, then defaults."""
    from_file = _file_settings(Path(config_file))
    values = {}
    for setting in CONFIG:
        for candidate in (flags.get(setting.name), os.environ.get(setting.env) or None,
                          from_file.get(setting.toml)):
            if candidate is not None:
                values[setting.name] = candidate
                break
        else:
            values[setting.name] = setting.default
    for setting in CONFIG:  # in the table's order, so the first bad setting is the one named
        if setting.name == "frontier":
            values["frontier"] = _redis_url(values["frontier"])
        elif setting.kind is not str:
            valid, what = _VALID[setting.name]
            values[setting.name] = _number(setting.name, values[setting.name], setting.kind,
                                           valid, what)
    return Config(**values)


def _number(name: str, value: object, kind: type, valid, what: str):
    """`value` as a `kind` for which `valid` holds, else a ConfigError naming the setting."""
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not valid(number):
        raise ConfigError(f"{name} must be {what}, not {value!r}")
    return number


def _redis_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"frontier must be a Redis URL (redis://host:6379/0), not {value!r}")
    return value

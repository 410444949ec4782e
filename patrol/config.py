"""Settings: flags first, then environment variables, then `patrol.toml`, then defaults."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from storage.db import DEFAULT_URL

# Each setting's environment variable; Scrapy jobs take the same names as Scrapy settings.
ENV_NAMES = {"database_url": "PATROL_DATABASE_URL", "model": "PATROL_MODEL",
        "sources": "PATROL_SOURCES", "corpus": "PATROL_CORPUS",
        "group_threshold": "PATROL_GROUP_THRESHOLD",
        "notify_email": "PATROL_NOTIFY_EMAIL", "notify_webhook": "PATROL_NOTIFY_WEBHOOK",
        "smtp_host": "PATROL_SMTP_HOST", "smtp_port": "PATROL_SMTP_PORT",
        "smtp_from": "PATROL_SMTP_FROM", "retention_days": "PATROL_RETENTION_DAYS",
        "frontier": "PATROL_FRONTIER", "frontier_idle": "PATROL_FRONTIER_IDLE",
        "score_processes": "PATROL_SCORE_PROCESSES"}
_DEFAULTS = {"database_url": DEFAULT_URL, "model": None, "sources": "sources.toml",
             "corpus": None, "group_threshold": "0.5", "notify_email": None,
             "notify_webhook": None, "smtp_host": "127.0.0.1", "smtp_port": "25",
             "smtp_from": "cyber-patrol@localhost", "retention_days": "180", "frontier": None,
             "frontier_idle": "15", "score_processes": "1"}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    database_url: str
    model: str | None
    sources: str
    corpus: str | None  # None: the bundled corpus
    group_threshold: float = 0.5  # similarity at which posts are near-duplicates
    notify_email: str | None = None  # comma-separated addresses told of failed checks
    notify_webhook: str | None = None  # a URL that gets each failed run as JSON
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_from: str = "cyber-patrol@localhost"
    retention_days: int = 180  # raw pages of posts judged benign are purged after this long
    frontier: str | None = None  # a Redis URL: crawl as one worker of a shared frontier
    frontier_idle: float = 15.0  # seconds a worker waits for pages the others may still add
    # Processes that score a crawl's posts; 0 scores in the crawl process, which suits a
    # one-core machine or a small crawl (a scoring process costs seconds to start).
    score_processes: int = 1


def _file_settings(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(ENV_NAMES))
    if unknown:
        raise ConfigError(f"{path}: unknown setting '{unknown[0]}' "
                          f"(known: {', '.join(sorted(ENV_NAMES))})")
    return data


def load_config(config_file: str | Path = "patrol.toml", **flags: str | None) -> Config:
    """Resolve each setting from `flags`, the environment, `config_file`, then defaults."""
    from_file = _file_settings(Path(config_file))
    values = {}
    for key, env in ENV_NAMES.items():
        for candidate in (flags.get(key), os.environ.get(env) or None, from_file.get(key)):
            if candidate is not None:
                values[key] = candidate
                break
        else:
            values[key] = _DEFAULTS[key]
    values["group_threshold"] = _number("group_threshold", values["group_threshold"], float,
                                        lambda n: 0 < n <= 1, "a number above 0 and at most 1")
    values["smtp_port"] = _number("smtp_port", values["smtp_port"], int,
                                  lambda n: 0 < n < 65536, "a port number")
    values["retention_days"] = _number("retention_days", values["retention_days"], int,
                                       lambda n: n >= 0, "a whole number of days")
    values["frontier"] = _redis_url(values["frontier"])
    values["frontier_idle"] = _number("frontier_idle", values["frontier_idle"], float,
                                      lambda n: n >= 0, "a number of seconds")
    values["score_processes"] = _number("score_processes", values["score_processes"], int,
                                        lambda n: 0 <= n <= 64, "a whole number from 0 to 64")
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

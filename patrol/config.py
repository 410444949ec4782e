"""Settings: flags first, then environment variables, then `patrol.toml`, then defaults."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from storage.db import DEFAULT_URL

_ENV = {"database_url": "PATROL_DATABASE_URL", "model": "PATROL_MODEL",
        "sources": "PATROL_SOURCES", "corpus": "PATROL_CORPUS",
        "group_threshold": "PATROL_GROUP_THRESHOLD",
        "notify_email": "PATROL_NOTIFY_EMAIL", "notify_webhook": "PATROL_NOTIFY_WEBHOOK",
        "smtp_host": "PATROL_SMTP_HOST", "smtp_port": "PATROL_SMTP_PORT",
        "smtp_from": "PATROL_SMTP_FROM", "retention_days": "PATROL_RETENTION_DAYS",
        "frontier": "PATROL_FRONTIER", "frontier_idle": "PATROL_FRONTIER_IDLE"}
_DEFAULTS = {"database_url": DEFAULT_URL, "model": None, "sources": "sources.toml",
             "corpus": None, "group_threshold": "0.5", "notify_email": None,
             "notify_webhook": None, "smtp_host": "127.0.0.1", "smtp_port": "25",
             "smtp_from": "cyber-patrol@localhost", "retention_days": "180", "frontier": None,
             "frontier_idle": "15"}


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


def _file_settings(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(_ENV))
    if unknown:
        raise ConfigError(f"{path}: unknown setting '{unknown[0]}' "
                          f"(known: {', '.join(sorted(_ENV))})")
    return data


def load_config(config_file: str | Path = "patrol.toml", **flags: str | None) -> Config:
    """Resolve each setting from `flags`, the environment, `config_file`, then defaults."""
    from_file = _file_settings(Path(config_file))
    values = {}
    for key, env in _ENV.items():
        for candidate in (flags.get(key), os.environ.get(env) or None, from_file.get(key)):
            if candidate is not None:
                values[key] = candidate
                break
        else:
            values[key] = _DEFAULTS[key]
    values["group_threshold"] = _fraction("group_threshold", values["group_threshold"])
    values["smtp_port"] = _port(values["smtp_port"])
    values["retention_days"] = _days(values["retention_days"])
    values["frontier"] = _redis_url(values["frontier"])
    values["frontier_idle"] = _seconds("frontier_idle", values["frontier_idle"])
    return Config(**values)


def _fraction(name: str, value: object) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not 0 < number <= 1:
        raise ConfigError(f"{name} must be a number above 0 and at most 1, not {value!r}")
    return number


def _port(value: object) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        port = 0
    if not 0 < port < 65536:
        raise ConfigError(f"smtp_port must be a port number, not {value!r}")
    return port


def _days(value: object) -> int:
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = -1
    if days < 0:
        raise ConfigError(f"retention_days must be a whole number of days, not {value!r}")
    return days


def _seconds(name: str, value: object) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if seconds < 0:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}")
    return seconds


def _redis_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"frontier must be a Redis URL (redis://host:6379/0), not {value!r}")
    return value

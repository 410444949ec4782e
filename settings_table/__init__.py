"""Every setting of the patrol, written once: its type, default, environment variable,
`patrol.toml` key, Scrapy setting and what it is for.

`patrol/config.py` resolves the settings that have an environment variable (flag, environment,
`patrol.toml`, default); `crawler/settings.py` takes the defaults of those with a Scrapy
setting; the README's settings tables are `python -m settings_table` (a test keeps them equal).

This package sits below every other one and imports none of them: the crawler reads it without
importing the application layer (`patrol/`), and storage may read it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str  # the field of patrol.config.Config; for a crawler-only setting, just a name
    kind: type  # str, int or float: what the value is read as
    default: str | int | float | None
    help: str  # what it is, as the README's table says it
    env: str | None = None  # the environment variable; None: only a Scrapy setting
    toml: str | None = None  # the key in patrol.toml
    flag: str | None = None  # the `patrol` option that sets it
    scrapy: str | None = None  # the setting in crawler/settings.py, given with `-s NAME=value`
    unit: str = ""  # after the default in the README
    absent: str = "none"  # what a default of None means, in words


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", str, "sqlite:///var/patrol.db", "database",
            env="PATROL_DATABASE_URL", toml="database_url", flag="--database",
            scrapy="PATROL_DATABASE_URL"),
    Setting("model", str, None, "model", env="PATROL_MODEL", toml="model", flag="--model",
            scrapy="PATROL_MODEL", absent="the active model"),
    Setting("sources", str, "sources.toml", "sources file", env="PATROL_SOURCES",
            toml="sources", flag="--sources"),
    Setting("corpus", str, None, "training corpus", env="PATROL_CORPUS", toml="corpus",
            absent="the bundled corpus"),
    Setting("group_threshold", float, 0.5, "near-duplicate threshold",
            env="PATROL_GROUP_THRESHOLD", toml="group_threshold"),
    Setting("notify_email", str, None, "who is emailed failed checks (comma-separated)",
            env="PATROL_NOTIFY_EMAIL", toml="notify_email", absent="nobody"),
    Setting("notify_webhook", str, None, "webhook for failed runs (each run as JSON)",
            env="PATROL_NOTIFY_WEBHOOK", toml="notify_webhook"),
    Setting("smtp_host", str, "127.0.0.1", "SMTP server", env="PATROL_SMTP_HOST",
            toml="smtp_host"),
    Setting("smtp_port", int, 25, "SMTP port", env="PATROL_SMTP_PORT", toml="smtp_port"),
    Setting("smtp_from", str, "cyber-patrol@localhost", "SMTP sender", env="PATROL_SMTP_FROM",
            toml="smtp_from"),
    Setting("retention_days", int, 180,
            "days before the raw pages of posts judged benign are purged",
            env="PATROL_RETENTION_DAYS", toml="retention_days"),
    Setting("frontier", str, None, "shared frontier (Redis)", env="PATROL_FRONTIER",
            toml="frontier", flag="--frontier", scrapy="PATROL_FRONTIER",
            absent="none: the crawl is alone"),
    Setting("frontier_idle", float, 15.0, "how long a frontier worker waits for more pages",
            env="PATROL_FRONTIER_IDLE", toml="frontier_idle", scrapy="PATROL_FRONTIER_IDLE",
            unit=" seconds"),
    Setting("score_processes", int, 1, "processes that score a crawl's posts (0: in the crawl "
            "process, for one core or a small crawl)", env="PATROL_SCORE_PROCESSES",
            toml="score_processes", scrapy="PATROL_SCORE_PROCESSES"),
    Setting("ocr", int, 1, "read the text in posts' images (0: images are neither fetched nor "
            "read; a source can also say `ocr = false`)", env="PATROL_OCR", toml="ocr",
            scrapy="PATROL_OCR"),
    # Only Scrapy settings: `patrol crawl` sets the frontier run from --frontier-run; the others
    # are tuned in crawler/settings.py or given with `-s`.
    Setting("frontier_run", str, None, "the name the workers of one crawl share (`--frontier-run`)",
            scrapy="PATROL_FRONTIER_RUN", absent="today's UTC date"),
    Setting("sample_near_share", float, 0.1, "share of posts sampled for review within the "
            "band below the threshold (0: none)", scrapy="PATROL_SAMPLE_NEAR_SHARE"),
    Setting("sample_near_band", float, 0.15, "width of that band below the threshold",
            scrapy="PATROL_SAMPLE_NEAR_BAND"),
    Setting("sample_random_share", float, 0.01, "share of all other posts below the threshold "
            "sampled for review (0: none)", scrapy="PATROL_SAMPLE_RANDOM_SHARE"),
    Setting("retry_backoff", float, 1.0, "pause before the first retry; doubled for each next one",
            scrapy="PATROL_RETRY_BACKOFF", unit=" s"),
    Setting("store_batch", int, 100, "posts written per transaction",
            scrapy="PATROL_STORE_BATCH"),
    Setting("ocr_processes", int, 1, "processes that read the text in images",
            scrapy="PATROL_OCR_PROCESSES"),
    Setting("ocr_seconds", float, 20.0, "time limit for reading one image",
            scrapy="PATROL_OCR_SECONDS", unit=" s"),
    Setting("ocr_languages", str, "ind+eng", "Tesseract languages images are read in",
            scrapy="PATROL_OCR_LANGUAGES"),
    Setting("images_per_post", int, 4, "images fetched and read per post; the others are "
            "skipped and counted", scrapy="PATROL_IMAGES_PER_POST"),
    Setting("image_max_bytes", int, 5 * 1024 * 1024, "largest image fetched",
            scrapy="PATROL_IMAGE_MAX_BYTES", unit=" bytes"),
    Setting("store_seconds", float, 2.0, "longest wait before a batch not yet full is written",
            scrapy="PATROL_STORE_SECONDS", unit=" s"),
    Setting("render_pages", int, 2, "browser pages open at once for each source with "
            "`render = true`", scrapy="PATROL_RENDER_PAGES"),
    Setting("chromium", str, "/usr/bin/chromium", "the Chromium that renders those pages "
            "(Debian's package `chromium`)", scrapy="PATROL_CHROMIUM"),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}
# Settings `patrol` resolves (patrol.config), and the Scrapy settings with their defaults.
CONFIG = tuple(setting for setting in SETTINGS if setting.env)
SCRAPY_DEFAULTS = {setting.scrapy: setting.default for setting in SETTINGS if setting.scrapy}


def default(name: str) -> str | int | float | None:
    return BY_NAME[name].default


def shown_default(setting: Setting) -> str:
    """The default as the README and `--help` show it: `0.5`, `15` seconds, the active model."""
    if setting.default is None:
        return setting.absent
    return f"`{_value(setting.default)}`{setting.unit}"


def env_and_default(name: str) -> str:
    """What an option's help says in brackets: `env PATROL_X; default 180`."""
    setting = BY_NAME[name]
    if setting.default is None:
        return f"env {setting.env}; default: {setting.absent}"
    return f"env {setting.env}; default {_value(setting.default)}"


def _value(value: str | int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def markdown_table() -> str:
    """The README's table of the settings `patrol` resolves."""
    return _table(("setting", "flag", "environment", "`patrol.toml` key", "default"),
                  [(s.help, _code(s.flag), _code(s.env), _code(s.toml), shown_default(s))
                   for s in CONFIG])


def scrapy_markdown_table() -> str:
    """The README's table of the settings only the crawler has."""
    return _table(("setting", "Scrapy setting", "default"),
                  [(s.help, _code(s.scrapy), shown_default(s))
                   for s in SETTINGS if s.scrapy and not s.env])


def _code(name: str | None) -> str:
    return f"`{name}`" if name else ""


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += [" ".join(f"| {cell}" if cell else "|" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"

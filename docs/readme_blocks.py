"""The README's shown output, written by running the real commands (cog).

`make readme` runs `cog -r README.md`, which calls these functions from the README's
`[[[cog ...]]]` comments and writes what they print between the markers. `tests/test_readme.py`
runs them again and fails when the README is stale, comparing with the figures that differ on
every run (seconds, start times, the host name) masked.

The demo crawl runs once per process, into a temporary folder, and the blocks after it read its
database.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATROL = str(Path(sys.executable).parent / "patrol")  # as installed: its usage says `patrol`
WIDTH = "120"  # a wide terminal, and as wide as the README shows without scrolling much


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        ok: bool = True) -> str:
    """What `patrol ARGS` prints (stdout, then stderr), as a user sees it in a wide terminal."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    full_env.update({"COLUMNS": WIDTH, **(env or {})})
    result = subprocess.run([PATROL, *args], cwd=cwd or _scratch(),
                            env=full_env, capture_output=True, text=True, timeout=300)
    if ok and result.returncode != 0:
        raise RuntimeError(f"patrol {' '.join(args)} failed:\n{result.stderr}")
    return (result.stdout + result.stderr).rstrip("\n")


@functools.cache
def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="readme-"))


@functools.cache
def _demo() -> str:
    return run("demo", "--no-serve", "--site-port", "0", "--database", demo_database())


def demo_database() -> str:
    return f"sqlite:///{_scratch() / 'demo.db'}"


def _out(text: str) -> None:
    import cog  # exists only while cog runs this file's functions

    cog.outl(text)


def _block(text: str, command: str | None = None) -> None:
    _out("```")
    if command:
        _out(f"$ {command}")
    _out(text)
    _out("```")


# --- the blocks -------------------------------------------------------------------------------


def demo_summary() -> None:
    """The crawl summary `make demo` prints (up to the queue that follows it)."""
    lines = _demo().splitlines()
    start = lines.index("Crawl summary")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("└"))
    _block("\n".join(lines[start:end + 1]))


def demo_posts() -> None:
    """The paragraph that says what the demo serves and does."""
    from crawler.demo_site.server import demo_sources, load_content, post_count

    content = load_content()
    posts, flyers = post_count(content), len(content.get("flyer", []))
    sources = len(demo_sources("http://127.0.0.1", content))
    _out(f"""The demo runs offline in about fifteen seconds. It serves {posts} fictional
posts (written for this project; phone numbers are in the unused 0000 block), some with their
offer only in one of {flyers} flyer images, on 127.0.0.1, crawls all {sources} demo sources
(one a board built by JavaScript, read with Chromium) into `var/demo.db` with the shipped
model, reading the flyers' text, and prints:""")


def command(*args: str, shown: str | None = None, ok: bool = True) -> None:
    """`patrol ARGS` against the demo database, with its output."""
    output = run(*args, env={"PATROL_DATABASE_URL": demo_database()}, ok=ok)
    _demo()
    _block(output, shown or "patrol " + " ".join(_quoted(a) for a in args))


def classify(*texts: str) -> None:
    """`patrol classify` of each text, in one block."""
    parts = []
    for text in texts:
        parts.append(f"$ patrol classify {_quoted(text)}\n{run('classify', text)}")
    _out("```")
    _out("\n\n".join(parts))
    _out("```")


def classify_json(text: str) -> None:
    """`patrol classify --json`, through `python -m json.tool` for the reader."""
    printed = json.dumps(json.loads(run("classify", "--json", text)), indent=4)
    _block(printed, f"patrol classify --json {_quoted(text)} | python -m json.tool")


def help_() -> None:
    """`patrol --help`: every command."""
    _block(run("--help", env={"COLUMNS": "100"}), "patrol --help")


def bad_sources() -> None:
    """What `patrol crawl` says of a sources file with an unknown kind."""
    folder = _scratch() / "bad-sources"
    folder.mkdir(exist_ok=True)
    (folder / "sources.toml").write_text(
        '[[source]]\nname = "a"\nkind = "tiktok"\nurl = "https://www.tiktok.com/@a"\n',
        encoding="utf-8")
    _block(run("crawl", cwd=folder, ok=False), "patrol crawl")


def settings(crawler_only: bool = False) -> None:
    """The table of settings `patrol` resolves, or of those only the crawler has."""
    import settings_table

    table = settings_table.scrapy_markdown_table() if crawler_only else \
        settings_table.markdown_table()
    _out(table.rstrip("\n"))


def layout() -> None:
    """Each package, what it holds (its docstring's first sentence), and every module in it with
    the first sentence of its docstring."""
    for package in PACKAGES:
        folder = ROOT / package
        _out(f"- **`{package}/`**: {_first_sentence(folder / '__init__.py')}")
        for path in sorted(folder.glob("*.py")):
            if path.name != "__init__.py":
                _out(f"  - `{path.name}`: {_first_sentence(path)}")


PACKAGES = ("classifier", "crawler", "crawler/spiders", "storage", "patrol", "patrol/commands",
            "patrol/operations", "patrol/queue", "patrol/cases", "patrol/retraining", "review",
            "review/routes", "settings_table", "package_files")


def _first_sentence(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text, depth = " ".join(doc.split()), 0
    for n, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ".;" and depth == 0 and text[n + 1:n + 2] in ("", " "):
            return text[:n]
    return text


def db_upgrade() -> None:
    from storage.db import head_revision

    _block("export PATROL_DATABASE_URL=postgresql+psycopg://patrol@db.internal:5432/patrol\n"
           f"patrol db upgrade        # database schema: empty -> {head_revision()}")


def _quoted(arg: str) -> str:
    return f'"{arg}"' if re.search(r"[\s'!]", arg) else arg


# --- checking ---------------------------------------------------------------------------------

# What differs on every run, masked before comparing: seconds, times, the host name, the ids of
# queue items (the demo's sources are crawled side by side, so which post is stored first
# varies), and the rule lines of tables, whose width follows them.
_VOLATILE = (
    (re.compile(r"^│ \d+(?= +│)", re.M), "│ ID"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00| UTC)?"), "TIME"),
    (re.compile(r"(?<![\d.])\d+\.\d(?!\d)( s)?"), "N"),
    (re.compile(r"\) on \S+:"), ") on HOST:"),
    (re.compile(r"\d\.\d{8,}"), "FLOAT"),  # a score's last digits may follow the CPU
    (re.compile(r"[ ─━]+"), " "),
)


def masked(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text

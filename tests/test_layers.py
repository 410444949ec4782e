"""The flow of imports goes one way, as the README's layout table says: the classifier and the
crawler import nothing from the service layer (patrol/queue, cases, retraining, operations) or
the web app; storage imports no package above it; spiders only parse. Imports inside functions
count too. Plugins that Scrapy loads by name (crawler/settings.py) are configuration, not
imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICE = ("patrol.queue", "patrol.cases", "patrol.retraining", "patrol.operations")
BASE = ("package_files", "settings_table")

# Which of the project's packages each part may import (besides itself).
ALLOWED = {
    "package_files": (),
    "settings_table": (),
    "classifier": BASE,
    "storage": BASE,
    "crawler.spiders": (*BASE, "classifier", "crawler"),
    "crawler.items": (*BASE,),
    "crawler": (*BASE, "classifier", "storage"),
    "patrol.config": BASE,
    **{layer: (*BASE, "classifier", "storage", "crawler", "patrol.config", *SERVICE)
       for layer in SERVICE},
    "review": (*BASE, "classifier", "storage", "crawler", "patrol.config", *SERVICE),
}
PROJECT = ("package_files", "settings_table", "classifier", "storage", "crawler", "patrol",
           "review")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str | None:
    """The most specific entry of ALLOWED that `module` falls under."""
    matches = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in PROJECT]


def _violations(part: str) -> list[str]:
    wrong = []
    for path in sorted(p for top in PROJECT for p in (ROOT / top).glob("**/*.py")):
        module = _module(path)
        if _part(module) != part or "migrations" in path.parts or "demo_site" in path.parts:
            continue
        for line, name in _imports(path):
            if name.startswith(part + ".") or name == part:
                continue
            if not any(name == a or name.startswith(a + ".") for a in ALLOWED[part]):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return wrong


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_what_lies_below_it(part):
    assert _violations(part) == []


def test_the_check_sees_a_wrong_import(tmp_path, monkeypatch):
    # The rule is only worth having if it can fail: a spider that stores posts itself.
    spider = tmp_path / "crawler" / "spiders" / "bad.py"
    spider.parent.mkdir(parents=True)
    spider.write_text("def parse():\n    from storage.posts import store_batch\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert _violations("crawler.spiders") == ["crawler/spiders/bad.py:2 imports "
                                              "storage.posts.store_batch"]

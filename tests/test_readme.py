"""The README's shown output is what the commands print today. `make readme` writes it (cog runs
docs/readme_blocks.py); this runs the same blocks again and fails when the README is stale,
with the command that fixes it. Seconds, start times and the host name differ on every run
and are masked before comparing."""

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
sys.path.insert(0, str(ROOT / "docs"))
from readme_blocks import masked  # noqa: E402

pytestmark = pytest.mark.slow


def test_the_readme_shows_what_the_commands_print(tmp_path):
    written = tmp_path / "README.md"
    result = subprocess.run([sys.executable, "-m", "cogapp", "-I", str(ROOT / "docs"),
                             "-o", str(written), str(README)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    now, shown = masked(written.read_text(encoding="utf-8")), masked(README.read_text("utf-8"))
    diff = "\n".join(difflib.unified_diff(shown.splitlines(), now.splitlines(), "README.md",
                                          "what the commands print", lineterm="", n=1))
    assert now == shown, f"README is stale: run `make readme`.\n{diff}"


def test_the_check_sees_a_stale_readme():
    readme = README.read_text(encoding="utf-8")
    row = "│ tg-infokerjaln   │     2 │   14 │"
    stale = readme.replace(row, row.replace("14 │", "13 │"))
    assert stale != readme and masked(stale) != masked(readme)


def test_the_readme_has_its_generated_blocks():
    readme = README.read_text(encoding="utf-8")
    for block in ("demo_summary()", "classify(", 'command("queue"', 'command("runs"',
                  "settings()", "db_upgrade()", "layout()"):
        assert f"import readme_blocks as r; r.{block}" in readme

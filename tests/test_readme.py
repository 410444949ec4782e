"""The README's shown output is what the commands print today: a `patrol classify` example that
no longer matches the active model (a new threshold, a flag found or lost) fails here, with the
output to paste."""

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import run_patrol

README = Path(__file__).resolve().parents[1] / "README.md"
# A command line, then its output up to the next command or the end of the block.
EXAMPLE = re.compile(r"^\$ (patrol classify .+)\n((?:(?!\$ |```).*\n)*)", re.MULTILINE)


def examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_classify_examples():
    assert len(examples()) >= 3


@pytest.mark.parametrize("command, shown", examples(), ids=lambda v: v[:40])
def test_a_classify_example_prints_what_the_readme_shows(tmp_path, command, shown):
    result = run_patrol(*shlex.split(command)[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == shown.strip(), (
        f"README is stale for `{command}`; paste:\n{result.stdout}")

"""The shipped cron and systemd files run real `patrol` commands with options that exist."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest

from patrol.cli import ALREADY_RUNNING
from tests.conftest import run_patrol

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


def _patrol_args(command: str) -> list[str]:
    words = shlex.split(command)
    return words[next(i for i, w in enumerate(words) if w.endswith("/patrol")) + 1:]


def _commands() -> list[list[str]]:
    found = [_patrol_args(_unit(path.name)["Service"]["ExecStart"])
             for path in sorted((DEPLOY / "systemd").glob("*.service"))]
    cron = (DEPLOY / "cron" / "cyber-patrol").read_text()
    found += [_patrol_args(line.split("&&")[-1].split(">")[0])
              for line in cron.splitlines() if re.match(r"^\d", line)]
    return found


def test_every_night_crawls_then_rechecks():
    assert [args[0] for args in _commands()] == ["crawl", "recheck", "serve", "crawl", "recheck"]


@pytest.mark.parametrize("args", _commands(), ids=lambda a: " ".join(a[:1]))
def test_each_shipped_command_is_accepted_by_the_cli(tmp_path, args):
    # Options are parsed up to --help: a misspelt or removed one fails here.
    result = run_patrol(*args, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["crawl", "recheck"])
def test_the_nightly_units_treat_a_run_already_in_progress_as_success(name):
    unit = _unit(f"cyber-patrol-{name}.service")
    assert unit["Service"]["SuccessExitStatus"] == str(ALREADY_RUNNING)
    assert _unit(f"cyber-patrol-{name}.timer")["Timer"]["Persistent"] == "true"

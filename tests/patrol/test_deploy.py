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
    found = [_patrol_args(_unit(name)["Service"]["ExecStart"])
             for name in ("cyber-patrol-crawl.service", "cyber-patrol-web.service")]
    cron = (DEPLOY / "cron" / "cyber-patrol").read_text()
    line = next(x for x in cron.splitlines() if re.match(r"^\d", x))
    found.append(_patrol_args(line.split("&&")[-1].split(">")[0]))
    return found


@pytest.mark.parametrize("args", _commands(), ids=lambda a: " ".join(a[:1]))
def test_each_shipped_command_is_accepted_by_the_cli(tmp_path, args):
    # Options are parsed up to --help: a misspelt or removed one fails here.
    result = run_patrol(*args, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_crawl_unit_treats_a_run_already_in_progress_as_success():
    unit = _unit("cyber-patrol-crawl.service")
    assert unit["Service"]["SuccessExitStatus"] == str(ALREADY_RUNNING)
    assert _unit("cyber-patrol-crawl.timer")["Timer"]["Persistent"] == "true"

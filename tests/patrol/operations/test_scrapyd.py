"""Scrapyd: `scrapyd-deploy` builds an egg that carries the active model, a real `scrapyd` on
127.0.0.1 takes it, and a scheduled spider crawls a local site into the database, scores with
the egg's model, and links its posts; a job whose source yields nothing tells the operator,
as a `patrol crawl` would."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import func, select

from classifier.artefacts import active_version, models_dir
from crawler.demo_site.server import serve_site
from storage.db import open_database, session_factory
from storage.models import CrawlRun, PostVersion, Run, Score, Signature
from tests.conftest import write_sources
from tests.crawler.fixtures import BENIGN, OFFER, channel, quiet_source
from tests.crawler.listeners import smtp_server

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

REPO = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, path: str, form: dict | None = None) -> dict:
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    with urllib.request.urlopen(f"{base}/{path}", data=data, timeout=30) as reply:
        return json.loads(reply.read())


def _models_named(tmp_path: Path, version: str) -> Path:
    """A models folder whose active model is the shipped one under another name, so the test
    can tell a score made with the egg's model from one made with the checkout's."""
    root = tmp_path / "models"
    shipped = models_dir() / active_version()
    shutil.copytree(shipped, root / version)
    card_file = root / version / "model_card.json"
    card = json.loads(card_file.read_text("utf-8"))
    card["version"] = version
    card_file.write_text(json.dumps(card), encoding="utf-8")
    (root / "ACTIVE").write_text(version + "\n", encoding="utf-8")
    return root


def _start_scrapyd(home: Path, port: int) -> subprocess.Popen:
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\nmax_proc = 2\n")
    # No PATROL_* from the test's environment: the job must find its model in the egg.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    return subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_until_up(base: str, daemon: subprocess.Popen) -> str | None:
    """None once Scrapyd answers, else why it will not."""
    deadline = time.monotonic() + 60
    while True:
        try:
            if _api(base, "daemonstatus.json")["status"] == "ok":
                return None
        except OSError:
            pass
        if daemon.poll() is not None:
            return f"scrapyd exited: {daemon.communicate()[1][-500:]}"
        if time.monotonic() > deadline:
            return "scrapyd did not answer within 60 s"
        time.sleep(0.2)


def _deploy(config_home: Path, base: str, models: Path) -> subprocess.CompletedProcess:
    # The target comes from a user scrapy.cfg, as an operator adds one for each node; the
    # checkout's own scrapy.cfg names the project and its settings.
    config_home.mkdir()
    (config_home / "scrapy.cfg").write_text(
        f"[deploy:testnode]\nurl = {base}/\nproject = cyber_patrol\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "PATROL_MODELS_DIR": str(models)}
    return subprocess.run([str(BIN / "scrapyd-deploy"), "testnode"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


@dataclass
class Node:
    """A Scrapyd node on 127.0.0.1 with the project deployed: its URL, home and deploy output."""

    base: str
    home: Path
    deployed: subprocess.CompletedProcess

    def schedule(self, spider: str, source: str, sources: Path, **settings: str) -> str:
        scheduled = _api(self.base, "schedule.json", {
            "project": "cyber_patrol", "spider": spider, "source": source,
            "sources_file": str(sources),
            "setting": [f"{name}={value}" for name, value in settings.items()]})
        assert scheduled["status"] == "ok", scheduled
        return scheduled["jobid"]


@pytest.fixture(scope="module")
def node(tmp_path_factory) -> Iterator[Node]:
    """One Scrapyd daemon and one deployment for the tests of this module: starting and
    deploying is most of their time. Skipped when Scrapyd cannot be started here."""
    if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
        pytest.skip("Scrapyd is not installed (pip install '.[scrapyd]')")
    root = tmp_path_factory.mktemp("scrapyd")
    models = _models_named(root, "egg-model")
    base = f"http://127.0.0.1:{_free_port()}"
    daemon = _start_scrapyd(root / "home", int(base.rsplit(":", 1)[1]))
    try:
        problem = _wait_until_up(base, daemon)
        if problem:
            pytest.skip(f"Scrapyd cannot be started here: {problem}")
        yield Node(base, root / "home", _deploy(root / "config", base, models))
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


def _wait_for_job(node: Node, job: str) -> None:
    deadline = time.monotonic() + 180
    while not any(j["id"] == job for j in
                  _api(node.base, "listjobs.json?project=cyber_patrol")["finished"]):
        assert time.monotonic() < deadline, f"the job did not finish; log:\n{_log(node, job)}"
        time.sleep(0.3)


def _log(node: Node, job: str) -> str:
    return "\n".join(p.read_text() for p in (node.home / "logs").rglob(f"{job}.log"))


def test_a_deployed_egg_crawls_into_the_database_with_its_own_model(tmp_path, pg_url, node):
    assert node.deployed.returncode == 0, node.deployed.stderr
    assert '"status": "ok"' in node.deployed.stdout + node.deployed.stderr
    assert "telegram" in _api(node.base, "listspiders.json?project=cyber_patrol")["spiders"]
    texts = [OFFER.format(n=n) for n in range(1, 4)] + [BENIGN.format(n=n) for n in range(1, 3)]
    with serve_site({"telegram": [channel("lokerx", texts)]}) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg-lokerx", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        job = node.schedule("telegram", "tg-lokerx", sources, PATROL_DATABASE_URL=pg_url)
        _wait_for_job(node, job)

    engine = open_database(pg_url)
    with session_factory(engine)() as session:
        stored = sorted(session.scalars(select(PostVersion.text)))
        assert stored == sorted(texts)
        # Scored with the model the egg carried, not the checkout's active one.
        assert set(session.scalars(select(Score.model))) == {"egg-model"}
        flagged = session.scalar(select(func.count()).select_from(Score)
                                 .where(Score.score >= Score.threshold))
        assert flagged == 3
        # The job linked its posts itself: every version has its near-duplicate signature.
        assert session.scalar(select(func.count()).select_from(Signature)) == len(texts)
        # ...and is a run of its own in the operator's reports.
        assert session.execute(select(Run.kind, Run.status)).all() == [("scrapy", "finished")]
        assert session.scalar(select(CrawlRun.posts_new)) == len(texts)
    engine.dispose()


def test_a_job_whose_source_yields_nothing_notifies_the_operator(tmp_path, sqlite_url, node):
    with serve_site({}) as site, smtp_server() as smtp:
        sources = quiet_source(tmp_path / "sources.toml", site)
        job = node.schedule("html", "kosong", Path(sources), PATROL_DATABASE_URL=sqlite_url,
                            PATROL_NOTIFY_EMAIL="piket@bp2mi.test",
                            PATROL_SMTP_PORT=str(smtp.server_address[1]))
        _wait_for_job(node, job)
    assert "Traceback" not in _log(node, job)
    [raw] = smtp.messages
    mail = message_from_bytes(raw, policy=default)
    assert mail["To"] == "piket@bp2mi.test"
    assert mail["Subject"].startswith("[cyber-patrol] run 1 on ")
    assert mail["Subject"].endswith(": finished, 1 failed check")
    assert "- zero_posts: kosong yielded no posts" in mail.get_content()
    # The job ran as a run of its own, with its checks kept for `patrol runs show`.
    engine = open_database(sqlite_url)
    with session_factory(engine)() as session:
        [run] = session.scalars(select(Run))
        assert (run.kind, run.status) == ("scrapy", "finished")
        assert [c["check"] for c in run.checks] == ["zero_posts"]
    engine.dispose()

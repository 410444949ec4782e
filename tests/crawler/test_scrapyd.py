"""Scrapyd: `scrapyd-deploy` builds an egg that carries the active model, a real `scrapyd` on
127.0.0.1 takes it, and a scheduled spider crawls a local site into the database, scores with
the egg's model, and links its posts."""

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
from pathlib import Path

from sqlalchemy import func, select

from classifier.artefacts import active_version, models_dir
from crawler.demo_site.server import serve_site
from storage.db import open_database, session_factory
from storage.models import CrawlRun, PostVersion, Run, Score, Signature
from tests.conftest import write_sources
from tests.crawler.fixtures import BENIGN, OFFER, channel

REPO = Path(__file__).resolve().parents[2]
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


def _wait_until_up(base: str, daemon: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if _api(base, "daemonstatus.json")["status"] == "ok":
                return
        except OSError:
            pass
        assert daemon.poll() is None, daemon.communicate()[1]
        assert time.monotonic() < deadline, "scrapyd did not start"
        time.sleep(0.2)


def _deploy(tmp_path: Path, base: str, models: Path) -> subprocess.CompletedProcess:
    # The target comes from a user scrapy.cfg, as an operator adds one for each node; the
    # checkout's own scrapy.cfg names the project and its settings.
    config_home = tmp_path / "config"
    config_home.mkdir()
    (config_home / "scrapy.cfg").write_text(
        f"[deploy:testnode]\nurl = {base}/\nproject = cyber_patrol\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "PATROL_MODELS_DIR": str(models)}
    return subprocess.run([str(BIN / "scrapyd-deploy"), "testnode"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def _wait_for_job(base: str, job: str, home: Path) -> None:
    deadline = time.monotonic() + 180
    while not any(j["id"] == job for j in
                  _api(base, "listjobs.json?project=cyber_patrol")["finished"]):
        assert time.monotonic() < deadline, "the job did not finish; log:\n" + "\n".join(
            p.read_text() for p in (home / "logs").rglob("*.log"))
        time.sleep(0.3)


def test_a_deployed_egg_crawls_into_the_database_with_its_own_model(tmp_path, pg_url):
    models = _models_named(tmp_path, "egg-model")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    home = tmp_path / "scrapyd"
    daemon = _start_scrapyd(home, port)
    texts = [OFFER.format(n=n) for n in range(1, 4)] + [BENIGN.format(n=n) for n in range(1, 3)]
    try:
        _wait_until_up(base, daemon)
        deployed = _deploy(tmp_path, base, models)
        assert deployed.returncode == 0, deployed.stderr
        assert '"status": "ok"' in deployed.stdout + deployed.stderr
        assert "telegram" in _api(base, "listspiders.json?project=cyber_patrol")["spiders"]

        with serve_site({"telegram": [channel("lokerx", texts)]}) as site:
            sources = write_sources(tmp_path / "sources.toml", [
                {"name": "tg-lokerx", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
            scheduled = _api(base, "schedule.json", {
                "project": "cyber_patrol", "spider": "telegram", "source": "tg-lokerx",
                "sources_file": str(sources), "setting": [f"PATROL_DATABASE_URL={pg_url}"]})
            assert scheduled["status"] == "ok", scheduled
            _wait_for_job(base, scheduled["jobid"], home)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)

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

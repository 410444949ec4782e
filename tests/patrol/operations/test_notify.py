"""Failed checks reach the operator: an email through a local SMTP server and a JSON POST to a
local webhook, both started by the test; an unreachable notifier does not fail the run."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.policy import default

import pytest

from crawler.demo_site.server import serve_site
from tests.conftest import run_patrol, write_sources
from tests.crawler.fixtures import quiet_source
from tests.crawler.listeners import smtp_server, webhook_server

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training


def test_a_failed_check_is_emailed_and_posted_to_the_webhook(tmp_path, sqlite_url):
    with serve_site({}) as site, smtp_server() as smtp, webhook_server() as hook:
        sources = quiet_source(tmp_path / "sources.toml", site)
        result = run_patrol("crawl", "--sources", sources, cwd=tmp_path, db=sqlite_url, env={
            "PATROL_NOTIFY_EMAIL": "piket@bp2mi.test", "PATROL_SMTP_HOST": "127.0.0.1",
            "PATROL_SMTP_PORT": str(smtp.server_address[1]),
            "PATROL_NOTIFY_WEBHOOK": f"http://127.0.0.1:{hook.server_address[1]}/hook"})
    assert result.returncode == 0, result.stderr
    assert "FAILED CHECK zero_posts: kosong yielded no posts" in result.stderr
    # The next morning's report says it the same way.
    shown = run_patrol("runs", "show", "1", cwd=tmp_path, db=sqlite_url)
    assert "FAILED CHECK zero_posts: kosong yielded no posts" in shown.stdout
    [raw] = smtp.messages
    mail = message_from_bytes(raw, policy=default)
    assert mail["To"] == "piket@bp2mi.test"
    assert "1 failed check" in mail["Subject"]
    assert "- zero_posts: kosong yielded no posts" in mail.get_content()
    [(content_type, payload)] = hook.posts
    assert content_type == "application/json"
    assert [c["check"] for c in payload["run"]["checks"]] == ["zero_posts"]
    assert payload["text"] == mail["Subject"]


def test_an_unreachable_notifier_is_reported_and_the_run_still_ends_well(tmp_path, sqlite_url):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens here once the socket is closed
    with serve_site({}) as site:
        sources = quiet_source(tmp_path / "sources.toml", site)
        result = run_patrol("crawl", "--sources", sources, cwd=tmp_path, db=sqlite_url, env={
            "PATROL_NOTIFY_WEBHOOK": f"http://127.0.0.1:{port}/hook"})
    assert result.returncode == 0, result.stderr
    assert "cannot notify by webhook" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_healthy_run_sends_nothing(tmp_path, sqlite_url):
    from tests.crawler.fixtures import OFFER, channel

    with serve_site({"telegram": [channel("lokerx", [OFFER.format(n=1)])]}) as site, \
            smtp_server() as smtp:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerx"}])
        result = run_patrol("crawl", "--sources", str(sources), cwd=tmp_path, db=sqlite_url,
                            env={"PATROL_NOTIFY_EMAIL": "piket@bp2mi.test",
                                 "PATROL_SMTP_PORT": str(smtp.server_address[1])})
    assert result.returncode == 0, result.stderr
    assert smtp.messages == [] and "FAILED CHECK" not in result.stderr

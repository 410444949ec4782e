"""`patrol serve --workers N`: separate processes, one database, so a session, its CSRF token
and a claim made through one worker hold in every other."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.review.conftest import PASSWORD

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def two_workers(review_engine, sqlite_url, tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "patrol"), "serve", "--workers", "2",
         "--port", str(port), "--database", sqlite_url], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/login", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "patrol serve --workers 2 did not start"
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=20)


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_a_session_csrf_token_and_claim_hold_across_worker_processes(two_workers):
    signed = httpx.Client(base_url=two_workers, follow_redirects=False)
    answer = signed.post("/login", data={"name": "rina", "password": PASSWORD,
                                         "csrf_token": _token(signed.get("/login").text)})
    assert answer.status_code == 303
    cookies = dict(signed.cookies)
    token = _token(signed.get("/").text)
    # A fresh connection for each request lets the kernel hand it to either worker.
    for _ in range(12):
        with httpx.Client(base_url=two_workers, cookies=cookies) as fresh:
            assert fresh.get("/", follow_redirects=False).status_code == 200
    with httpx.Client(base_url=two_workers, cookies=cookies) as fresh:
        item = fresh.post("/claim-next", data={"csrf_token": token}).headers["location"]
    for _ in range(6):
        with httpx.Client(base_url=two_workers, cookies=cookies) as fresh:
            assert "Simpan keputusan" in fresh.get(item).text
    with httpx.Client(base_url=two_workers, cookies=cookies) as fresh:
        done = fresh.post(item + "/decision", data={
            "csrf_token": token, "verdict": "benign", "reasons_benign": "news"})
        assert done.status_code == 303 and done.headers["location"] == "/?msg=decided"

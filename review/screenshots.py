"""The README's pictures of the review app: `make screenshots` (or `python -m review.screenshots
FOLDER`) crawls the bundled demo site into a temporary database, serves the app on 127.0.0.1 and
photographs the queue, an item, the dashboard and a recruiter with Chromium, and an item on a
phone-sized screen. The test suite never writes them: a clean checkout stays clean after it.

Needs Playwright (the test extra) and a Chromium (PATROL_CHROMIUM, default /usr/bin/chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from review.app import create_app
from storage import users
from storage.db import open_database, session_factory

CHROMIUM = os.environ.get("PATROL_CHROMIUM", "/usr/bin/chromium")
REVIEWER = ("rina", "kata-sandi-contoh")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{Path(work) / 'demo.db'}"
        subprocess.run([sys.executable, "-m", "patrol.cli", "demo", "--no-serve",
                        "--site-port", "0", "--database", url], check=True,
                       stdout=subprocess.DEVNULL)
        engine = open_database(url)
        with session_factory(engine)() as session:
            users.add_user(session, REVIEWER[0], "reviewer", REVIEWER[1], actor="screenshots")
            session.commit()
        with _served(engine) as base:
            _photograph(base, folder)
        engine.dispose()
    print(f"screenshots written to {folder}/")


def _photograph(base: str, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = _signed_in(browser.new_context(viewport={"width": 1280, "height": 900}), base)
        page.screenshot(path=str(folder / "queue.png"), full_page=True)
        page.click("#claim-next")
        page.wait_for_url("**/items/*")
        item = page.url
        page.screenshot(path=str(folder / "item.png"), full_page=True)
        page.goto(base + "/dashboard")
        page.screenshot(path=str(folder / "dashboard.png"), full_page=True)
        page.goto(base + "/recruiters")
        page.click("table a[href^='/recruiters/']")  # the recruiter with the most posts
        page.wait_for_url("**/recruiters/*")
        page.screenshot(path=str(folder / "recruiter.png"), full_page=True)
        phone = _signed_in(browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
            has_touch=True), base)
        phone.goto(item)
        phone.screenshot(path=str(folder / "item-phone.png"), full_page=True)
        browser.close()


def _signed_in(context, base: str):
    page = context.new_page()
    page.goto(base + "/")
    page.fill("input[name=name]", REVIEWER[0])
    page.fill("input[name=password]", REVIEWER[1])
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    return page


@contextmanager
def _served(engine) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the review app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))

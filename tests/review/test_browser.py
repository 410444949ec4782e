"""The review app in a real browser: Debian's Chromium driven by Playwright, against the app
served by uvicorn on 127.0.0.1. The tests take no screenshots and leave the checkout as it was;
the README's pictures come from `make screenshots` (review/screenshots.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from review import packets
from review.app import create_app
from tests.review.conftest import PASSWORD

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

CHROMIUM = os.environ.get("PATROL_CHROMIUM", "/usr/bin/chromium")
CHECKOUT = Path(__file__).resolve().parents[2]

playwright_api = pytest.importorskip("playwright.sync_api")


def _checkout_state() -> tuple[str, str] | None:
    """What `git status` says of the checkout, with a digest of the changes it lists (a
    rewritten file that was already modified still shows as " M"); None outside a checkout."""
    def git(*args: str) -> bytes:
        return subprocess.run(["git", *args], cwd=CHECKOUT, capture_output=True,
                              check=True).stdout

    try:
        status = git("status", "--porcelain", "--untracked-files=all")
    except (OSError, subprocess.CalledProcessError):
        return None
    return status.decode(), hashlib.sha256(git("diff", "--binary", "HEAD")).hexdigest()


@pytest.fixture(scope="module", autouse=True)
def checkout_left_as_it_was():
    """The browser tests must leave the checkout as it was: README screenshots are made by
    `make screenshots`, never by the suite (it used to rewrite docs/*.png on every run)."""
    before = _checkout_state()
    yield
    if before is not None:
        after = _checkout_state()
        assert after == before, f"the browser tests changed the checkout:\n{after[0]}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(review_engine):
    yield from _serve(review_engine)


@pytest.fixture
def case_served(case_engine):
    yield from _serve(case_engine)


def _serve(engine):
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _tab(**context):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI: {CHROMIUM} not found (make test installs it)")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_context(**context).new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs
        yield tab
        browser.close()


@pytest.fixture
def page():
    yield from _tab(viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone():
    """A phone-sized screen (390 x 844 CSS pixels, touch), as a reviewer in the field has."""
    yield from _tab(viewport={"width": PHONE_WIDTH, "height": 844}, device_scale_factor=2,
                    is_mobile=True, has_touch=True)


def _login(page, base: str, name: str) -> None:
    page.goto(base + "/")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_reviewer_filters_claims_sees_flags_decides_and_admin_sees_the_audit(served, page):
    _login(page, served, "rina")
    assert page.locator("ol.items li.item").count() == 4
    page.select_option("select[name=source]", "lokerln")
    page.click("form.filters button[type=submit]")
    assert page.locator("ol.items li.item").count() == 2
    page.goto(served + "/")

    page.click("#claim-next")
    page.wait_for_url("**/items/*")
    marks = page.locator("#post-text mark")
    assert marks.count() >= 1
    assert "visa ziarah" in " ".join(marks.all_inner_texts()).lower()
    visa = page.locator("#post-text mark", has_text="visa ziarah")
    assert "visit_visa_for_work" in (visa.get_attribute("data-codes") or "")
    assert "Visa kunjungan/ziarah untuk bekerja" in (visa.get_attribute("title") or "")
    item_path = page.url.removeprefix(served)

    page.check("input[name=verdict][value=illegal]")
    page.fill("textarea[name=note]", "visa ziarah untuk kerja ART")
    page.click("#decision button[type=submit]")
    page.wait_for_url(served + "/?msg=decided")
    assert "Keputusan tersimpan" in page.inner_text("main")

    page.goto(served + "/dashboard")

    page.click("text=Keluar")
    _login(page, served, "adi")
    page.goto(served + "/audit")
    audit = page.inner_text("table.audit")
    assert f"item:{item_path.rsplit('/', 1)[1]}" in audit
    assert "decision" in audit and "rina" in audit
    assert page.dialogs == []


def test_xss_payloads_do_not_execute(served, page):
    _login(page, served, "rina")
    page.goto(served + "/?q=script")
    page.click("ol.items a.text")
    page.wait_for_url("**/items/*")
    text = page.inner_text("#post-text")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert page.locator("#post-text script, #post-text img, main img").count() == 0
    page.click("text=Tampilkan sumber halaman")
    page.goto(page.url + "/evidence")
    assert "<script>alert('raw')</script>" in page.inner_text("body")
    page.wait_for_timeout(300)  # give any injected handler the chance it must not have
    assert page.dialogs == []


PHONE_WIDTH = 390


def _fits_width(page) -> bool:
    # A phone browser widens the layout to fit what overflows and zooms out, so the page is
    # measured against the screen, not against window.innerWidth.
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_on_a_phone_every_page_fits_the_screen_and_a_decision_can_be_made(served, phone):
    _login(phone, served, "adi")
    for path in ("/", "/dashboard", "/audit", "/users", "/models", "/analysis", "/recruiters",
                 "/runs"):
        phone.goto(served + path)
        assert _fits_width(phone), f"{path} scrolls sideways on a phone"
    phone.goto(served + "/")
    assert not phone.is_visible("select[name=source]"), "the filters fill a phone's screen"
    assert phone.is_visible("#claim-next")
    phone.tap("#claim-next")
    phone.wait_for_url("**/items/*")
    assert _fits_width(phone), "the item page scrolls sideways on a phone"
    decision = phone.locator("#decision").bounding_box()
    assert decision["y"] < 844, f"the decision form starts {decision['y']} px down"
    assert not phone.is_visible("#reasons-illegal")  # each verdict's reasons once it is chosen
    phone.check("input[name=verdict][value=benign]")
    assert phone.is_visible("#reasons-benign") and not phone.is_visible("#reasons-illegal")
    phone.check("input[name=reasons_benign][value=other]")
    phone.fill("textarea[name=note]", "iklan resmi")
    phone.tap("#decision button[type=submit]")
    phone.wait_for_url(served + "/?msg=decided")
    assert "Keputusan tersimpan" in phone.inner_text("main")


def test_a_reviewer_follows_an_offer_to_its_recruiter_and_downloads_the_packet(
        case_served, page, tmp_path):
    _login(page, case_served, "rina")
    offer = page.locator("li.item", has=page.locator("a.group"))
    assert offer.locator("a.group").inner_text() == "+1 mirip"  # the repost is folded in
    offer.locator("a.text").click()
    page.wait_for_url("**/items/*")
    page.click("#recruiter-link")
    page.wait_for_url("**/recruiters/*")
    assert page.locator("svg.network circle").count() == 4
    page.locator("svg.network a").first.click()
    assert "#post-" in page.url
    with page.expect_download() as download:
        page.click("#export-packet")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("bukti-perekrut-") and packets.verify(saved) == []


def test_a_decision_half_made_when_the_session_expires_is_still_chosen_after_signing_in(
        served, page, review_engine):
    from datetime import timedelta

    from sqlalchemy import update

    from storage.db import session_factory
    from storage.models import WebSession, utcnow

    _login(page, served, "rina")
    page.click("#claim-next")
    page.wait_for_url("**/items/*")
    item_path = page.url.removeprefix(served)
    page.check("input[name=verdict][value=benign]")
    page.check("input[name=reasons_benign][value=warning]")  # the flags stay with "Ilegal"
    page.fill("textarea[name=note]", "peringatan resmi, bukan tawaran")
    with session_factory(review_engine)() as s:  # the session runs out while she reads
        s.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        s.commit()
    page.click("#decision button[type=submit]")
    page.wait_for_url("**/login?**")
    page.fill("input[name=name]", "rina")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{served}{item_path}?**")
    assert "belum tersimpan" in page.inner_text("#draft-notice")
    assert page.is_checked("input[name=verdict][value=benign]")
    ticked = [box.get_attribute("value")
              for box in page.locator("input[type=checkbox]:checked").all()
              if box.get_attribute("name").startswith("reasons")]
    assert ticked == ["warning"]
    assert page.input_value("textarea[name=note]") == "peringatan resmi, bukan tawaran"
    page.click("#decision button[type=submit]")
    page.wait_for_url(served + "/?msg=decided")


def test_a_reviewer_sees_a_flyer_beside_its_text_with_the_flags_marked(served, page,
                                                                        image_item):
    item_id, _ = image_item
    _login(page, served, "rina")
    page.goto(f"{served}/items/{item_id}")
    image = page.locator("#image-1 img")
    image.wait_for()
    page.wait_for_function("document.querySelector('#image-1 img').complete")
    assert image.evaluate("i => i.naturalWidth") == 1080  # loaded from the app, under its CSP
    assert image.get_attribute("src") == f"/items/{item_id}/images/1"
    text = page.locator("#image-1 .image-text")
    assert "<script>alert(9)</script>" in text.inner_text()  # shown as text, not run
    mark = text.locator("mark", has_text="tanpa pelatihan")
    assert "no_training_or_certificate" in (mark.get_attribute("data-codes") or "")
    image_box, text_box = image.bounding_box(), text.bounding_box()
    assert text_box["x"] > image_box["x"] + image_box["width"] - 1  # beside it, not below
    assert page.locator("#post-text mark").count() == 0
    assert page.dialogs == []

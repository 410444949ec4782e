"""Bidi controls from outside (post fields, source and user names, what the crawler was given)
are shown as visible marks on every page, not only in post text: "face\\u202ebook" would read
as "facekoob", and a control in one field reverses what the page shows after it."""

from __future__ import annotations

import re

from sqlalchemy import select

from classifier import load_scorer
from crawler.items import Fetched
from patrol.cases.linking import link_pending
from storage.db import session_factory
from storage.models import ReviewItem, User
from storage.posts import PostInput, ScoredPost, ensure_source, store_batch

CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TEXT = "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-9191 \u2067gaji\u2069"


def _hostile_post(engine) -> int:
    with session_factory(engine)() as s:
        source = ensure_source(s, "sumber\u202ebalik", "html", "https://bidi.test/")
        url = "https://bidi.test/\u202eloker/1"
        post = PostInput(url=url, platform="face\u202ebook", text=TEXT, author="\u202eagen",
                         evidence=Fetched(TEXT.encode(), url, 200))
        store_batch(s, [ScoredPost(post, load_scorer("rules").score([TEXT])[0], "threshold")],
                    source.id)
        s.add(User(name="ops\u202emalam", role="reviewer", password_hash="-"))  # made long ago
        s.commit()
        link_pending(s)
        return s.scalar(select(ReviewItem.id).order_by(ReviewItem.id.desc()).limit(1))


def test_bidi_controls_from_outside_are_visible_marks_on_every_page(browser, review_engine):
    item_id = _hostile_post(review_engine)
    adi = browser("adi")
    assert adi.post(f"/items/{item_id}/claim").status_code == 303
    assert adi.post(f"/items/{item_id}/decision", {
        "verdict": "illegal", "reasons": ["other"],
        "note": "catatan \u202ebalik"}).status_code == 303
    item = adi.get(f"/items/{item_id}").text
    recruiter = re.search(r'href="(/recruiters/\d+)"', item).group(1)
    pages = {path: adi.get(path).text for path in (
        "/?status=all", "/?status=all&view=all", f"/items/{item_id}", recruiter, "/recruiters",
        "/dashboard", "/users", "/audit", "/?status=all&source=sumber%E2%80%AEbalik")}
    for path, html in pages.items():
        assert not CONTROLS.search(html), f"{path} shows a raw bidi control"
    assert "face[U+202E]book" in pages[f"/items/{item_id}"]
    assert "[U+202E]agen" in pages[f"/items/{item_id}"]
    assert "sumber[U+202E]balik" in pages["/?status=all"]
    assert "ops[U+202E]malam" in pages["/users"]

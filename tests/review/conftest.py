"""A review database with queued posts and one user per role, and a signed-in test client."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from classifier import load_scorer, parts
from crawler.demo_site.flyers import flyer_png
from crawler.items import Fetched, PostImage
from patrol.cases.linking import link_pending
from review.app import create_app
from storage import users
from storage.db import open_database, session_factory
from storage.models import ReviewItem
from storage.posts import PostInput, ScoredPost, ensure_source, store_batch

PASSWORD = "kata-sandi-uji"
HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(2)> </textarea> '
           'visa ziarah \u202egaji 15 jt\u202c hub 0812-0000-7777')
POSTS = {
    "https://t.me/s/lokerln/1": "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-2222",
    "https://t.me/s/lokerln/2": "kerja Malaysia lewat jalur tikus, paspor nyusul, "
                                "wa 0812-0000-3333",
    "https://jobs.test/3": "Loker admin Kamboja gaji 20 jt, tiket ditalangin dulu. "
                           "hub 0812-0000-4444",
    "https://jobs.test/4": HOSTILE,
}

# A recruiter's posts: one number written three ways, an offer and its repost (a near-duplicate
# group), hostile text, and an unrelated ad.
OFFER = ("Dibutuhkan admin online di Kamboja, gaji 15 juta per bulan, tiket dan visa "
         "ditanggung, tanpa pengalaman, berangkat minggu depan. Hubungi 0812-0000-1111")
CASE = {
    "https://t.me/s/lokerln/1": OFFER,
    "https://t.me/s/lokerln/2": "🔥 " + OFFER.replace("0812-0000-1111", "wa.me/6281200001111")
                                + "\nSlot terbatas!!",
    "https://jobs.test/3": "Kerja Malaysia lewat jalur tikus, paspor nyusul. +62 812 0000 1111",
    "https://jobs.test/4": ("<script>alert(1)</script> <img src=x onerror=alert(2)> ART Saudi "
                            "visa ziarah, tanpa pelatihan \u202egaji 15 jt\u202c japri "
                            "0812-0000-1111"),
    "https://jobs.test/5": "Loker kasir minimarket di Sidoarjo, gaji UMK, wa 0813-0000-5555",
}


def _fill(engine: Engine, posts: dict[str, str] = POSTS) -> None:
    scorer = load_scorer("rules")
    with session_factory(engine)() as session:
        telegram = ensure_source(session, "lokerln", "telegram", "https://t.me/s/lokerln")
        board = ensure_source(session, "jobs", "jobposting", "https://jobs.test/")
        for url, result in zip(posts, scorer.score(list(posts.values())), strict=True):
            evidence = Fetched(f"<html><script>alert('raw')</script>"
                                     f"{posts[url]}</html>".encode(), url, 200)
            post = PostInput(url=url, platform="telegram" if "t.me" in url else "jobposting",
                             text=posts[url], author="<b>agen</b>", evidence=evidence)
            store_batch(session, [ScoredPost(post, result, "threshold")],
                        telegram.id if "t.me" in url else board.id)
        for name, role in (("rina", "reviewer"), ("budi", "reviewer"), ("ana", "analyst"),
                           ("adi", "admin")):
            users.add_user(session, name, role, PASSWORD)
        session.commit()
        link_pending(session)  # groups and recruiters, as after a crawl


def _filled(url: str, posts: dict[str, str] = POSTS) -> Iterator[Engine]:
    engine = open_database(url)
    _fill(engine, posts)
    yield engine
    engine.dispose()


@pytest.fixture
def review_engine(sqlite_url: str) -> Iterator[Engine]:
    yield from _filled(sqlite_url)


@pytest.fixture
def case_engine(sqlite_url: str) -> Iterator[Engine]:
    """The recruiter case of CASE, grouped and linked."""
    yield from _filled(sqlite_url, CASE)


@pytest.fixture
def review_engine_any(db_url: str) -> Iterator[Engine]:
    """The same data on SQLite and on PostgreSQL."""
    yield from _filled(db_url)


class Browser:
    """A TestClient that signs in and fills in the CSRF token from the last page it read."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def login(self, name: str, password: str = PASSWORD):
        page = self.client.get("/login")
        token = csrf_of(page.text)
        return self.client.post("/login", data={"name": name, "password": password,
                                                "csrf_token": token})

    def get(self, url: str, **kw):
        response = self.client.get(url, **kw)
        self.csrf = csrf_of(response.text) or self.csrf
        return response

    def post(self, url: str, data: dict | None = None, csrf: bool = True):
        data = dict(data or {})
        if csrf:
            if not self.csrf:
                self.get("/")
            data.setdefault("csrf_token", self.csrf)
        return self.client.post(url, data=data, follow_redirects=False)


def csrf_of(html: str) -> str | None:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return found.group(1) if found else None


@pytest.fixture
def browser(review_engine: Engine) -> Iterator[callable]:
    """browser("rina") -> a client signed in as rina; `address` is the client's IP address."""
    app = create_app(review_engine)
    clients = []

    def signed_in(name: str | None = None, address: str = "testclient") -> Browser:
        client = TestClient(app, follow_redirects=False, client=(address, 50000))
        clients.append(client)
        b = Browser(client)
        if name:
            response = b.login(name)
            assert response.status_code == 303, response.text
        return b

    yield signed_in
    for c in clients:
        c.close()


IMAGE_TEXT = ("LOWONGAN KE TAIWAN <script>alert(9)</script>\n"
              "tanpa pelatihan, visa turis\nHUB WA 0812-0000-3301")


@pytest.fixture
def image_item(review_engine) -> tuple[int, bytes]:
    """A queued post whose offer is in its one image: (its item id, the image's bytes)."""
    body = flyer_png(("LOWONGAN KE TAIWAN", "tanpa pelatihan"))
    image = PostImage(url="https://cdn4.telesco.pe/file/x.png", position=1, body=body,
                      sha256=hashlib.sha256(body).hexdigest(), content_type="image/png",
                      width=1080, height=400, text=IMAGE_TEXT)
    caption = "info di gambar"
    text, where = parts.joined(caption, [(1, IMAGE_TEXT)])
    result = parts.placed(load_scorer("rules").score([text])[0], where)
    with session_factory(review_engine)() as session:
        source = ensure_source(session, "gambar", "telegram", "https://t.me/s/gambar")
        post = PostInput(url="https://t.me/gambar/1", platform="telegram", text=caption,
                         images=(image,))
        store_batch(session, [ScoredPost(post, result, "threshold")], source.id)
        session.commit()
        item_id = session.scalar(select(ReviewItem.id).order_by(ReviewItem.id.desc()))
    return item_id, body

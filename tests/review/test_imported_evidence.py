"""Evidence brought in by `patrol import` says so: from which file and by whom, never
"HTTP 0" and the server's path to the file."""

from __future__ import annotations

import getpass
import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from review.app import create_app
from storage import users
from storage.db import open_database, session_factory
from storage.models import ReviewItem
from tests.conftest import run_patrol
from tests.review.conftest import PASSWORD, Browser

OFFER = ("Dibutuhkan ART ke Saudi pakai visa ziarah, tanpa pelatihan, potong gaji 6 bulan, "
         "berangkat minggu depan, japri 0812-0000-2222")


def test_an_imported_post_names_its_file_and_who_imported_it(tmp_path, sqlite_url):
    path = tmp_path / "temuan-patroli.jsonl"
    path.write_text(json.dumps({"text": OFFER, "platform": "facebook"}) + "\n")
    assert run_patrol("import", str(path), "--model", "rules", cwd=tmp_path,
                      db=sqlite_url).returncode == 0
    engine = open_database(sqlite_url)
    with session_factory(engine)() as s:
        users.add_user(s, "rina", "reviewer", PASSWORD)
        s.commit()
        item = s.scalar(select(ReviewItem.id))
    with TestClient(create_app(engine), follow_redirects=False) as client:
        b = Browser(client)
        b.login("rina")
        page = b.get(f"/items/{item}").text
    engine.dispose()
    assert "dari berkas <code>temuan-patroli.jsonl</code> (baris 1)" in page
    assert f"oleh cli:{getpass.getuser()}" in page
    assert "HTTP 0" not in page and str(tmp_path) not in page

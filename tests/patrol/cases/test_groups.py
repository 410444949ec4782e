"""Near-duplicate groups, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select

from patrol.cases import groups
from patrol.cases.linking import link_pending
from storage.models import Post, PostVersion
from storage.posts import PostInput, store_batch
from storage.posts import ScoredPost as Scored
from tests.conftest import run_patrol

OFFER = ("Dibutuhkan admin online di Kamboja, gaji 15 juta per bulan, tiket dan visa "
         "ditanggung, tanpa pengalaman, berangkat minggu depan. Hubungi 0812-0000-1111")


def _store(session, texts: dict[str, str]) -> None:
    store_batch(session, [Scored(PostInput(url=u, platform="web", text=t))
                          for u, t in texts.items()], None)
    session.commit()
    link_pending(session)  # what `patrol crawl` does after the crawl


def _group(session, url: str) -> int:
    return session.scalar(select(PostVersion.group_id).join(Post).where(Post.url == url))


def test_reposts_with_small_edits_share_a_group_and_other_posts_do_not(session):
    _store(session, {"https://x.test/1": OFFER})
    _store(session, {  # a later crawl: reposts with edits, and an unrelated ad
        "https://x.test/2": "🔥 " + OFFER.replace("1111", "2222") + "\nSlot terbatas!!",
        "https://x.test/3": OFFER.replace("15 juta", "17 juta"),
        "https://x.test/4": "Loker kasir minimarket di Sidoarjo, gaji UMK, kirim CV ke email",
    })
    first = _group(session, "https://x.test/1")
    assert _group(session, "https://x.test/2") == first
    assert _group(session, "https://x.test/3") == first
    assert _group(session, "https://x.test/4") != first
    assert [m.post.url for m in groups.overview(session, first)] == [
        "https://x.test/1", "https://x.test/2", "https://x.test/3"]


def test_a_post_that_bridges_two_groups_merges_them_into_the_oldest(session):
    # a = X+Y and b = Y+Z share a third of their shingles; X+Y+Z shares two thirds with each.
    x = "Kerja ART di Riyadh visa ziarah gaji tujuh juta berangkat cepat tanpa kursus"
    y = "paspor dibantu tiket gratis penampungan di Batam sebelum terbang malam hari"
    z = "dicari juga sopir pribadi untuk majikan di Jeddah kontrak dua tahun langsung"
    a, b = f"{x} {y}", f"{y} {z}"
    _store(session, {"https://x.test/a": a})
    _store(session, {"https://x.test/b": b})
    assert _group(session, "https://x.test/a") != _group(session, "https://x.test/b")
    _store(session, {"https://x.test/ab": f"{x} {y} {z}"})
    merged = {_group(session, f"https://x.test/{n}") for n in ("a", "b", "ab")}
    assert merged == {_group(session, "https://x.test/a")}


def test_the_threshold_is_a_setting_and_a_stricter_one_groups_less(tmp_path, db_url, session):
    offer = OFFER.replace("0812-0000-1111", "0812-0000-2222")
    lines = [{"text": OFFER, "url": "https://x.test/1"},
             {"text": offer + "\nSlot terbatas!! Yg serius aja ya", "url": "https://x.test/2"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    strict = {"PATROL_DATABASE_URL": db_url, "PATROL_GROUP_THRESHOLD": "0.95"}
    assert run_patrol("import", str(path), cwd=tmp_path, env=strict).returncode == 0
    assert _group(session, "https://x.test/1") != _group(session, "https://x.test/2")
    # The default, 0.5, groups the same two posts (a fresh import of the same lines).
    session.close()
    path.write_text(path.read_text().replace("x.test", "y.test"))
    plain = {"PATROL_DATABASE_URL": db_url}
    assert run_patrol("import", str(path), cwd=tmp_path, env=plain).returncode == 0
    assert _group(session, "https://y.test/1") == _group(session, "https://y.test/2")
    wrong = run_patrol("import", str(path), cwd=tmp_path,
                       env={**plain, "PATROL_GROUP_THRESHOLD": "1.5"})
    assert wrong.returncode != 0
    assert "group_threshold must be a number above 0 and at most 1, not '1.5'" in wrong.stderr

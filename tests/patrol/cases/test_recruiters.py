"""Recruiters: flagged posts linked by the identifiers they share, incrementally, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from classifier import load_scorer
from patrol.cases import recruiters
from patrol.cases.linking import link_pending, relink
from storage.models import EntityRow, Post, PostEntity, PostVersion, Recruiter
from storage.posts import PostInput, ScoredPost, store_batch
from tests.conftest import run_patrol


def _store(session, texts: dict[str, str]) -> None:
    results = load_scorer("rules").score(list(texts.values()))
    store_batch(session, [ScoredPost(PostInput(url=url, platform="telegram", text=text), r,
                                     "threshold" if r.label == "illegal" else None)
                          for (url, text), r in zip(texts.items(), results, strict=True)], None)
    session.commit()
    link_pending(session)  # what `patrol crawl` does after the crawl


def _recruiter_of(session, url: str) -> int | None:
    return session.scalar(select(Post.recruiter_id).where(Post.url == url))


def test_one_number_written_three_ways_links_three_posts(session):
    _store(session, {
        "https://t.me/s/a/1": "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-1234",
        "https://t.me/s/b/2": "Kerja Malaysia lewat jalur tikus, paspor nyusul. +62 812 0000 1234",
        "https://jobs.test/3": "Loker admin Kamboja gaji 20jt. wa.me/6281200001234",
    })
    ids = {_recruiter_of(session, u) for u in ("https://t.me/s/a/1", "https://t.me/s/b/2",
                                               "https://jobs.test/3")}
    assert len(ids) == 1 and None not in ids
    profile = recruiters.profile(session, ids.pop())
    assert ("phone", "+6281200001234") in profile.identifiers
    assert len(profile.posts) == 3 and profile.platforms == ["telegram"]
    written = set(session.scalars(select(PostEntity.text)))
    assert {"0812-0000-1234", "+62 812 0000 1234"} <= written


def test_posts_sharing_only_a_common_word_stay_apart(session):
    _store(session, {
        "https://t.me/s/a/1": "Loker admin Kamboja gaji 20jt, tiket ditalangin. wa 0812-0000-1111",
        "https://t.me/s/a/2": "Loker admin Kamboja gaji 25jt, tanpa pengalaman. wa 0813-0000-2222",
    })
    first, second = (_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2))
    assert first and second and first != second


def test_a_post_that_shares_with_two_recruiters_merges_them_into_the_oldest(session):
    _store(session, {"https://t.me/s/a/1": "ART Saudi visa ziarah, japri 0812-0000-1111"})
    _store(session, {"https://t.me/s/a/2": "Kerja Kamboja admin gaji 20jt, tg @rekrut_kh"})
    older, newer = (_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2))
    assert older < newer
    _store(session, {"https://t.me/s/a/3":
                     "Kerja Kamboja & ART Saudi visa ziarah, wa 0812-0000-1111 atau tg @rekrut_kh"})
    assert {_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2, 3)} == {older}
    assert session.get(Recruiter, newer).merged_into == older
    assert recruiters.resolve_id(session, newer) == older  # an old link still leads somewhere
    assert recruiters.profile(session, newer).id == older
    values = {v for _, v in recruiters.profile(session, older).identifiers}
    assert values == {"+6281200001111", "@rekrut_kh"}
    (listed,) = recruiters.listing(session)
    assert (listed["id"], listed["posts"]) == (older, 3)


def test_one_batch_that_bridges_its_own_posts_makes_one_recruiter(session):
    _store(session, {
        "https://t.me/s/a/1": "ART Saudi visa ziarah, japri 0812-0000-1111",
        "https://t.me/s/a/2": "Kerja Kamboja admin gaji 20jt, tg @rekrut_kh",
        "https://t.me/s/a/3": "Kerja Kamboja & ART Saudi visa ziarah, wa 0812-0000-1111 atau "
                              "tg @rekrut_kh",
        "https://t.me/s/a/4": "Kerja Malaysia lewat jalur tikus, wa 0813-0000-2222",
    })
    ids = [_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2, 3, 4)]
    assert ids[0] == ids[1] == ids[2] != ids[3]
    assert session.scalar(select(func.count()).select_from(Recruiter)) == 2  # no tombstones


def test_warnings_keep_their_entities_but_link_no_one(session):
    hotline = "WASPADA lowongan palsu ke Kamboja! Jangan tergiur. Lapor BP2MI 0812-0000-9999"
    _store(session, {"https://x.test/1": hotline, "https://x.test/2": hotline + " (ulang)"})
    assert session.scalar(select(func.count()).select_from(EntityRow)) == 1
    assert session.scalar(select(func.count()).select_from(PostEntity)) == 2
    assert session.scalar(select(func.count()).select_from(Recruiter)) == 0
    assert _recruiter_of(session, "https://x.test/1") is None


def test_patrol_recruiters_lists_and_shows_a_profile_literally(tmp_path, db_url, session):
    _store(session, {
        "https://t.me/s/a/1": "[bold red]ART Saudi[/] visa ziarah, japri 0812-0000-1234",
        "https://t.me/s/a/2": "Kerja Malaysia lewat jalur tikus. +62 812 0000 1234",
    })
    env = {"PATROL_DATABASE_URL": db_url}
    listed = json.loads(run_patrol("recruiters", "list", "--json", cwd=tmp_path, env=env).stdout)
    assert [(r["posts"], r["identifiers"]) for r in listed] == [(2, ["+6281200001234"])]
    shown = run_patrol("recruiters", "show", str(listed[0]["id"]), cwd=tmp_path, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "[bold red]ART Saudi[/]" in shown.stdout  # Rich markup printed, not obeyed
    assert "phone +6281200001234" in shown.stdout
    missing = run_patrol("recruiters", "show", "999", cwd=tmp_path, env=env)
    assert missing.returncode == 2 and "no recruiter 999" in missing.stderr


def test_rebuild_links_the_same_posts_again(session):
    _store(session, {"https://t.me/s/a/1": "ART Saudi visa ziarah, japri 0812-0000-1111"})
    _store(session, {"https://t.me/s/a/2": "Kerja Kamboja admin gaji 20jt, tg @rekrut_kh"})
    _store(session, {"https://t.me/s/a/3": "ART Saudi & Kamboja, wa 0812-0000-1111, tg @rekrut_kh"})
    before = {_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2, 3)}
    assert relink(session) == 3
    after = {_recruiter_of(session, f"https://t.me/s/a/{n}") for n in (1, 2, 3)}
    assert len(before) == len(after) == 1
    assert [r["posts"] for r in recruiters.listing(session)] == [3]
    assert session.scalar(select(func.count()).select_from(PostEntity)) == 4


def test_patrol_import_links_and_groups_what_it_stored(tmp_path, db_url, session):
    offer = "ART Saudi visa ziarah, tanpa pelatihan, gaji 8 juta, berangkat cepat"
    lines = [{"text": f"{offer}. japri 0812-0000-1234", "url": "https://x.test/1"},
             {"text": f"🔥 {offer}!! wa.me/6281200001234", "url": "https://x.test/2"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    env = {"PATROL_DATABASE_URL": db_url}
    assert run_patrol("import", str(path), cwd=tmp_path, env=env).returncode == 0
    listed = json.loads(run_patrol("recruiters", "list", "--json", cwd=tmp_path, env=env).stdout)
    assert [r["posts"] for r in listed] == [2]
    session.expire_all()
    groups = set(session.scalars(select(PostVersion.group_id)))
    assert len(groups) == 1 and None not in groups  # the two are one offer

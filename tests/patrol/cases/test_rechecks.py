"""`patrol recheck`: posts judged illegal are looked at again on the site that served them. One
job ad stays, one is edited, one is taken down (404); one channel message is deleted while the
channel goes on posting. Each outcome is recorded with its page, the edited ad gets a new
version, and nothing else in the database changes."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from crawler.demo_site.server import serve_site
from patrol.cases import takedowns
from patrol.queue import claims, decisions
from patrol.queue.listing import list_queue
from storage import users
from storage.db import open_database, session_factory
from storage.models import Post, PostCheck, PostVersion
from tests.conftest import run_patrol, write_sources
from tests.crawler.fixtures import OFFER, channel, job

AD = ("Dicari TKW ke Arab Saudi pakai visa ziarah, tanpa pelatihan, berangkat minggu depan. "
      "Biaya proses 5 juta dipotong gaji. Japri wa 0812-0000-{n:04d}")


def _site_content() -> dict:
    return {"telegram": [channel("lokerln", [OFFER.format(n=n) for n in (1, 2, 3)])],
            "job": [job(slug, "jsonld", f"ART Saudi {slug}", AD.format(n=n))
                    for n, slug in enumerate(("tetap", "diubah", "dihapus"), start=11)]}


def _decide_all_illegal(engine) -> int:
    with session_factory(engine)() as session:
        reviewer = users.add_user(session, "rina", "reviewer", "kata-sandi-rina")
        session.commit()
        decided = 0
        for entry in list_queue(session, limit=100, grouped=False):
            claims.claim(session, entry.id, reviewer)
            decisions.decide(session, entry.id, reviewer, "illegal", ["visit_visa_for_work"])
            decided += 1
        return decided


def _outcomes(engine) -> dict[str, list[tuple[str, int | None, bool]]]:
    with session_factory(engine)() as session:
        rows = session.execute(select(Post.url, PostCheck.outcome, PostCheck.http_status,
                                      PostCheck.evidence_id)
                               .join(PostCheck, PostCheck.post_id == Post.id)
                               .order_by(PostCheck.id)).all()
    found: dict[str, list] = {}
    for url, outcome, status, evidence in rows:
        found.setdefault(url.rsplit("/", 2)[-2] + "/" + url.rsplit("/", 1)[-1], []).append(
            (outcome, status, evidence is not None))
    return found


def test_recheck_records_online_changed_and_gone_and_changes_nothing_else(tmp_path, db_url):
    content = _site_content()
    with serve_site(content) as site:
        sources = write_sources(tmp_path / "sources.toml", [
            {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/lokerln"},
            {"name": "loker", "kind": "jobposting", "url": f"{site.url}/loker/"}])
        crawled = run_patrol("crawl", "--sources", str(sources), cwd=tmp_path, db=db_url)
        assert crawled.returncode == 0, crawled.stderr
        engine = open_database(db_url)
        assert _decide_all_illegal(engine) == 6

        content["telegram"][0]["message"][1]["deleted"] = True  # message 2
        content["telegram"][0]["message"].append(
            {"date": "2026-11-20T08:00:00+00:00", "label": "?", "text": OFFER.format(n=4)})
        content["job"][1]["description"] = AD.format(n=12) + " Kuota tinggal 3 orang!"
        content["job"][2]["removed"] = True
        site.requests.clear()

        result = run_patrol("recheck", "--decided-days", "30", "--json", cwd=tmp_path,
                            db=db_url)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) | {"run": 0} == {
            "run": 0, "posts": 6, "online": 3, "changed": 1, "gone": 2, "failed": 0,
            "skipped": []}
        # One page per post looked for, each message's own preview; no listing, no older pages.
        looked = sorted(p for p in site.requests if p != "/robots.txt")
        assert looked == ["/loker/dihapus", "/loker/diubah", "/loker/tetap",
                          "/s/lokerln/1", "/s/lokerln/2", "/s/lokerln/3"]

    assert _outcomes(engine) == {
        "lokerln/1": [("online", 200, True)], "lokerln/2": [("gone", 200, True)],
        "lokerln/3": [("online", 200, True)], "loker/tetap": [("online", 200, True)],
        "loker/diubah": [("changed", 200, True)], "loker/dihapus": [("gone", 404, True)]}
    with session_factory(engine)() as session:
        versions = {url: n for url, n in session.execute(
            select(Post.url, func.count(PostVersion.id)).join(PostVersion).group_by(Post.url))}
        assert sorted(versions.values()) == [1, 1, 1, 1, 1, 2]  # only the edited ad
        assert not any(url.endswith("/lokerln/4") for url in versions)  # not looked for
        edited = next(url for url in versions if url.endswith("/diubah"))
        post = session.scalar(select(Post).where(Post.url == edited))
        assert "Kuota tinggal 3 orang!" in post.versions[-1].text
        status = takedowns.status_of(session, session.scalars(select(Post.id)).all())
        gone = sorted(url.rsplit("/", 1)[-1] for url, post_id in session.execute(
            select(Post.url, Post.id)) if not status[post_id].online)
        assert gone == ["2", "dihapus"]

    # A post found gone is not looked at again; the others are.
    again = run_patrol("recheck", "--decided-days", "30", "--json", cwd=tmp_path, db=db_url)
    assert again.returncode == 1  # the site is gone: every page failed
    assert json.loads(again.stdout)["posts"] == 4
    engine.dispose()


def test_recheck_with_nothing_to_look_at_says_so(tmp_path, sqlite_url):
    result = run_patrol("recheck", cwd=tmp_path, db=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 posts looked at again: 0 online, 0 changed, 0 gone, " \
                                    "0 failed"

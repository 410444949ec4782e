"""Groups, recruiters and evidence packets as a reviewer meets them: the item page's links, the
recruiter's network, a group decision, and a packet that proves what was crawled."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from review import packets
from storage.db import session_factory
from storage.models import AuditEntry, Decision, Post, PostVersion, ReviewItem
from tests.conftest import run_patrol
from tests.review.conftest import CASE


@pytest.fixture
def review_engine(case_engine: Engine) -> Engine:
    return case_engine  # every test here, and its signed-in browser, reads the case's posts


def _ids(engine: Engine, url: str) -> tuple[int, int | None, int]:
    """(item id, recruiter id, group id) of the post at `url`."""
    with session_factory(engine)() as s:
        return s.execute(select(ReviewItem.id, Post.recruiter_id, PostVersion.group_id)
                         .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
                         .join(Post).where(Post.url == url)).one()


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_item_page_leads_to_its_recruiter_and_its_group(browser, review_engine):
    item, recruiter, group = _ids(review_engine, "https://t.me/s/lokerln/1")
    repost, same_recruiter, same_group = _ids(review_engine, "https://t.me/s/lokerln/2")
    assert (same_recruiter, same_group) == (recruiter, group)
    rina = browser("rina")
    page = rina.get(f"/items/{item}").text
    assert f'href="/recruiters/{recruiter}"' in page and f'href="/groups/{group}"' in page
    assert "2 unggahan mirip" in page and "1 lainnya belum ditinjau" in page

    members = rina.get(f"/groups/{group}").text
    assert f'href="/items/{item}"' in members and f'href="/items/{repost}"' in members
    assert f"/items/{_ids(review_engine, 'https://jobs.test/3')[0]}" not in members


def test_the_recruiter_page_draws_posts_and_identifiers_and_escapes_them(browser,
                                                                         review_engine):
    _, recruiter, _ = _ids(review_engine, "https://jobs.test/4")
    page = browser("rina").get(f"/recruiters/{recruiter}").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    tags = Elements(svg).tags
    posts = [a for tag, a in tags if tag == "circle"]
    assert len(posts) == 4  # every post with 0812-0000-1111, however it was written
    assert len([a for tag, a in tags if tag == "rect"]) == 1
    assert len([a for tag, a in tags if tag == "line"]) == 4
    assert "+6281200001111" in svg
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "\u202e" not in page  # a bidi override is shown, not obeyed
    listing = browser("rina").get("/recruiters").text
    assert f'href="/recruiters/{recruiter}"' in listing and "+6281200001111" in listing


def test_the_recruiter_page_says_which_numbers_are_posts_and_which_are_items(browser,
                                                                          review_engine):
    item, recruiter, _ = _ids(review_engine, "https://jobs.test/4")
    with session_factory(review_engine)() as s:
        post = s.scalar(select(Post.id).where(Post.url == "https://jobs.test/4"))
    page = browser("rina").get(f"/recruiters/{recruiter}").text
    assert f"<td>unggahan #{post}</td>" in page
    assert f'<a href="/items/{item}">item #{item}</a>' in page


def test_a_group_decision_from_the_item_page_decides_every_open_repost(browser, review_engine):
    item, _, _ = _ids(review_engine, "https://t.me/s/lokerln/1")
    repost, _, _ = _ids(review_engine, "https://t.me/s/lokerln/2")
    rina = browser("rina")
    assert rina.post(f"/items/{item}/claim").status_code == 303
    form = rina.get(f"/items/{item}").text
    assert 'name="whole_group"' in form and "1 item mirip lain" in form
    response = rina.post(f"/items/{item}/decision", {
        "verdict": "illegal", "reasons": ["scam_compound_job"], "whole_group": "1"})
    assert response.status_code == 303
    with session_factory(review_engine)() as s:
        rows = s.execute(select(Decision.review_item_id, Decision.applied_from)
                         .order_by(Decision.id)).all()
        assert rows == [(item, None), (repost, item)]
        assert s.get(ReviewItem, repost).status == "decided"
    shown = rina.get(f"/items/{repost}").text
    assert f'diterapkan ke seluruh grup dari <a href="/items/{item}">item #{item}</a>' in shown


def _download(browser, review_engine, path: str) -> tuple[bytes, object]:
    rina = browser("rina")
    rina.get("/")
    response = rina.post(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    return response.content, rina


def test_the_packet_button_gives_a_zip_that_verifies_and_is_audited(browser, review_engine,
                                                                   tmp_path):
    _, recruiter, _ = _ids(review_engine, "https://jobs.test/4")
    content, rina = _download(browser, review_engine, f"/recruiters/{recruiter}/evidence")
    packet = tmp_path / "packet.zip"
    packet.write_bytes(content)
    assert packets.verify(packet) == []
    files = packets.read(packet)
    manifest = json.loads(files["manifest.json"])
    assert manifest["exported_by"] == "rina" and manifest["subject"]["kind"] == "recruiter"
    assert {p["url"] for p in manifest["posts"]} == set(list(CASE)[:4])
    assert len([f for f in files if f.startswith("evidence/")]) == 4
    with session_factory(review_engine)() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "export_evidence"))
        assert (entry.actor, entry.target) == ("rina", f"recruiter:{recruiter}")
    assert rina.post(f"/recruiters/{recruiter}/evidence", csrf=False).status_code == 400
    assert rina.post(f"/recruiters/{recruiter}/evidence",
                     {"csrf_token": "forged"}, csrf=False).status_code == 403


def test_the_packet_report_escapes_hostile_post_text(browser, review_engine):
    item, _, _ = _ids(review_engine, "https://jobs.test/4")
    content, _ = _download(browser, review_engine, f"/items/{item}/evidence-packet")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("/report.html")]
        report = archive.read(name).decode()
    tags = {tag for tag, _ in Elements(report).tags}
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "\u202e" not in report and "[U+202E]" in report
    assert "Paket bukti: unggahan" in report and "visa ziarah" in report


def _flip_one_byte(packet: Path) -> str:
    [evidence] = sorted((packet / "evidence").iterdir())[:1]
    data = bytearray(evidence.read_bytes())
    data[len(data) // 2] ^= 0x01
    evidence.write_bytes(bytes(data))
    return f"evidence/{evidence.name}"


def test_verify_from_the_cli_fails_when_one_byte_of_one_evidence_file_changes(
        review_engine, sqlite_url, tmp_path):
    _, recruiter, _ = _ids(review_engine, "https://jobs.test/4")
    export = run_patrol("export", "evidence", "--recruiter", str(recruiter), "--out", "case",
                        cwd=tmp_path, db=sqlite_url)
    assert export.returncode == 0, export.stderr
    assert run_patrol("verify", "case", cwd=tmp_path).returncode == 0
    changed = _flip_one_byte(tmp_path / "case")
    failed = run_patrol("verify", "case", cwd=tmp_path)
    assert failed.returncode == 1
    assert f"FAILED {changed}: SHA-256 does not match SHA256SUMS" in failed.stdout
    assert re.search(rf"FAILED {changed}: differs from the page fetched from", failed.stdout)


def test_a_changed_zip_is_caught_too(browser, review_engine, tmp_path):
    item, _, _ = _ids(review_engine, "https://t.me/s/lokerln/1")
    content, _ = _download(browser, review_engine, f"/items/{item}/evidence-packet")
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(tmp_path / "changed.zip", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if "/evidence/" in name:
                data = data.replace(b"15 juta", b"16 juta")
            target.writestr(name, data)
    problems = packets.verify(tmp_path / "changed.zip")
    assert any("SHA-256 does not match SHA256SUMS" in p for p in problems)


def test_export_needs_one_subject_that_exists(review_engine, sqlite_url, tmp_path):
    here = tmp_path / "out"
    here.mkdir()
    both = run_patrol("export", "evidence", "--recruiter", "1", "--post", "1", cwd=here,
                      db=sqlite_url)
    assert both.returncode != 0 and "exactly one of --recruiter ID or --post ID" in both.stderr
    missing = run_patrol("export", "evidence", "--post", "999", cwd=here, db=sqlite_url)
    assert missing.returncode != 0 and "no post 999" in missing.stderr
    assert list(here.iterdir()) == []


def test_a_manifest_edited_into_nonsense_is_reported_not_a_crash(tmp_path):
    packet = tmp_path / "edited"
    packet.mkdir()
    manifest = json.dumps({"format": packets.FORMAT, "files": [{}]}).encode()
    (packet / "manifest.json").write_bytes(manifest)
    (packet / "SHA256SUMS").write_text(f"{packets.sha256(manifest)}  manifest.json\n")
    result = run_patrol("verify", str(packet), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "FAILED manifest.json: malformed (KeyError: 'path')" in result.stdout


def test_item_and_recruiter_pages_say_whether_a_post_is_still_online(browser, review_engine):
    from datetime import UTC, datetime

    from storage.models import PostCheck

    gone_item, recruiter, _ = _ids(review_engine, "https://jobs.test/3")
    online_item, _, _ = _ids(review_engine, "https://t.me/s/lokerln/1")
    with session_factory(review_engine)() as s:
        post = {url: i for url, i in s.execute(select(Post.url, Post.id))}
        looks = [("https://jobs.test/3", 1, "online"), ("https://jobs.test/3", 2, "gone"),
                 ("https://jobs.test/3", 3, "failed"), ("https://jobs.test/3", 4, "gone"),
                 ("https://t.me/s/lokerln/1", 4, "online")]
        for url, day, outcome in looks:
            s.add(PostCheck(post_id=post[url], outcome=outcome,
                            checked_at=datetime(2026, 12, day, 2, 0, tzinfo=UTC)))
        s.commit()
    rina = browser("rina")
    assert "sudah diturunkan sejak 2026-12-02 02:00 UTC" in rina.get(f"/items/{gone_item}").text
    assert "masih online (diperiksa 2026-12-04 02:00 UTC)" in rina.get(
        f"/items/{online_item}").text
    never = _ids(review_engine, "https://jobs.test/4")[0]
    assert "belum diperiksa ulang" in rina.get(f"/items/{never}").text
    listing = rina.get(f"/recruiters/{recruiter}").text
    assert listing.count("sudah diturunkan sejak 2026-12-02 02:00 UTC") == 1
    assert listing.count("masih online (diperiksa 2026-12-04 02:00 UTC)") == 1

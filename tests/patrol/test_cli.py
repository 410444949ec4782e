"""The `patrol` CLI in a subprocess, as an operator or a script would call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import head_revision, open_database, session_factory
from storage.models import Post, PostVersion, ReviewItem
from tests.conftest import run_patrol
from tests.review.conftest import csrf_of

pytestmark = pytest.mark.slow  # subprocesses, crawls, a browser, Scrapyd or training

OFFER = "Lowongan ART Saudi, visa ziarah, tanpa pelatihan. japri wa 0812-0000-3456"
WARNING = "WASPADA modus lowongan ke Saudi pakai visa ziarah, jangan tergiur! Lapor BP2MI."


def test_classify_text_prints_the_design_result(tmp_path):
    result = run_patrol("classify", OFFER, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["label"] == "illegal" and data["score"] >= data["threshold"]
    visa = next(f for f in data["flags"] if f["code"] == "visit_visa_for_work")
    assert OFFER[visa["start"]:visa["end"]] == visa["text"] == "visa ziarah"
    phone = next(e for e in data["entities"] if e["kind"] == "phone")
    assert (phone["value"], phone["text"]) == ("+6281200003456", "0812-0000-3456")


def test_classify_human_output_names_flags(tmp_path):
    result = run_patrol("classify", OFFER, cwd=tmp_path)
    assert "illegal" in result.stdout and "visit_visa_for_work" in result.stdout


def test_classify_jsonl_keeps_order_and_reports_bad_lines_in_place(tmp_path):
    lines = [json.dumps({"text": OFFER}), "{broken json", json.dumps({"text": WARNING}),
             json.dumps({"no_text": 1})]
    result = run_patrol("classify", "--input", "-", stdin="\n".join(lines) + "\n", cwd=tmp_path)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["label"] == "illegal" and out[2]["label"] == "benign"
    assert out[1]["line"] == 2 and "not valid JSON" in out[1]["error"]
    assert out[3]["line"] == 4 and "'text'" in out[3]["error"]
    assert result.returncode == 1


def test_import_reports_bad_lines_and_imports_good_ones(tmp_path, db_url):
    rows = [
        json.dumps({"text": OFFER, "url": "https://fb.test/post/1", "author": "Agen",
                    "posted_at": "2026-11-02T08:00:00+07:00", "platform": "facebook"}),
        '{"text": "unterminated',
        json.dumps({"text": WARNING}),
        json.dumps({"text": ""}),
        json.dumps({"text": "ok", "posted_at": "kemarin"}),
        "\xff\xfe not utf-8 either",
    ]
    path = tmp_path / "manual.jsonl"
    path.write_bytes("\n".join(rows[:5]).encode() + b"\n\xff\xfe oops\n")
    result = run_patrol("import", str(path), cwd=tmp_path, db=db_url)
    assert result.returncode == 1  # something was skipped
    for line, reason in ((2, "not valid JSON"), (4, "missing or empty 'text'"),
                         (5, "'posted_at' is not an ISO 8601 date"), (6, "not valid JSON")):
        assert f"manual.jsonl:{line}: {reason}" in result.stderr
    assert "2 posts read, 2 new" in result.stdout and "1 queued for review" in result.stdout
    engine = open_database(db_url)
    with session_factory(engine)() as session:
        posts = {p.url: p for p in session.scalars(select(Post))}
        assert posts["https://fb.test/post/1"].platform == "facebook"
        assert posts["https://fb.test/post/1"].author == "Agen"
        assert session.scalars(select(ReviewItem)).one().version.text == OFFER
    engine.dispose()
    again = run_patrol("import", str(path), cwd=tmp_path, db=db_url)
    assert "0 new" in again.stdout  # importing the same file twice adds nothing


def test_import_csv_with_a_text_column(tmp_path, sqlite_url):
    path = tmp_path / "manual.csv"
    path.write_text(f'text,url,author\n"{OFFER}",https://x.test/1,Agen\n'
                    f'"{WARNING}",https://x.test/2,KP2MI\n"too","many",cells,here\n',
                    encoding="utf-8")
    result = run_patrol("import", str(path), cwd=tmp_path, db=sqlite_url)
    assert "manual.csv:4: more cells than header columns" in result.stderr
    engine = open_database(sqlite_url)
    with session_factory(engine)() as session:
        assert sorted(v.text for v in session.scalars(select(PostVersion))) == \
            sorted([OFFER, WARNING])
    engine.dispose()


def test_import_keeps_a_post_whose_emoji_escape_was_cut_in_half(tmp_path, db_url):
    # json.loads turns the lone "\ud83d" into a surrogate, which no UTF-8 encoder (spaCy, the
    # database) takes: the post was lost. It is stored with U+FFFD in its place.
    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "' + OFFER + ' \\ud83d", "url": "https://x.test/cut"}\n',
                    encoding="utf-8")
    result = run_patrol("import", str(path), cwd=tmp_path, db=db_url)
    assert result.returncode == 0, result.stderr
    assert "1 posts read, 1 new" in result.stdout and "1 queued for review" in result.stdout
    engine = open_database(db_url)
    with session_factory(engine)() as session:
        assert session.scalars(select(PostVersion)).one().text == OFFER + " \ufffd"
    engine.dispose()


def test_queue_lists_imported_offers_highest_first_as_json_and_table(tmp_path, sqlite_url):
    texts = [OFFER, "kerja Malaysia jalur tikus tanpa paspor, wa 0812-0000-7777", WARNING]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n")
    run_patrol("import", str(path), cwd=tmp_path, db=sqlite_url)
    result = run_patrol("queue", "--json", cwd=tmp_path, db=sqlite_url)
    items = json.loads(result.stdout)
    # Both offers are queued, the warning is not; which offer the model ranks first is its own
    # business, the queue's is to list them by score.
    assert sorted(i["text"] for i in items) == sorted([OFFER, texts[1]])
    assert items[0]["score"] >= items[1]["score"]
    assert {"id", "url", "platform", "author", "text", "score", "flags", "status",
            "first_seen"} <= set(items[0])
    table = run_patrol("queue", cwd=tmp_path, db=sqlite_url)
    assert "visit_visa_for_work" in table.stdout
    assert {i["scope"] for i in items} == {"migrant"}
    domestic = run_patrol("queue", "--scope", "domestic", "--json", cwd=tmp_path, db=sqlite_url)
    assert json.loads(domestic.stdout) == []
    wrong = run_patrol("queue", "--scope", "abroad", cwd=tmp_path, db=sqlite_url)
    assert wrong.returncode == 2 and "unknown scope 'abroad'" in wrong.stderr


def test_queue_shows_hostile_text_literally(tmp_path, sqlite_url):
    hostile = ("[bold red]visa ziarah[/] lowongan ART Saudi, berangkat cepat tanpa pelatihan, "
               "japri 0812-0000-1111 [link=x]y[/link]")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": hostile}) + "\n")
    run_patrol("import", str(path), cwd=tmp_path, db=sqlite_url)
    result = run_patrol("queue", cwd=tmp_path, db=sqlite_url)
    assert "[bold red]visa ziarah[/]" in result.stdout  # Rich markup printed, not obeyed


def test_unreachable_database_is_one_clear_line(tmp_path):
    result = run_patrol("queue", cwd=tmp_path,
                        db="postgresql+psycopg://postgres@127.0.0.1:1/none")
    assert result.returncode == 2
    assert "cannot connect to the database at postgresql+psycopg://postgres@127.0.0.1:1/none" \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_come_from_patrol_toml_when_no_flag_or_env(tmp_path):
    (tmp_path / "patrol.toml").write_text('database_url = "sqlite:///from-toml.db"\n')
    result = run_patrol("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-toml.db").exists()
    assert f"database schema: empty -> {head_revision()}" in result.stdout


def test_a_bad_number_of_scoring_processes_is_named(tmp_path):
    (tmp_path / "patrol.toml").write_text('score_processes = "two"\n')
    result = run_patrol("crawl", cwd=tmp_path, env={"PATROL_SCORE_PROCESSES": ""},
                        db=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert "score_processes must be a whole number from 0 to 64, not 'two'" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_sources_file_is_named_without_traceback(tmp_path):
    (tmp_path / "sources.toml").write_text('[[source]]\nname = "a"\nkind = "tiktok"\n'
                                           'url = "https://x.test/"\n')
    result = run_patrol("crawl", cwd=tmp_path, db=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert "sources.toml: source 'a': key 'kind': unknown kind 'tiktok'" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_crawls_everything_and_queues_offers(tmp_path):
    # With one scoring process, as an operator's crawl runs by default.
    result = run_patrol("demo", "--no-serve", "--site-port", "0", cwd=tmp_path, timeout=90,
                        env={"PATROL_SCORE_PROCESSES": "1"})
    assert result.returncode == 0, result.stderr
    for source in ("tg-infokerjaln", "tg-kabarpmi", "tg-lokergambar", "papan-loker",
                   "kabar-migran", "forum-info-kerja", "lapak-loker"):
        assert source in result.stdout
    engine = open_database(f"sqlite:///{tmp_path / 'var' / 'demo.db'}")
    with session_factory(engine)() as session:
        posts = session.scalars(select(Post)).all()
        queued = session.scalars(select(ReviewItem)).all()
        # The flyer channel's offers are in its pictures: flagged there, not in the captions.
        flyers = {item.version.post.url.rsplit("/", 1)[1]: item for item in queued
                  if "/lokergambar/" in item.version.post.url and item.reason == "threshold"}
        assert sorted(flyers) == ["1", "2"]
        for item in flyers.values():
            assert item.version.images and all(i.image.text for i in item.version.images)
            assert {f.get("image") for f in item.score.flags} - {None}
    engine.dispose()
    assert len(posts) >= 75
    assert 25 <= len(queued) < len(posts)
    # The forum's repost of a Telegram offer is folded into it, and linked to its recruiter
    # through the same number written as a wa.me link.
    db = f"sqlite:///{tmp_path / 'var' / 'demo.db'}"
    folded, every = (json.loads(run_patrol("queue", "--limit", "500", "--json", *extra,
                                           cwd=tmp_path, db=db).stdout)
                     for extra in ((), ("--every",)))
    assert len(every) == len(folded) + 1
    # The board built by JavaScript is read through the browser, its offers queued.
    assert {e["source"] for e in every} >= {"lapak-loker"}
    [riyadh] = [e for e in folded if e["similar"]]
    assert "Riyadh" in riyadh["text"]
    listed = json.loads(run_patrol("recruiters", "list", "--json", cwd=tmp_path, db=db).stdout)
    assert [r["posts"] for r in listed[:2]] == [3, 2]
    assert "+6281200001101" in listed[1]["identifiers"]


def test_demo_ends_serving_the_review_app_with_the_printed_demo_account(tmp_path):
    import re
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    demo = subprocess.Popen([str(Path(sys.executable).parent / "patrol"), "demo", "--site-port",
                             "0", "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        line = ""
        while "Review app:" not in line:
            assert time.monotonic() < deadline and demo.poll() is None, "demo did not serve"
            line = demo.stdout.readline()
        name, password = re.search(r"sign in as (\S+) / (\S+) \(reviewer\)", line).groups()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(600):  # importing the app takes a few seconds
                try:
                    login = client.get("/login")
                    break
                except httpx.ConnectError:
                    time.sleep(0.1)
            token = csrf_of(login.text)
            signed_in = client.post("/login", data={"name": name, "password": password,
                                                    "csrf_token": token})
            assert signed_in.status_code == 303
            queue = client.get("/")
            assert queue.status_code == 200 and "Antrean tinjauan" in queue.text
            assert 'class="item"' in queue.text
    finally:
        demo.terminate()
        demo.wait(timeout=20)


def test_users_add_refuses_a_name_outside_the_safe_set(tmp_path):
    result = run_patrol("users", "add", "ops/night", "--role", "reviewer", cwd=tmp_path,
                        db=f"sqlite:///{tmp_path / 'p.db'}", stdin="kata-sandi-uji\n")
    assert result.returncode != 0
    assert "letters, digits" in result.stderr + result.stdout


def test_option_help_shows_where_each_setting_comes_from(tmp_path):
    """Rich read "[env PATROL_SOURCES; default sources.toml]" as markup and dropped it."""
    result = run_patrol("crawl", "--help", cwd=tmp_path)
    assert "[env PATROL_SOURCES; default" in result.stdout
    assert "[env PATROL_DATABASE_URL; default" in run_patrol("queue", "--help", cwd=tmp_path).stdout

"""Storage on SQLite and PostgreSQL: every test here runs once per backend."""

import hashlib
import zlib

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from classifier import load_scorer
from storage.db import DatabaseError, current_revision, make_engine, open_database
from storage.models import Evidence, Post, PostVersion, ReviewItem
from storage.posts import (
    EvidenceInput,
    Outcome,
    PostInput,
    content_hash,
    ensure_source,
    evidence_body,
    store_post,
    store_score,
    touch_if_unchanged,
)
from storage.queue import enqueue, list_queue

URL = "https://t.me/lokerln/7"


def post(text: str, url: str = URL, body: bytes = b"<html>page</html>") -> PostInput:
    return PostInput(url=url, platform="telegram", text=text, author="Loker LN",
                     evidence=EvidenceInput(body=body, final_url=url, status=200,
                                            headers={"Content-Type": "text/html"}))


def test_empty_database_is_migrated_on_first_use(db_url):
    engine = open_database(db_url)
    assert current_revision(engine) == "0001"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Post)).scalar() == 0
    engine.dispose()


def test_database_behind_the_code_is_refused_with_the_fix(db_url):
    engine = open_database(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="run `patrol db upgrade`"):
        open_database(db_url)


def test_new_post_is_stored_with_compressed_evidence(session):
    body = "<html>lowongan ✈️</html>".encode() * 50
    outcome, version = store_post(session, post("visa ziarah", body=body), None)
    session.commit()
    assert outcome is Outcome.NEW and version.version == 1
    evidence = session.scalars(select(Evidence)).one()
    assert evidence.sha256 == hashlib.sha256(body).hexdigest()
    assert len(evidence.body) < len(body) and zlib.decompress(evidence.body) == body
    assert evidence_body(evidence) == body
    assert (evidence.final_url, evidence.status) == (URL, 200)
    assert evidence.headers == {"Content-Type": "text/html"}
    assert evidence.fetched_at.tzinfo is not None


def test_same_text_again_is_unchanged_and_adds_no_row(session):
    store_post(session, post("visa ziarah"), None)
    session.commit()
    outcome, _ = store_post(session, post("visa ziarah"), None)
    session.commit()
    assert outcome is Outcome.UNCHANGED
    assert session.scalar(select(func.count()).select_from(PostVersion)) == 1
    assert touch_if_unchanged(session, URL, content_hash("visa ziarah"))
    assert not touch_if_unchanged(session, URL, content_hash("edited"))


def test_changed_text_is_a_new_version_and_the_old_one_is_kept(session):
    store_post(session, post("gaji 5jt"), None)
    outcome, version = store_post(session, post("gaji 15jt, visa ziarah"), None)
    session.commit()
    assert outcome is Outcome.CHANGED and version.version == 2
    stored = session.scalars(select(Post)).one()
    assert stored.current_version == 2
    assert [v.text for v in stored.versions] == ["gaji 5jt", "gaji 15jt, visa ziarah"]


def test_post_is_unique_per_canonical_url(session):
    store_post(session, post("a"), None)
    session.commit()
    session.add(Post(url=URL, platform="telegram"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Post)) == 1


def test_queue_lists_highest_risk_first_and_queues_a_version_once(session):
    scorer = load_scorer("rules")
    texts = {
        "https://x.test/1": "Loker pabrik Batam, gaji UMK. hub 0812-0000-1111",
        "https://x.test/2": "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-2222",
        "https://x.test/3": "kerja Malaysia lewat jalur tikus, wa 0812-0000-3333",
    }
    source = ensure_source(session, "demo", "telegram", "https://x.test/")
    for url, body in texts.items():
        _, version = store_post(session, post(body, url=url), source.id)
        score = store_score(session, version.id, scorer.score([body])[0])
        enqueue(session, score)
        enqueue(session, score)  # a second call must not queue it twice
    session.commit()
    entries = list_queue(session, limit=10)
    assert [e.url for e in entries] == ["https://x.test/2", "https://x.test/3", "https://x.test/1"]
    assert entries[0].score >= entries[1].score >= entries[2].score
    assert "visit_visa_for_work" in entries[0].flags
    assert entries[0].source == "demo"
    assert session.scalar(select(func.count()).select_from(ReviewItem)) == 3


def test_unreachable_database_is_a_clear_error():
    with pytest.raises(DatabaseError, match="cannot connect to the database at .*:1/"):
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/nothing")


def test_invalid_database_url_is_a_clear_error():
    with pytest.raises(DatabaseError, match="invalid database URL"):
        make_engine("not a url")

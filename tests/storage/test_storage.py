"""Storage on SQLite and PostgreSQL: every test here runs once per backend."""

import hashlib
import zlib
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from classifier import load_scorer
from crawler.items import Fetched
from patrol.queue.listing import QueueFilter, list_queue
from patrol.queue.states import QueueError
from storage.db import (
    DatabaseError,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    session_factory,
    upgrade,
)
from storage.models import Base, Evidence, Post, PostVersion, ReviewItem, Score, ScoreFlag
from storage.posts import (
    Outcome,
    PostInput,
    ScoredPost,
    content_hash,
    current_hashes,
    ensure_source,
    evidence_body,
    store_batch,
    touch_seen,
)

URL = "https://t.me/lokerln/7"


def post(text: str, url: str = URL, body: bytes = b"<html>page</html>") -> PostInput:
    return PostInput(url=url, platform="telegram", text=text, author="Loker LN",
                     evidence=Fetched(body=body, final_url=url, status=200,
                                            headers={"Content-Type": "text/html"}))


def test_empty_database_is_migrated_on_first_use(db_url):
    engine = open_database(db_url)
    assert current_revision(engine) == head_revision()
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


def store(session, *posts, source_id=None):
    outcomes = store_batch(session, [ScoredPost(p) for p in posts], source_id)
    session.commit()
    return outcomes


def test_new_post_is_stored_with_compressed_evidence(session):
    body = "<html>lowongan ✈️</html>".encode() * 50
    assert store(session, post("visa ziarah", body=body)) == [Outcome.NEW]
    evidence = session.scalars(select(Evidence)).one()
    assert evidence.sha256 == hashlib.sha256(body).hexdigest()
    assert len(evidence.body) < len(body) and zlib.decompress(evidence.body) == body
    assert evidence_body(evidence) == body
    assert (evidence.final_url, evidence.status) == (URL, 200)
    assert evidence.headers == {"Content-Type": "text/html"}
    assert evidence.fetched_at.tzinfo is not None


def test_posts_from_one_page_share_one_evidence_row(session):
    page = b"<html>twenty messages</html>"
    store(session, post("a", url="https://t.me/x/1", body=page),
          post("b", url="https://t.me/x/2", body=page))
    store(session, post("c", url="https://t.me/x/3", body=page))
    assert session.scalar(select(func.count()).select_from(Evidence)) == 3  # one per final URL
    versions = session.scalars(select(PostVersion)).all()
    assert len({v.evidence_id for v in versions}) == 3 and None not in \
        {v.evidence_id for v in versions}


def test_same_text_again_is_unchanged_and_adds_no_row(session):
    source = ensure_source(session, "tg", "telegram", "https://t.me/s/x")
    store(session, post("visa ziarah"), source_id=source.id)
    assert store(session, post("visa ziarah"), source_id=source.id) == [Outcome.UNCHANGED]
    assert session.scalar(select(func.count()).select_from(PostVersion)) == 1
    assert current_hashes(session, source.id) == {URL: content_hash("visa ziarah")}


def test_seen_again_moves_last_seen_only(session):
    store(session, post("visa ziarah"))
    before = session.scalars(select(Post)).one()
    first_seen, last_seen = before.first_seen, before.last_seen
    touch_seen(session, [URL])
    session.commit()
    session.expire_all()
    after = session.scalars(select(Post)).one()
    assert after.first_seen == first_seen and after.last_seen > last_seen


def test_changed_text_is_a_new_version_and_the_old_one_is_kept(session):
    assert store(session, post("gaji 5jt")) == [Outcome.NEW]
    assert store(session, post("gaji 15jt, visa ziarah")) == [Outcome.CHANGED]
    session.expire_all()
    stored = session.scalars(select(Post)).one()
    assert stored.current_version == 2
    assert [v.text for v in stored.versions] == ["gaji 5jt", "gaji 15jt, visa ziarah"]


def test_post_is_unique_per_canonical_url(session):
    store(session, post("a"))
    session.add(Post(url=URL, platform="telegram"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Post)) == 1


def test_queue_lists_highest_risk_first_with_the_flags(session):
    scorer = load_scorer("rules")
    texts = {
        "https://x.test/1": "Loker pabrik Batam, gaji UMK. hub 0812-0000-1111",
        "https://x.test/2": "ART Saudi visa ziarah, tanpa pelatihan, japri 0812-0000-2222",
        "https://x.test/3": "kerja Malaysia lewat jalur tikus, wa 0812-0000-3333",
        "https://x.test/4": "Waspada modus visa ziarah! jangan tergiur",
    }
    source = ensure_source(session, "demo", "telegram", "https://x.test/")
    batch = [ScoredPost(post(body, url=url), result, "threshold" if url != "https://x.test/4"
                        else None)
             for (url, body), result in zip(texts.items(), scorer.score(list(texts.values())),
                                            strict=True)]
    store_batch(session, batch, source.id)
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


def test_migrations_build_the_schema_the_models_describe(db_url):
    engine = open_database(db_url)

    def ours(obj, name, kind, reflected, compare_to):
        # The trigram index is PostgreSQL-only and lives in the migration alone.
        return name != "ix_post_versions_text_trgm"

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def _queue_one_scored_post(engine, flags: list[dict]) -> None:
    """A post, its version, a score with `flags` and an open review item (the first of each,
    id 1 in a new database), written as rows the way an older schema's release wrote them.
    Ids come from the database, so its sequences stay right for rows added later."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        def add(table, **values) -> int:
            return conn.execute(insert(table.__table__).values(**values)).inserted_primary_key[0]

        post = add(Post, url=URL, platform="telegram", first_seen=now, last_seen=now,
                   current_version=1)
        version = add(PostVersion, post_id=post, version=1, text="visa ziarah ...",
                      content_hash="0" * 64, first_seen=now)
        score = add(Score, post_version_id=version, model="m", score=0.9, label="illegal",
                    threshold=0.5, flags=flags, entities=[], scored_at=now)
        add(ReviewItem, post_version_id=version, score_id=score, status="open", priority=0.9,
            reason="threshold", created_at=now)


def test_upgrade_lists_the_flag_codes_of_scores_stored_before_it(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0002")
    flags = [{"code": "visit_visa_for_work", "text": "visa ziarah", "start": 0, "end": 11},
             {"code": "visit_visa_for_work", "text": "visa ziarah", "start": 20, "end": 31},
             {"code": "passport_or_id_withheld", "text": "paspor ditahan", "start": 40,
              "end": 54}]
    _queue_one_scored_post(engine, flags)  # as a release with schema 0002 wrote it
    assert upgrade(engine) == ("0002", head_revision())
    with session_factory(engine)() as session:
        assert sorted(session.execute(select(ScoreFlag.score_id, ScoreFlag.code)).all()) == [
            (1, "passport_or_id_withheld"), (1, "visit_visa_for_work")]
        found = list_queue(session, where=QueueFilter(flag="passport_or_id_withheld"))
        assert [e.id for e in found] == [1]
        assert list_queue(session, where=QueueFilter(flag="fee_upfront")) == []
    engine.dispose()


def test_upgrade_copies_each_version_group_onto_its_review_item(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0007")
    now = datetime.now(UTC)
    with engine.begin() as conn:  # two reposts grouped by 0006's linking, queued before 0008
        for n in (1, 2):
            conn.execute(insert(Post.__table__).values(
                id=n, url=f"{URL}/{n}", platform="telegram", first_seen=now, last_seen=now,
                current_version=1))
            conn.execute(insert(PostVersion.__table__).values(
                id=n, post_id=n, version=1, text="visa ziarah ...", content_hash=f"{n}" * 64,
                first_seen=now, group_id=1))
            conn.execute(insert(ReviewItem.__table__).values(
                id=n, post_version_id=n, status="open", priority=0.9, reason="threshold",
                created_at=now))
    assert upgrade(engine) == ("0007", head_revision())
    with session_factory(engine)() as session:
        assert [(e.id, e.similar) for e in list_queue(session)] == [(1, 1)]
    engine.dispose()


def test_queue_tells_migrant_offers_from_domestic_trafficking(db_url):
    """Scores made before scope existed keep None after the upgrade; new ones carry it, and
    the queue filters on it."""
    engine = make_engine(db_url)
    upgrade(engine, "0010")
    _queue_one_scored_post(engine, [])  # scored before 0011
    assert upgrade(engine) == ("0010", head_revision())
    texts = {"https://fb.test/1": "Loker kebun sawit Pahang, masuk paspor pelancong, permit "
                                  "nyusul, wa 0812-0000-1212",
             "https://fb.test/2": "Dicari cewek 16 thn utk karaoke di Tarakan, KTP ditahan "
                                  "bos, gaji dijelaskan di lokasi. wa 0812-0000-3434"}
    results = load_scorer("rules").score(list(texts.values()))
    with session_factory(engine)() as session:
        store_batch(session, [ScoredPost(post(text, url), result, "threshold")
                              for (url, text), result in zip(texts.items(), results,
                                                             strict=True)], None)
        session.commit()
        assert {e.url: e.scope for e in list_queue(session)} == {
            URL: None, "https://fb.test/1": "migrant", "https://fb.test/2": "domestic"}
        domestic = list_queue(session, where=QueueFilter(scope="domestic"))
        assert [e.url for e in domestic] == ["https://fb.test/2"]
        assert [e.url for e in list_queue(session, where=QueueFilter(scope="migrant"))] == [
            "https://fb.test/1"]
    with pytest.raises(QueueError, match="unknown scope 'abroad'"):
        QueueFilter(scope="abroad")
    engine.dispose()


def test_images_are_stored_once_per_hash_beside_the_page_after_an_upgrade(db_url):
    """A database from before images (0011) upgraded: posts stored then keep no images; new
    posts keep theirs, one row per distinct image however many posts show it."""
    from crawler.items import PostImage
    from storage.models import ImageFile
    from storage.models import PostImage as PostImageRow
    from storage.posts import image_texts

    engine = make_engine(db_url)
    upgrade(engine, "0011")
    _queue_one_scored_post(engine, [])
    assert upgrade(engine) == ("0011", head_revision())

    def image(body: bytes, position: int, text: str | None) -> PostImage:
        return PostImage(url=f"https://cdn4.telesco.pe/file/{position}.png", position=position,
                         body=body, sha256=hashlib.sha256(body).hexdigest(),
                         content_type="image/png", width=10, height=10, text=text)

    flyer, other = b"\x89PNG flyer", b"\x89PNG other"
    with session_factory(engine)() as session:
        first = PostInput(url=f"{URL}/1", platform="telegram", text="lihat gambar",
                          images=(image(flyer, 1, None), image(other, 2, "kuota terbatas")))
        again = PostInput(url=f"{URL}/2", platform="telegram", text="",
                          images=(image(flyer, 1, "tanpa pelatihan"),))
        store_batch(session, [ScoredPost(first)], None)
        store_batch(session, [ScoredPost(again)], None)
        session.commit()
        rows = {r.sha256: r for r in session.scalars(select(ImageFile))}
        assert len(rows) == 2 and rows[hashlib.sha256(flyer).hexdigest()].body == flyer
        assert session.scalar(select(func.count()).select_from(PostImageRow)) == 3
        assert image_texts(session, list(rows)) == {  # read later: kept for the image
            hashlib.sha256(flyer).hexdigest(): "tanpa pelatihan",
            hashlib.sha256(other).hexdigest(): "kuota terbatas"}
        stored = session.scalar(select(PostVersion).join(Post).where(Post.url == f"{URL}/1"))
        assert [(i.position, i.image.text) for i in stored.images] == [
            (1, "tanpa pelatihan"), (2, "kuota terbatas")]
        old = session.scalar(select(PostVersion).join(Post).where(Post.url == URL))
        assert old.images == []
    engine.dispose()

"""Posts' images in real crawls: fetched from the source's hosts, checked, read with Tesseract,
scored with the caption; and every kind of bad image skipped with its reason, the post kept."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image
from sqlalchemy import select

from crawler.demo_site.flyers import flyer_png
from crawler.demo_site.server import Response, serve_site
from storage.db import open_database, session_factory
from storage.models import ImageFile, Post, PostImage, PostVersion, Score
from tests.conftest import crawl_json, run_patrol, write_sources
from tests.crawler.fixtures import channel, png_bomb

pytestmark = pytest.mark.slow  # crawls in subprocesses, Tesseract

FLYER = ("LOWONGAN KERJA LUAR NEGERI", "ART untuk Taiwan dan Hongkong", "proses cepat 2 minggu",
         "tanpa pelatihan, langsung berangkat", "HUB WA 0812-0000-3301")


def crawl(tmp_path, db, sources, env=None):
    path = write_sources(tmp_path / "sources.toml", sources)
    return run_patrol("crawl", "--sources", str(path), "--json", cwd=tmp_path, db=db, env=env)


def photo_channel(name: str, messages: list[tuple[str, list[str]]]) -> dict:
    content = channel(name, [text for text, _ in messages])
    for message, (_, photos) in zip(content["message"], messages, strict=True):
        message["photos"] = photos
    return content


def versions(db):
    engine = open_database(db)
    with session_factory(engine)() as session:
        rows = session.execute(select(Post, PostVersion).join(
            PostVersion, PostVersion.post_id == Post.id).order_by(Post.id)).all()
        found = {}
        for post, version in rows:
            score = session.scalar(select(Score).where(Score.post_version_id == version.id))
            images = [(i.position, i.url, i.image.sha256, i.image.text) for i in version.images]
            found[post.url] = (post.recruiter_id, version.text, score, images)
    engine.dispose()
    return found


def test_offer_only_in_a_flyer_is_flagged_in_the_image_text_and_links_its_phone(
        tmp_path, sqlite_url):
    flyer = flyer_png(FLYER)
    with serve_site({}, host="localhost") as media:  # the channel's CDN, a host of its own
        media.extra["/file/flyer.png"] = Response(200, "image/png", flyer)
        messages = [("info lengkap di gambar ya", [f"{media.url}/file/flyer.png"]),
                    ("Dibutuhkan ART utk Saudi, visa ziarah, tanpa pelatihan.\n"
                     "minat japri 0812-0000-3301", [])]
        with serve_site({"telegram": [photo_channel("loker", messages)]}) as site:
            result = crawl(tmp_path, sqlite_url, [{"name": "tg", "kind": "telegram",
                                                  "url": f"{site.url}/s/loker",
                                                  "media_hosts": ["localhost"]}])
    assert result.returncode == 0, result.stderr
    summary = crawl_json(result)["tg"]
    assert (summary["posts_new"], summary["flagged"], summary["errors"]) == (2, 2, 0)
    posts = versions(sqlite_url)
    recruiter, caption, score, images = posts[f"{site.url}/loker/1"]
    assert caption == "info lengkap di gambar ya"
    [(position, url, sha256, text)] = images
    assert (position, url) == (1, f"{media.url}/file/flyer.png")
    assert "tanpa pelatihan" in text
    in_image = [f for f in score.flags if f.get("image") == 1]
    assert {"no_training_or_certificate", "contact_private_only"} <= {f["code"] for f in in_image}
    for flag in in_image:  # offsets into the image's own text
        assert text[flag["start"]:flag["end"]] == flag["text"]
    assert not [f for f in score.flags if "image" not in f]  # the caption has none
    [phone] = [e for e in score.entities if e["kind"] == "phone"]
    assert phone["image"] == 1 and phone["value"] == "+6281200003301"
    other_recruiter = posts[f"{site.url}/loker/2"][0]
    assert recruiter is not None and recruiter == other_recruiter  # linked by the flyer's phone

    # The same image posted again, now from the source's own host, crawled with no Tesseract
    # on the PATH: known by its hash, it is not read again, so nothing fails.
    messages[0] = ("info lengkap di gambar ya, kuota terbatas", ["/img/flyer.png"])
    with serve_site({"telegram": [photo_channel("loker", messages)]}) as site2:
        site2.extra["/img/flyer.png"] = Response(200, "image/png", flyer)
        again = crawl(tmp_path, sqlite_url, [{"name": "tg", "kind": "telegram",
                                             "url": f"{site2.url}/s/loker"}],
                      env={"PATH": str(tmp_path)})
    assert again.returncode == 0, again.stderr
    assert crawl_json(again)["tg"]["errors"] == 0 and "/img/flyer.png" in site2.requests
    engine = open_database(sqlite_url)
    with session_factory(engine)() as session:
        assert len(session.scalars(select(ImageFile)).all()) == 1
        assert len(session.scalars(select(PostImage)).all()) == 2
    engine.dispose()


def test_bad_images_are_skipped_with_their_reason_and_every_post_kept(tmp_path, sqlite_url):
    good = flyer_png(FLYER)
    out = BytesIO()
    Image.new("RGB", (400, 300), "white").save(out, "PNG")
    truncated = good[:len(good) // 2]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    page = b"<!DOCTYPE html><html><body>Not found</body></html>"
    extra = {"/img/good.png": Response(200, "image/png", good),
             "/img/truncated.png": Response(200, "image/png", truncated),
             "/img/bomb.png": Response(200, "image/png", png_bomb(40000, 40000)),
             "/img/vector.svg": Response(200, "image/svg+xml", svg),
             "/img/page.png": Response(200, "image/png", page),
             "/img/huge.png": Response(200, "image/png", b"\0" * (50 * 1024 * 1024)),
             **{f"/img/many-{n}.png": Response(200, "image/png", out.getvalue())
                for n in range(100)}}
    with serve_site({}, host="localhost") as elsewhere:
        messages = [("rusak", ["/img/truncated.png"]), ("bom", ["/img/bomb.png"]),
                    ("svg", ["/img/vector.svg"]), ("html", ["/img/page.png"]),
                    ("besar", ["/img/huge.png"]),
                    ("banyak", [f"/img/many-{n}.png" for n in range(100)]),
                    ("lain", [f"{elsewhere.url}/img/good.png"]),
                    ("bagus", ["/img/good.png"])]
        with serve_site({"telegram": [photo_channel("loker", messages)]}, extra=extra) as site:
            result = crawl(tmp_path, sqlite_url, [{"name": "tg", "kind": "telegram",
                                                  "url": f"{site.url}/s/loker"}])
    assert result.returncode == 0, result.stderr
    summary = crawl_json(result)["tg"]
    assert summary["posts_new"] == len(messages)  # every post kept
    assert summary["errors_by_kind"] == {"image_corrupt": 1, "image_bomb": 1, "image_type": 2,
                                         "image_too_large": 1, "image_limit": 1}
    assert elsewhere.requests == []  # an image off the source's hosts is never fetched
    fetched = [p for p in site.requests if p.startswith("/img/many-")]
    assert len(fetched) == 4  # the cap (PATROL_IMAGES_PER_POST)
    for reason in ("cannot decode the image", "too many pixels", "not a raster image (SVG",
                   "not a raster image (HTML", "larger than 5242880 bytes",
                   "100 images; only the first 4 are read"):
        assert reason in result.stderr
    posts = versions(sqlite_url)
    _, _, score, images = posts[f"{site.url}/loker/8"]
    assert images and score.score >= score.threshold  # the good flyer read beside the others


def test_ocr_off_globally_or_for_a_source_fetches_no_image(tmp_path, sqlite_url):
    messages = [("info lengkap di gambar ya", ["/img/flyer.png"])]
    with serve_site({"telegram": [photo_channel("loker", messages)]}) as site:
        site.extra["/img/flyer.png"] = Response(200, "image/png", flyer_png(FLYER))
        source = {"name": "tg", "kind": "telegram", "url": f"{site.url}/s/loker"}
        off = crawl(tmp_path, sqlite_url, [source], env={"PATROL_OCR": "0"})
        assert off.returncode == 0, off.stderr
        (tmp_path / "patrol.db").unlink()
        per_source = crawl(tmp_path, sqlite_url, [{**source, "ocr": False}])
        assert per_source.returncode == 0, per_source.stderr
    assert "/img/flyer.png" not in site.requests
    assert crawl_json(per_source)["tg"]["posts_new"] == 1  # kept, scored on its caption

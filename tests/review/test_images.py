"""The item page shows a post's images from evidence, with the text read from each and the red
flags marked in it; the text is hostile and stays inert."""

from __future__ import annotations

import hashlib
import re

from review.app import create_app
from tests.review.conftest import IMAGE_TEXT


def test_the_item_page_shows_each_image_with_its_text_and_flags(browser, image_item):
    item_id, body = image_item
    rina = browser("rina")
    page = rina.get(f"/items/{item_id}").text
    assert f'<img src="/items/{item_id}/images/1"' in page
    assert "Teks yang terbaca dari gambar" in page
    assert "<script>alert(9)" not in page and "&lt;script&gt;alert(9)&lt;/script&gt;" in page
    marked = re.findall(r'<mark data-codes="([^"]+)"[^>]*>([^<]*)</mark>', page)
    assert ("no_training_or_certificate", "tanpa pelatihan") in marked
    assert "(di gambar 1)" in page
    caption = re.search(r'id="post-text">(.*?)</div>', page, re.S).group(1)
    assert "<mark" not in caption  # the image's flags are not laid over the caption

    image = rina.get(f"/items/{item_id}/images/1")
    assert image.status_code == 200 and image.content == body
    assert image.headers["content-type"] == "image/png"
    assert image.headers["x-content-type-options"] == "nosniff"
    assert rina.get(f"/items/{item_id}/images/2").status_code == 404


def test_images_are_only_for_signed_in_reviewers(review_engine, image_item):
    from fastapi.testclient import TestClient

    item_id, _ = image_item
    client = TestClient(create_app(review_engine), follow_redirects=False)
    response = client.get(f"/items/{item_id}/images/1")
    assert response.status_code in (303, 401) and not response.content.startswith(b"\x89PNG")


def test_the_packet_holds_each_image_with_its_hash_and_verify_catches_a_changed_one(
        browser, image_item, tmp_path):
    import json

    from review import packets

    item_id, body = image_item
    rina = browser("rina")
    rina.get("/")
    response = rina.post(f"/items/{item_id}/evidence-packet")
    assert response.status_code == 200, response.text
    packet = tmp_path / "packet.zip"
    packet.write_bytes(response.content)
    assert packets.verify(packet) == []
    files = packets.read(packet)
    digest = hashlib.sha256(body).hexdigest()
    assert files[f"images/{digest}.png"] == body
    [version] = json.loads(files["manifest.json"])["posts"][0]["versions"]
    [image] = version["images"]
    assert (image["sha256"], image["text"], image["url"]) == (
        digest, IMAGE_TEXT, "https://cdn4.telesco.pe/file/x.png")
    report = files["report.html"].decode()
    assert digest in report and "&lt;script&gt;alert(9)" in report and "<script>alert" not in report

    folder = tmp_path / "folder"
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)
    changed = folder / f"images/{digest}.png"
    changed.write_bytes(body[:-1] + bytes([body[-1] ^ 1]))
    problems = packets.verify(folder)
    assert f"images/{digest}.png: differs from the image fetched from " \
           "https://cdn4.telesco.pe/file/x.png" in problems

"""Finding posts' images without fetching them: the spiders' parsing (saved Telegram previews,
the demo's markup, JobPosting, RSS, html selectors), the host rule, the byte checks, the
sources file keys, and how spans are given back to the caption or an image."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import feedparser
import pytest
from PIL import Image
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from classifier import load_scorer, parts
from crawler.demo_site.server import telegram_page
from crawler.images import ImageRefused, check_image, host_allowed
from crawler.sources import SourcesError, parse_sources
from crawler.spiders.feed import _entry_images
from crawler.spiders.html import HtmlSpider
from crawler.spiders.jobposting import job_images
from crawler.spiders.telegram import TelegramSpider
from tests.crawler.fixtures import png_bomb

# Real previews saved from t.me, beside the repository (../shared); skipped where absent.
SAVED = Path(__file__).resolve().parents[3] / "shared" / "pages" / "telegram"
saved = pytest.mark.skipif(not SAVED.is_dir(), reason=f"{SAVED} (saved previews) is absent")


def _source(kind: str, url: str, **keys) -> object:
    keys = {"name": "s", "kind": kind, "url": url, **keys}
    return parse_sources("[[source]]\n" + "".join(f"{key} = {json.dumps(value)}\n"
                                                  for key, value in keys.items()))[0]


def _parse(spider_cls, source, url: str, body: bytes) -> list:
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler, source=source)
    crawler.spider = spider
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(url))
    return [item for item in spider.parse_start(response) if hasattr(item, "image_urls")]


def _telegram(name: str) -> dict:
    source = _source("telegram", "https://t.me/s/channel")
    items = _parse(TelegramSpider, source, "https://t.me/s/channel",
                   (SAVED / name).read_bytes())
    return {item.url: item for item in items}, source


@saved
def test_grouped_media_yields_each_photo_but_not_the_video_thumbnail():
    posts, source = _telegram("Apkawa_rust-any2feed_message_media_photo_and_video.html")
    [post] = posts.values()
    assert len(post.image_urls) == 2  # the group holds two photos and a video
    assert all("/file/" in url and not url.endswith(".mp4") for url in post.image_urls)
    assert all(host_allowed(url.split("/")[2], ["t.me"], source.media_hosts)
               for url in post.image_urls)


@saved
def test_single_photos_albums_and_photo_only_messages_from_saved_previews():
    posts, _ = _telegram("Apkawa_rust-any2feed_full.html")
    counts = sorted(len(p.image_urls) for p in posts.values() if p.image_urls)
    assert counts == [1, 1, 2, 6]  # two single photos, an album of two, an album of six
    posts, _ = _telegram("juandresrodca_sherlock-telegram_channel_feed.html")
    photo_only = [p for p in posts.values() if p.image_urls and not p.text]
    assert photo_only  # kept for its picture, where it used to be skipped
    urls = [u for p in posts.values() for u in p.image_urls]
    assert not [u for u in urls if "/img/emoji/" in u]  # emoji are not photos


def test_demo_markup_gives_single_and_grouped_photos_in_order():
    channel = {"channel": "c", "title": "C", "message": [
        {"date": "2026-11-01T08:00:00+00:00", "text": "satu", "photos": ["flyer-a"]},
        {"date": "2026-11-01T09:00:00+00:00", "text": "",
         "photos": ["/x/1.png", "https://cdn4.telesco.pe/file/2.jpg"]},
        {"date": "2026-11-01T10:00:00+00:00", "text": "tanpa gambar"}]}
    html = telegram_page(channel, None, "http://127.0.0.1:9").encode()
    items = _parse(TelegramSpider, _source("telegram", "http://127.0.0.1:9/s/c"),
                   "http://127.0.0.1:9/s/c", html)
    assert [i.image_urls for i in items] == [
        ["http://127.0.0.1:9/media/flyer-a.png"],
        ["http://127.0.0.1:9/x/1.png", "https://cdn4.telesco.pe/file/2.jpg"], []]


def test_jobposting_image_in_each_form_schema_org_allows():
    assert job_images({"image": "/a.png"}) == ["/a.png"]
    assert job_images({"image": {"@type": "ImageObject", "contentUrl": "/b.jpg"}}) == ["/b.jpg"]
    assert job_images({"image": [{"url": "/c.png"}, "/d.png", 7, ""]}) == ["/c.png", "/d.png"]
    assert job_images({}) == []


def test_rss_image_enclosures_and_media_content_but_not_audio():
    feed = feedparser.parse(b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>
<item><title>a</title><link>http://x/1</link>
 <enclosure url="http://x/flyer.jpg" type="image/jpeg" length="10"/>
 <media:content url="http://x/more.png" medium="image"/>
 <media:content url="http://x/flyer.jpg" type="image/jpeg"/></item>
<item><title>b</title><link>http://x/2</link>
 <enclosure url="http://x/talk.mp3" type="audio/mpeg" length="10"/></item>
</channel></rss>""")
    assert [_entry_images(e) for e in feed.entries] == [
        ["http://x/flyer.jpg", "http://x/more.png"], []]


def test_html_sources_take_an_image_selector():
    source = _source("html", "http://forum.test/", item="div.post", text=".body",
                     image="img.flyer::attr(src)")
    body = b"""<div class="post"><p class="body">lihat</p><img class="flyer" src="/f/1.png">
      <img class="avatar" src="/me.png"></div><div class="post"><img class="flyer" src="/f/2.png">
      </div>"""
    items = _parse(HtmlSpider, source, "http://forum.test/", body)
    assert [(i.text, i.image_urls) for i in items] == [
        ("lihat", ["http://forum.test/f/1.png"]), ("", ["http://forum.test/f/2.png"])]
    assert items[0].url != items[1].url  # each has its own anchor


def test_sources_file_image_keys_are_checked():
    telegram = _source("telegram", "https://t.me/s/c")
    assert telegram.ocr is True and "cdn*.telesco.pe" in telegram.media_hosts
    assert _source("feed", "http://x/feed", ocr=False).ocr is False
    assert _source("feed", "http://x/feed").media_hosts == ()
    with pytest.raises(SourcesError, match="source 's': key 'ocr' must be true or false"):
        _source("feed", "http://x/feed", ocr="no")
    with pytest.raises(SourcesError, match="key 'image': selectors are only for kind 'html'"):
        _source("feed", "http://x/feed", image="img::attr(src)")


def test_media_host_patterns_do_not_reach_past_their_labels():
    media = ("cdn*.telesco.pe",)
    assert host_allowed("cdn4.telesco.pe", ["t.me"], media)
    assert host_allowed("t.me", ["t.me"], media)
    assert not host_allowed("cdn4.telesco.pe.attacker.test", ["t.me"], media)
    assert not host_allowed("cdn.x.telesco.pe", ["t.me"], media)
    assert not host_allowed("evil.test", ["t.me"], media) and not host_allowed(None, [], media)


def _png(size=(40, 30), fmt="PNG") -> bytes:
    out = BytesIO()
    Image.new("RGB", size, "white").save(out, fmt)
    return out.getvalue()


def test_image_type_comes_from_the_bytes_and_non_raster_is_refused():
    assert check_image(_png(), "image/png").content_type == "image/png"
    checked = check_image(_png(fmt="JPEG"), "image/png")  # the header was wrong
    assert (checked.content_type, checked.width, checked.height) == ("image/jpeg", 40, 30)
    for body, kind, reason in [
            (b"<!DOCTYPE html><html>404</html>", "image_type", "HTML or other markup"),
            (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "image_type",
             "SVG"),
            (b"%PDF-1.4 ...", "image_type", "unknown bytes")]:
        with pytest.raises(ImageRefused) as refused:
            check_image(body, "image/png")
        assert refused.value.kind == kind and reason in refused.value.reason
        assert "served as image/png" in refused.value.reason


def test_a_decompression_bomb_is_refused_from_its_header():
    with pytest.raises(ImageRefused) as refused:
        check_image(png_bomb(30000, 30000), "image/png")
    assert refused.value.kind == "image_bomb"


def test_spans_are_given_back_to_the_caption_or_the_image_they_are_in():
    caption, image = "hub WA 0812-0000-1111", "LOKER LN\ntanpa pelatihan, visa turis"
    text, where = parts.joined(caption, [(2, image)])
    result = parts.placed(load_scorer("rules").score([text])[0], where)
    for span in [*result.flags, *result.entities]:
        own = caption if span.image is None else image
        assert own[span.start:span.end] == span.text
    assert {f.image for f in result.flags} == {None, 2}
    assert {f.code for f in result.flags if f.image == 2} >= {"no_training_or_certificate"}
    # A text without images is scored and printed as before: no `image` key anywhere.
    plain = load_scorer("rules").score([caption])[0].to_dict()
    assert plain["flags"] and all("image" not in span
                                  for span in plain["flags"] + plain["entities"])
    assert parts.joined("", [(1, "a"), (3, "b")]) == ("a\n\nb", [
        parts.Part(1, 0, "a"), parts.Part(3, 3, "b")])

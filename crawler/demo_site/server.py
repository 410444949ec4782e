"""Serves demo content on 127.0.0.1 in the markup real sites use: Telegram channel previews,
a job board with schema.org JobPosting (JSON-LD and microdata), an RSS feed with article pages,
a forum listing and a classifieds board built by JavaScript. Tests start it with their own
content and read its request log."""

from __future__ import annotations

import html
import json
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crawler.demo_site.flyers import flyer_bytes, flyers
from crawler.extract import parse_datetime
from crawler.sources import SourceConfig

CONTENT = Path(__file__).with_name("content.toml")
TELEGRAM_PAGE = 10
LIST_PAGE = 8
ROBOTS = "User-agent: *\nDisallow: /admin/\n"


def load_content(path: Path = CONTENT) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def post_count(content: dict) -> int:
    """How many posts the site serves: channel messages, job ads, news items, forum threads,
    the posts of the board built by JavaScript."""
    messages = sum(len(channel.get("message", [])) for channel in content.get("telegram", []))
    return messages + sum(len(content.get(kind, [])) for kind in ("job", "news", "forum",
                                                                   "board"))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lines(text: str) -> str:
    return "<br/>".join(_e(line) for line in text.split("\n"))


def _page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{_e(title)}'
            f"</title>{head}</head><body>{body}</body></html>")


# --- Telegram channel previews (t.me/s/NAME) ------------------------------------------------


def telegram_page(channel: dict, before: int | None, base: str) -> str:
    name = channel["channel"]
    # Numbered as posted; a deleted message keeps its number and is no longer shown.
    messages = [(i, m) for i, m in enumerate(channel["message"], start=1)
                if not m.get("deleted")]
    if before is not None:
        messages = [(i, m) for i, m in messages if i < before]
    shown = messages[-TELEGRAM_PAGE:]
    parts = []
    if shown and shown[0][0] > 1:
        first = shown[0][0]
        parts.append(f'<a class="tme_messages_more js-messages_more" data-before="{first}" '
                     f'href="/s/{name}?before={first}"></a>')
    for number, msg in shown:
        when = parse_datetime(msg["date"])
        author = (f'<div class="tgme_widget_message_from_author">{_e(msg["signed"])}</div>'
                  if msg.get("signed") else "")
        photos = _photos(msg.get("photos", []), f"{base}/{name}/{number}", base)
        parts.append(f"""
<div class="tgme_widget_message_wrap js-widget_message_wrap">
 <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{name}/{number}" data-view="x">
  <div class="tgme_widget_message_bubble">
   <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="{base}/{name}"><span dir="auto">{_e(channel["title"])}</span></a></div>
   {author}
   {photos}
   <div class="tgme_widget_message_text js-message_text" dir="auto">{_lines(msg["text"])}</div>
   <div class="tgme_widget_message_footer compact js-message_footer">
    <div class="tgme_widget_message_info short js-message_info">
     <span class="tgme_widget_message_views">{100 + 37 * number}</span>
     <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="{base}/{name}/{number}"><time datetime="{when.isoformat()}" class="time">{when:%H:%M}</time></a></span>
    </div>
   </div>
  </div>
 </div>
</div>""")
    header = (f'<div class="tgme_channel_info_header_title"><span dir="auto">'
              f'{_e(channel["title"])}</span></div>')
    return _page(channel["title"], header + '<section class="tgme_channel_history">'
                 + "".join(parts) + "</section>")


def _photos(photos: list[str], link: str, base: str) -> str:
    """A message's photos in Telegram's markup: one photo, or grouped media. A name is a flyer
    of the demo (served at /media/NAME.png); a path or URL is used as it is (tests)."""
    urls = [p if "/" in p else f"/media/{p}.png" for p in photos]
    urls = [f"{base}{u}" if u.startswith("/") else u for u in urls]
    if len(urls) == 1:
        return (f'<a class="tgme_widget_message_photo_wrap" href="{_e(link)}" style="width:800px;'
                f"background-image:url('{_e(urls[0])}')\"><div class=\"tgme_widget_message_photo\""
                ' style="padding-top:100%"></div></a>')
    wraps = "".join(
        f'<a class="tgme_widget_message_photo_wrap grouped_media_wrap blured js-message_photo" '
        f'style="left:0px;top:0px;width:226px;height:226px;background-image:url(&quot;'
        f'{_e(url)}&quot;)" href="{_e(link)}?single"></a>' for url in urls)
    return ('<div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap">'
            '<div class="tgme_widget_message_grouped js-message_grouped">'
            f'<div class="tgme_widget_message_grouped_layer js-message_grouped_layer">{wraps}'
            "</div></div></div>")


# --- Job board with schema.org JobPosting ---------------------------------------------------


def _salary(job: dict) -> dict:
    currency, amount, unit = job["salary"].split()
    return {"@type": "MonetaryAmount", "currency": currency,
            "value": {"@type": "QuantitativeValue", "value": int(amount), "unitText": unit}}


def _place(job: dict) -> tuple[str, str]:
    *locality, country = [p.strip() for p in job["location"].split(",")]
    return ", ".join(locality) or country, country


def job_page(job: dict) -> str:
    locality, country = _place(job)
    image = f'<link itemprop="image" href="{_e(job["image"])}">' if job.get("image") else ""
    if job.get("format") == "microdata":
        body = f"""
<div itemscope itemtype="https://schema.org/JobPosting">
 <h1 itemprop="title">{_e(job["title"])}</h1>
 <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">{_e(job["company"])}</span></div>
 <meta itemprop="datePosted" content="{_e(job["date"])}">
 <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place"><div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">{_e(locality)}</span>, <span itemprop="addressCountry">{_e(country)}</span></div></div>
 <div itemprop="description">{job["description"]}</div>{image}
</div>"""
        return _page(job["title"], body)
    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": job["title"],
            "description": job["description"], "datePosted": job["date"],
            "hiringOrganization": {"@type": "Organization", "name": job["company"]},
            "jobLocation": {"@type": "Place", "address": {
                "@type": "PostalAddress", "addressLocality": locality,
                "addressCountry": country}},
            "baseSalary": _salary(job)} | ({"image": job["image"]} if job.get("image") else {})
    # "</" inside JSON would end the script element early; escape it as JSON allows.
    script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    head = f'<script type="application/ld+json">{script}</script>'
    body = f'<article><h1>{_e(job["title"])}</h1><p>{_e(job["company"])}</p></article>'
    return _page(job["title"], body, head)


def job_index(jobs: list[dict], page: int) -> str:
    chunk = jobs[(page - 1) * LIST_PAGE: page * LIST_PAGE]
    items = "".join(f'<li><a href="/loker/{_e(j["slug"])}">{_e(j["title"])}</a></li>'
                    for j in chunk)
    more = (f'<a class="next" href="/loker/?page={page + 1}">Berikutnya</a>'
            if page * LIST_PAGE < len(jobs) else "")
    return _page("Papan Loker", f'<h1>Papan Loker</h1><ul>{items}</ul>{more}'
                 '<p><a href="/admin/">admin</a></p>')


# --- News feed (RSS 2.0) ----------------------------------------------------------------------


def rss(news: list[dict], base: str) -> str:
    items = []
    for n in news:
        when = format_datetime(parse_datetime(n["date"]))
        text = (f"<content:encoded>{_e(n['body'])}</content:encoded>" if n.get("full")
                else f"<description>{_e(n.get('summary', ''))}</description>")
        items.append(f"<item><title>{_e(n['title'])}</title><link>{base}/berita/{n['slug']}</link>"
                     f"<guid>{base}/berita/{n['slug']}</guid><pubDate>{when}</pubDate>"
                     f"<dc:creator>{_e(n['author'])}</dc:creator>{text}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kabar Migran</title>'
            f'<link>{base}/berita/</link><description>Berita pekerja migran</description>'
            + "".join(items) + "</channel></rss>")


def article_page(n: dict) -> str:
    return _page(n["title"], '<nav><a href="/berita/">Beranda</a> | Kanal | Indeks</nav>'
                 f'<article><h1>{_e(n["title"])}</h1><div class="entry-content">{n["body"]}'
                 '</div></article><footer>© Kabar Migran (demo)</footer>')


# --- Forum listing (kind html) ----------------------------------------------------------------


def forum_page(threads: list[dict], page: int) -> str:
    chunk = list(enumerate(threads, start=1))[(page - 1) * LIST_PAGE: page * LIST_PAGE]
    parts = [f"""<div class="thread"><div class="meta"><span class="author">{_e(t["author"])}</span>
 <time datetime="{_e(t["date"])}">{_e(t["date"][:10])}</time></div>
 <div class="body">{_lines(t["text"])}</div><a class="permalink" href="/forum/t/{number}">#{number}</a></div>"""
             for number, t in chunk]
    more = (f'<a class="next" href="/forum/?page={page + 1}">Berikutnya</a>'
            if page * LIST_PAGE < len(threads) else "")
    return _page("Forum Info Kerja", "<h1>Forum Info Kerja</h1>" + "".join(parts) + more)


# --- Classifieds board built by JavaScript (kind html, render = true) -----------------------

# The page as a browser gets it: no post in the markup, only a script that fetches them as JSON
# and writes them in with textContent (post text is never markup).
BOARD_SCRIPT = """
const list = document.getElementById("daftar");
fetch("/lapak/posts.json" + location.search).then(r => r.json()).then(data => {
  list.textContent = "";
  for (const post of data.posts) {
    const item = document.createElement("div");
    item.className = "lapak-post";
    const who = document.createElement("span");
    who.className = "penulis";
    who.textContent = post.author;
    const when = document.createElement("time");
    when.setAttribute("datetime", post.date);
    when.textContent = post.date.slice(0, 10);
    const body = document.createElement("div");
    body.className = "isi";
    post.text.split("\\n").forEach((line, n) => {
      if (n) body.appendChild(document.createElement("br"));
      body.appendChild(document.createTextNode(line));
    });
    const link = document.createElement("a");
    link.className = "permalink";
    link.href = "/lapak/p/" + post.number;
    link.textContent = "#" + post.number;
    item.append(who, when, body, link);
    list.appendChild(item);
  }
  if (data.next) {
    const more = document.createElement("a");
    more.className = "next";
    more.href = data.next;
    more.textContent = "Berikutnya";
    list.appendChild(more);
  }
});
"""


def board_page() -> str:
    return _page("Lapak Loker", '<h1><img src="/lapak/logo.png" alt="">Lapak Loker</h1>'
                 '<div id="daftar">Memuat...</div>'
                 f"<noscript>Aktifkan JavaScript.</noscript><script>{BOARD_SCRIPT}</script>")


def board_posts(posts: list[dict], page: int) -> str:
    """One page of the board's posts, as the JSON its script fetches."""
    chunk = list(enumerate(posts, start=1))[(page - 1) * LIST_PAGE: page * LIST_PAGE]
    more = f"/lapak/?page={page + 1}" if page * LIST_PAGE < len(posts) else None
    return json.dumps({"posts": [{"number": n, "author": p["author"], "date": p["date"],
                                  "text": p["text"]} for n, p in chunk], "next": more},
                      ensure_ascii=False)


# --- Serving ----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    delay: float = 0.0  # tests: seconds to wait before answering (a slow or hung site)
    headers: dict[str, str] = field(default_factory=dict)  # tests: Location, Content-Encoding


@dataclass
class Site:
    """Content to serve, extra raw pages by path (tests), and a log of request paths."""

    content: dict
    # Tests: raw answers by path; a list is answered in turn, its last answer repeated.
    extra: dict[str, Response | list[Response]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    url: str = ""
    # Tests: while set, every request waits for it to open (a crawl caught mid-run).
    gate: threading.Event | None = None

    def route(self, target: str) -> Response:
        if target in self.extra:
            answer = self.extra[target]
            if isinstance(answer, list):
                return answer.pop(0) if len(answer) > 1 else answer[0]
            return answer
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query)
        page = int(query.get("page", ["1"])[0]) if query.get("page", ["1"])[0].isdigit() else 1
        if path == "/robots.txt":
            return Response(200, "text/plain", ROBOTS.encode())
        if path.startswith("/media/") and path.endswith(".png"):
            flyer = flyers(self.content).get(path[len("/media/"):-len(".png")])
            if flyer is not None:
                return Response(200, "image/png", flyer_bytes(flyer))
        for channel in self.content.get("telegram", []):
            if path == f"/s/{channel['channel']}":
                before = query.get("before", [None])[0]
                return _html(telegram_page(channel, int(before) if before and before.isdigit()
                                           else None, self.url))
            # A message's own preview (t.me/s/NAME/ID) ends with that message, or with the
            # ones before it once it is deleted.
            anchored = path.removeprefix(f"/s/{channel['channel']}/")
            if anchored != path and anchored.isdigit():
                return _html(telegram_page(channel, int(anchored) + 1, self.url))
        jobs = self.content.get("job", [])
        if path == "/loker/":
            return _html(job_index(jobs, page))
        for job in jobs:
            if path == f"/loker/{job['slug']}" and not job.get("removed"):
                return _html(job_page(job))
        news = self.content.get("news", [])
        if path == "/berita/feed.xml":
            return Response(200, "application/rss+xml; charset=utf-8",
                            rss(news, self.url).encode())
        for n in news:
            if path == f"/berita/{n['slug']}":
                return _html(article_page(n))
        if path == "/forum/":
            return _html(forum_page(self.content.get("forum", []), page))
        if path == "/lapak/":
            return _html(board_page())
        if path == "/lapak/posts.json":
            return Response(200, "application/json; charset=utf-8",
                            board_posts(self.content.get("board", []), page).encode("utf-8"))
        return Response(404, "text/plain", b"not found")


def _html(text: str) -> Response:
    return Response(200, "text/html; charset=utf-8", text.encode("utf-8"))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as real sites do (every reply has a length). Headers and body go out in
        # two writes; without TCP_NODELAY the second waits for a delayed ACK on each request.
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            site.requests.append(self.path)
            if site.gate is not None:
                site.gate.wait(60)
            response = site.route(self.path)
            if response.delay:
                time.sleep(response.delay)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # the request log above is what tests read; keep the terminal quiet

    return Handler


@contextmanager
def serve_site(content: dict | None = None, port: int = 0, host: str = "127.0.0.1",
               extra: dict[str, Response] | None = None) -> Iterator[Site]:
    """Serve `content` (the demo content by default) until the block ends."""
    site = Site(content=load_content() if content is None else content, extra=extra or {})
    try:
        server = ThreadingHTTPServer((host, port), _handler(site))
    except OSError:
        if port == 0:
            raise
        server = ThreadingHTTPServer((host, 0), _handler(site))  # the usual port is taken
    server.daemon_threads = True
    site.url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def job_board(pages: int, flyer_every: int = 0) -> tuple[dict, dict[str, Response]]:
    """A generated job board for benchmarks and scale tests: `pages` JobPosting ads whose
    texts cycle through the demo posts, each made unique, and an index at /loker/ that links
    them all from one page (content and extra pages for `serve_site`). With `flyer_every`,
    every so many ads also carry a flyer image of their own (drawn when first fetched)."""
    demo = load_content()
    texts = [m["text"] for c in demo["telegram"] for m in c["message"]]
    texts += [t["text"] for t in demo["forum"]]
    jobs = []
    for n in range(pages):
        jobs.append({"slug": f"job-{n}", "format": "jsonld" if n % 4 else "microdata",
                     "title": f"Lowongan #{n}", "company": f"Perusahaan {n % 97}",
                     "date": "2026-11-05", "location": "Jeddah, SA", "salary": "SAR 1500 MONTH",
                     "description": "<p>" + texts[n % len(texts)].replace("\n", "<br>")
                                    + f" (ref {n})</p>", "label": "?"})
    flyers = []
    designs = load_content()["flyer"]
    for n in range(0, pages, flyer_every) if flyer_every else ():
        design = designs[n % len(designs)]
        flyers.append({**design, "name": f"job-{n}", "lines": [*design["lines"], f"ref {n}"]})
        jobs[n]["image"] = f"/media/job-{n}.png"
    index = "".join(f'<a href="/loker/{j["slug"]}">{j["title"]}</a>\n' for j in jobs)
    return {"job": jobs, "flyer": flyers}, {"/loker/": Response(200, "text/html",
                                                                 index.encode())}


def demo_sources(base_url: str, content: dict | None = None) -> list[SourceConfig]:
    """The sources that crawl every part of the demo site."""
    content = load_content() if content is None else content
    sources = [SourceConfig(name=f"tg-{c['channel']}", kind="telegram",
                            url=f"{base_url}/s/{c['channel']}")
               for c in content.get("telegram", [])]
    sources.append(SourceConfig(name="papan-loker", kind="jobposting", url=f"{base_url}/loker/"))
    sources.append(SourceConfig(name="kabar-migran", kind="feed",
                                url=f"{base_url}/berita/feed.xml"))
    sources.append(SourceConfig(
        name="forum-info-kerja", kind="html", url=f"{base_url}/forum/",
        selectors={"item": "div.thread", "text": ".body", "link": "a.permalink::attr(href)",
                   "author": ".author::text", "posted_at": "time::attr(datetime)",
                   "next": "a.next::attr(href)"}))
    sources.append(SourceConfig(
        name="lapak-loker", kind="html", url=f"{base_url}/lapak/", render=True,
        wait_for="div.lapak-post", selectors=BOARD_SELECTORS))
    return sources


BOARD_SELECTORS = {"item": "div.lapak-post", "text": ".isi", "link": "a.permalink::attr(href)",
                   "author": ".penulis::text", "posted_at": "time::attr(datetime)",
                   "next": "a.next::attr(href)"}

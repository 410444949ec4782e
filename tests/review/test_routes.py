"""The review app's routes through FastAPI's test client: sign-in, roles, CSRF, claims,
decisions, escaping of hostile text, exports and security headers."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from review.routes import queue as queue_routes
from storage.db import session_factory
from storage.models import AuditEntry, Decision, ReviewItem, User
from tests.review.conftest import PASSWORD, csrf_of


def _item_id(engine, url_part: str) -> int:
    from storage.models import Post, PostVersion

    with session_factory(engine)() as s:
        return s.scalar(select(ReviewItem.id).join(PostVersion).join(Post)
                        .where(Post.url.contains(url_part)))


def test_unauthenticated_requests_are_sent_to_login(browser):
    b = browser()
    for path in ("/", "/items/1", "/dashboard", "/users", "/audit", "/export/decisions.csv"):
        response = b.client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    assert b.client.post("/claim-next", data={"csrf_token": "x"}).status_code == 303


def test_wrong_password_is_refused_and_five_failures_lock_the_name(browser, review_engine):
    b = browser()
    for _ in range(5):
        response = b.login("rina", "salah-sandi")
        assert response.status_code == 401
        assert "Nama atau kata sandi salah" in response.text
    locked = b.login("rina", PASSWORD)
    assert locked.status_code == 401
    assert "Terlalu banyak percobaan gagal" in locked.text
    assert browser("budi").get("/").status_code == 200  # another name is not locked
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "login_failed")) == 5


def test_after_login_the_user_returns_to_the_page_asked_for_but_never_off_site(browser):
    b = browser()
    page = b.client.get("/login?next=/dashboard")
    token = csrf_of(page.text)
    ok = b.client.post("/login", data={"name": "rina", "password": PASSWORD,
                                       "csrf_token": token, "next": "/dashboard"})
    assert ok.headers["location"] == "/dashboard"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    b2 = browser()
    page = b2.client.get("/login")
    token = csrf_of(page.text)
    evil = b2.client.post("/login", data={"name": "rina", "password": PASSWORD,
                                          "csrf_token": token, "next": "//evil.example/x"})
    assert evil.headers["location"] == "/"


def test_a_reviewer_cannot_reach_admin_pages_or_change_roles(browser, review_engine):
    rina = browser("rina")
    assert rina.get("/users").status_code == 403
    assert rina.get("/audit").status_code == 403
    assert rina.get("/export/decisions.csv").status_code == 403
    response = rina.post("/users/rina/role", {"role": "admin"})
    assert response.status_code == 403
    with session_factory(review_engine)() as s:
        assert s.scalar(select(User.role).where(User.name == "rina")) == "reviewer"
    adi = browser("adi")
    assert adi.get("/users").status_code == 200
    assert adi.post("/users/rina/role", {"role": "analyst"}).status_code == 303
    with session_factory(review_engine)() as s:
        assert s.scalar(select(User.role).where(User.name == "rina")) == "analyst"


def test_a_post_without_a_valid_csrf_token_is_refused(browser, review_engine):
    rina = browser("rina")
    assert rina.post("/claim-next", {"csrf_token": "forged"}).status_code == 403
    assert rina.post("/claim-next", csrf=False).status_code == 400
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(ReviewItem)
                        .where(ReviewItem.status == "claimed")) == 0


def test_claim_decide_and_the_audit_entry(browser, review_engine):
    rina = browser("rina")
    claimed = rina.post("/claim-next")
    assert claimed.status_code == 303
    item_url = claimed.headers["location"]
    page = rina.get(item_url)
    assert page.status_code == 200
    assert "<mark" in page.text and "Simpan keputusan" in page.text
    decided = rina.post(item_url + "/decision", {"verdict": "illegal",
                                                  "reasons": ["visit_visa_for_work"],
                                                  "note": "jelas ilegal"})
    assert decided.status_code == 303, decided.text
    item_id = int(item_url.rsplit("/", 1)[1])
    with session_factory(review_engine)() as s:
        decision = s.scalars(select(Decision)).one()
        assert (decision.review_item_id, decision.verdict, decision.reason_codes) == (
            item_id, "illegal", ["visit_visa_for_work"])
        assert s.get(ReviewItem, item_id).status == "decided"
        actions = [a for (a,) in s.execute(select(AuditEntry.action).where(
            AuditEntry.target == f"item:{item_id}").order_by(AuditEntry.id))]
        assert actions == ["claim", "decision"]
    assert "Diputus" in rina.get(item_url).text


def test_a_claim_held_by_someone_else_cannot_be_decided(browser, review_engine):
    rina, budi = browser("rina"), browser("budi")
    item_url = rina.post("/claim-next").headers["location"]
    refused = budi.post(item_url + "/decision", {"verdict": "benign", "reasons": ["other"],
                                                  "note": "x"})
    assert refused.status_code == 409
    assert budi.post(item_url + "/claim").status_code == 409
    other = budi.post("/claim-next").headers["location"]
    assert other != item_url  # budi gets the next item, not rina's
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0


def test_other_reason_needs_a_note_and_unsure_goes_to_an_admin(browser, review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    assert rina.post(item_url + "/decision", {"verdict": "benign",
                                              "reasons": ["other"]}).status_code == 409
    assert rina.post(item_url + "/decision", {"verdict": "unsure", "reasons": ["other"],
                                              "note": "perlu dicek"}).status_code == 303
    item_id = int(item_url.rsplit("/", 1)[1])
    assert rina.post(item_url + "/claim").status_code == 409  # waiting for an admin
    adi = browser("adi")
    assert adi.post(item_url + "/claim").status_code == 303
    assert adi.post(item_url + "/decision", {"verdict": "illegal",
                                             "reasons": ["fee_upfront"]}).status_code == 303
    with session_factory(review_engine)() as s:
        assert [d.verdict for d in s.scalars(select(Decision).order_by(Decision.id))] == [
            "unsure", "illegal"]
        assert s.get(ReviewItem, item_id).status == "decided"


def test_hostile_post_text_renders_as_inert_text(browser, review_engine):
    rina = browser("rina")
    item_id = _item_id(review_engine, "jobs.test/4")
    page = rina.get(f"/items/{item_id}").text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page
    assert "\u202e" not in page and "[U+202E]" in page
    assert "&lt;b&gt;agen&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(&#39;raw&#39;)" in page  # the raw evidence, escaped
    queue = rina.get("/?q=script").text
    assert "<script>alert" not in queue and "&lt;script&gt;" in queue


def test_security_headers_and_the_sandboxed_evidence(browser, review_engine):
    rina = browser("rina")
    response = rina.get("/")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    evidence = rina.get(f"/items/{_item_id(review_engine, 'jobs.test/4')}/evidence")
    assert evidence.headers["content-type"].startswith("text/plain")
    assert evidence.headers["content-security-policy"].startswith("sandbox")
    assert "<script>alert('raw')</script>" in evidence.text  # as text, not run


def test_queue_filters_search_and_counts(browser):
    rina = browser("rina")
    page = rina.get("/?source=jobs").text
    assert "2 tawaran" in page  # offers: near-duplicates would count once
    assert "2 item" in rina.get("/?source=jobs&view=all").text
    assert "1 tawaran" in rina.get("/?q=kamboja").text
    assert "1 tawaran" in rina.get("/?flag=unofficial_route").text
    assert "0 tawaran" in rina.get("/?status=decided").text
    assert rina.get("/?flag=a%25'--").status_code == 400
    assert "Terbuka: <b>4</b>" in rina.get("/").text


def test_a_broad_match_is_counted_up_to_a_limit_and_still_paged(browser, monkeypatch):
    monkeypatch.setattr(queue_routes, "COUNT_UP_TO", 2)
    monkeypatch.setattr(queue_routes, "PAGE_SIZE", 2)
    rina = browser("rina")
    first = rina.get("/?view=all").text
    assert "lebih dari 2 item" in first
    assert len(re.findall(r'class="text"', first)) == 2
    assert 'href="/?view=all&amp;page=2"' in first  # the count stopped, the paging does not
    second = rina.get("/?view=all&page=2").text
    assert len(re.findall(r'class="text"', second)) == 2
    assert "page=3" not in second  # four items: page 2 is the last
    # Folded by group, the count comes with the page itself, so it is exact.
    assert "4 tawaran, halaman 1 dari 2" in rina.get("/").text


def test_decisions_export_guards_against_spreadsheet_formulas(browser, review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    rina.post(item_url + "/decision", {"verdict": "benign", "reasons": ["other"],
                                       "note": "=HYPERLINK(\"http://evil\",\"klik\")"})
    ana = browser("ana")
    exported = ana.get("/export/decisions.csv")
    assert exported.status_code == 200
    row = list(csv.DictReader(io.StringIO(exported.text)))[0]
    assert row["note"].startswith("'=HYPERLINK")
    assert ana.get("/export/decisions.json").json()[0]["verdict"] == "benign"
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "export")) == 2


def test_logout_ends_the_session(browser):
    rina = browser("rina")
    assert rina.post("/logout").status_code == 303
    assert rina.client.get("/").status_code == 303


def test_dashboard_counts_posts_flags_and_the_queue_precision(browser):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    rina.post(item_url + "/decision", {"verdict": "illegal", "reasons": ["fee_upfront"]})
    page = rina.get("/dashboard")
    assert page.status_code == 200
    assert "<td>lokerln</td><td>2</td><td>2</td>" in page.text
    assert "Presisi antrean (item diputus yang dinilai ilegal): <b>100%</b>" in page.text
    assert 'id="chart-posts"' in page.text and "<rect" in page.text


def test_run_reports_are_for_analysts_with_errors_by_kind(browser, review_engine):
    from storage.models import Source
    from storage.runs import RunCounts, close_run, close_source_run, open_run, open_source_run

    with session_factory(review_engine)() as s:
        run = open_run(s, "crawl")
        source = s.scalar(select(Source.id).where(Source.name == "jobs"))
        part = open_source_run(s, source, run.id)
        close_source_run(s, part.id, RunCounts(pages=3, posts_seen=9, posts_new=4, errors=2,
                                         errors_by_kind={"http_500": 2}, bytes=123456,
                                         seconds=4.5), "finished")
        close_run(s, run.id)
        s.commit()
        run_id = run.id
    assert browser("rina").get("/runs").status_code == 403
    ana = browser("ana")
    listing = ana.get("/runs").text
    assert f'href="/runs/{run_id}"' in listing and "Selesai" in listing
    detail = ana.get(f"/runs/{run_id}").text
    assert "http_500: 2" in detail and "123.456" in detail and ">jobs<" in detail
    assert ana.get("/runs/999").status_code == 404


def test_a_purged_page_is_explained_not_shown(browser, review_engine):
    import zlib

    from storage.models import Evidence, PostVersion
    from storage.models import utcnow as now

    item_id = _item_id(review_engine, "t.me/s/lokerln/1")
    with session_factory(review_engine)() as s:
        evidence_id = s.scalar(select(PostVersion.evidence_id).join(ReviewItem).where(
            ReviewItem.id == item_id))
        s.get(Evidence, evidence_id).body, s.get(Evidence, evidence_id).purged_at = \
            zlib.compress(b""), now()
        s.commit()
    rina = browser("rina")
    page = rina.get(f"/items/{item_id}").text
    assert 'id="purged"' in page and "menurut kebijakan retensi" in page
    assert rina.get(f"/items/{item_id}/evidence").status_code == 404


def test_reviewers_tell_migrant_offers_from_domestic_trafficking(browser, review_engine):
    from classifier import load_scorer
    from storage.posts import PostInput, ScoredPost, store_batch

    text = ("Dicari cewek 15-17 thn utk pemandu lagu di Timika, KTP ditahan bos, gaji "
            "dijelaskan di lokasi. wa 0812-0000-9898")
    with session_factory(review_engine)() as s:
        result = load_scorer("rules").score([text])[0]
        store_batch(s, [ScoredPost(PostInput(url="https://fb.test/lc", platform="facebook",
                                             text=text), result, "threshold")], None)
        s.commit()
        item_id = s.scalar(select(ReviewItem.id).order_by(ReviewItem.id.desc()).limit(1))
    rina = browser("rina")
    domestic = rina.get("/?scope=domestic").text
    assert "1 tawaran" in domestic and "pemandu lagu di Timika" in domestic
    assert "TPPO dalam negeri</span>" in domestic
    migrant = rina.get("/?scope=migrant").text
    assert "4 tawaran" in migrant and "Timika" not in migrant
    refused = rina.get("/?scope=abroad")
    assert refused.status_code == 400 and "Lingkup tidak dikenal." in refused.text
    item = rina.get(f"/items/{item_id}").text
    assert '<dd id="scope">TPPO dalam negeri</dd>' in item
    dashboard = rina.get("/dashboard").text
    assert "<td>TPPO dalam negeri</td><td>1</td><td>0</td>" in dashboard
    assert "<td>Pekerja migran (luar negeri)</td><td>4</td><td>0</td>" in dashboard


def test_an_unknown_reason_code_is_refused_and_nothing_is_stored(browser, review_engine):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    refused = rina.post(item_url + "/decision", {"verdict": "illegal",
                                                  "reasons": ["fee_upfront", "made_up_code"]})
    assert refused.status_code == 409
    assert "alasan tidak dikenal" in refused.text
    with session_factory(review_engine)() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0
    assert rina.post(item_url + "/decision", {"verdict": "illegal",
                                              "reasons": ["fee_upfront"]}).status_code == 303


def test_the_last_admin_cannot_demote_themself_on_the_web(browser, review_engine):
    adi = browser("adi")
    refused = adi.post("/users/adi/role", {"role": "reviewer"})
    assert refused.status_code == 409
    assert "admin aktif terakhir" in refused.text
    with session_factory(review_engine)() as s:
        assert s.scalar(select(User.role).where(User.name == "adi")) == "admin"
    assert adi.get("/users").status_code == 200  # still an admin


def test_a_user_name_with_a_slash_is_refused_when_added_on_the_web(browser, review_engine):
    refused = browser("adi").post("/users", {"name": "ops/night", "role": "reviewer",
                                             "password": PASSWORD})
    assert refused.status_code == 409
    assert "hanya boleh berisi huruf, angka" in refused.text
    with session_factory(review_engine)() as s:
        assert s.scalar(select(User).where(User.name == "ops/night")) is None


def test_an_existing_user_with_an_odd_name_can_still_be_managed(browser, review_engine):
    with session_factory(review_engine)() as s:  # made before names were restricted
        s.add(User(name="ops/night?x", role="reviewer", password_hash="-"))
        s.commit()
    adi = browser("adi")
    page = adi.get("/users").text
    role_form, active_form = re.findall(r'action="(/users/ops[^"]*)"', page)
    assert adi.post(role_form, {"role": "analyst"}).status_code == 303
    assert adi.post(active_form, {"active": "0"}).status_code == 303
    with session_factory(review_engine)() as s:
        user = s.scalar(select(User).where(User.name == "ops/night?x"))
        assert (user.role, user.active) == ("analyst", False)


def test_a_reviewer_is_not_offered_a_second_look_at_an_item_waiting_for_an_admin(browser):
    rina = browser("rina")
    item_url = rina.post("/claim-next").headers["location"]
    assert rina.post(item_url + "/decision", {"verdict": "unsure", "reasons": ["other"],
                                              "note": "perlu admin"}).status_code == 303
    for reviewer in (rina, browser("budi")):
        page = reviewer.get(item_url).text
        assert "Ke admin" in page
        assert "Tinjau ulang" not in page and f'action="{item_url}/claim"' not in page
    assert "Tinjau ulang" in browser("adi").get(item_url).text


def test_head_is_answered_like_get_without_a_body(browser):
    rina = browser("rina")
    response = rina.client.head("/")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-security-policy"]
    assert browser().client.head("/").status_code == 303  # signed out: to the login page


def test_queue_rows_show_the_posts_platform_not_import(browser, review_engine):
    from storage.models import Post, Source

    with session_factory(review_engine)() as s:
        imported = Source(name="import", kind="import", url="file:///tmp/manual.jsonl")
        s.add(imported)
        s.flush()
        post = s.scalar(select(Post).where(Post.url.contains("jobs.test/3")))
        post.source_id, post.platform = imported.id, "facebook"
        s.commit()
    page = browser("rina").get("/").text
    assert "facebook · diimpor" in page
    assert "· import ·" not in page


def test_a_cut_text_says_so_with_its_length(browser, review_engine):
    from crawler.pipelines import MAX_TEXT
    from review.display import STORED_TEXT_LIMIT
    from storage.models import PostVersion

    assert STORED_TEXT_LIMIT == MAX_TEXT
    item = _item_id(review_engine, "jobs.test/3")
    with session_factory(review_engine)() as s:
        version = s.scalar(select(PostVersion).join(ReviewItem).where(ReviewItem.id == item))
        version.text = ("Loker admin Kamboja. " * 3000)[:MAX_TEXT]
        s.commit()
    rina = browser("rina")
    queue = rina.get("/").text
    assert "(cuplikan; teks lengkap 50.000 karakter)" in queue
    assert "jumlah per status di atas menghitung setiap item" in queue
    assert "dipotong saat disimpan, pada 50.000 karakter" in rina.get(f"/items/{item}").text


def test_the_dashboard_charts_carry_their_numbers_and_axis_labels(browser):
    page = browser("rina").get("/dashboard").text
    assert "4 unggahan dalam 30 hari; paling banyak 4 sehari." in page
    assert '<p class="y-axis" aria-hidden="true"><span>4</span>' in page
    assert "tanggal (UTC); tinggi batang: item masuk antrean per hari" in page

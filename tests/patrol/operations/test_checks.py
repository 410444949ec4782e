"""Checks after a run: a quiet source, a low yield, a field that stopped being found, too many
errors; on SQLite and PostgreSQL."""

from __future__ import annotations

from patrol.operations.checks import check_run
from storage.posts import ensure_source
from storage.runs import RunCounts, close_run, close_source_run, open_run, open_source_run

USUAL = RunCounts(pages=5, posts_seen=100, posts_new=10,
                  coverage={"posted_at": 1.0, "author": 0.9})


def _run(session, source_id: int, counts: RunCounts, kind: str = "crawl") -> list[dict]:
    run = open_run(session, kind)
    close_source_run(session, open_source_run(session, source_id, run.id).id, counts, "finished")
    checks = [f.to_dict() for f in check_run(session, run.id)]
    close_run(session, run.id, checks)
    session.commit()
    return checks


def test_a_usual_run_passes_and_a_changed_site_is_caught(session):
    source = ensure_source(session, "loker", "html", "https://loker.test/").id
    for _ in range(3):
        assert _run(session, source, USUAL) == []
    changed = RunCounts(pages=5, posts_seen=95, coverage={"posted_at": 0.1, "author": 0.9})
    [check] = _run(session, source, changed)
    assert check["check"] == "coverage_drop" and check["source"] == "loker"
    assert "10% of posts have posted_at, against 100% before" in check["message"]


def test_a_quiet_source_and_a_low_yield_are_reported(session):
    quiet = ensure_source(session, "sepi", "telegram", "https://t.me/s/sepi").id
    assert [c["check"] for c in _run(session, quiet, RunCounts(pages=2))] == ["zero_posts"]
    source = ensure_source(session, "tg", "telegram", "https://t.me/s/x").id
    for _ in range(3):
        _run(session, source, USUAL)
    [low] = _run(session, source, RunCounts(pages=5, posts_seen=12, coverage=USUAL.coverage))
    assert low["check"] == "low_yield"
    assert "12 posts, against 100 on average over its last 3 runs" in low["message"]


def test_too_many_errors_name_their_kinds(session):
    source = ensure_source(session, "feed", "feed", "https://feed.test/rss").id
    counts = RunCounts(pages=4, posts_seen=30, errors=3,
                       errors_by_kind={"http_503": 2, "timeout": 1})
    [check] = _run(session, source, counts)
    assert check == {"check": "error_rate", "source": "feed",
                     "message": "feed: 3 errors for 4 pages (http_503 2, timeout 1)"}


def test_no_comparison_before_enough_history(session):
    source = ensure_source(session, "baru", "html", "https://baru.test/").id
    _run(session, source, USUAL)
    assert _run(session, source, RunCounts(pages=5, posts_seen=5, coverage={
        "posted_at": 0.0})) == []  # one earlier run is not a usual yet


def test_a_frontier_workers_share_is_not_judged_as_the_sources_yield(session):
    source = ensure_source(session, "papan", "jobposting", "https://papan.test/").id
    for _ in range(3):
        _run(session, source, USUAL)
    # The other worker fetched all of it: no zero_posts; errors are still this worker's.
    assert _run(session, source, RunCounts(pages=0), kind="frontier") == []
    failing = RunCounts(pages=1, posts_seen=3, errors=2, errors_by_kind={"timeout": 2},
                        coverage={"posted_at": 0.0, "author": 0.9})
    assert [c["check"] for c in _run(session, source, failing, kind="frontier")] == [
        "coverage_drop", "error_rate"]
    # Small worker shares are no usual yield for the next whole crawl to be compared with.
    for _ in range(4):
        _run(session, source, RunCounts(pages=5, posts_seen=10, coverage=USUAL.coverage),
             kind="frontier")
    assert _run(session, source, RunCounts(pages=5, posts_seen=12, coverage=USUAL.coverage)
                ) == [{"check": "low_yield", "source": "papan",
                       "message": "papan yielded 12 posts, against 100 on average over its "
                                  "last 3 runs"}]


def test_a_recheck_is_judged_by_its_errors_alone_and_is_no_history_for_crawls(session):
    source = ensure_source(session, "rk", "telegram", "https://t.me/s/rk").id
    for _ in range(3):
        _run(session, source, USUAL)
    # Three posts looked at again, without dates: no yield, no coverage to compare.
    few = RunCounts(pages=3, posts_seen=2, coverage={"posted_at": 0.0, "author": 0.0})
    for _ in range(4):
        assert _run(session, source, few, kind="recheck") == []
    assert _run(session, source, USUAL) == []  # its usual is still the crawls' 100 posts
    [low] = _run(session, source, RunCounts(pages=5, posts_seen=12, coverage=USUAL.coverage))
    assert "against 100 on average over its last 4 runs" in low["message"]
    failing = RunCounts(pages=1, posts_seen=0, errors=2, errors_by_kind={"timeout": 2})
    assert [c["check"] for c in _run(session, source, failing, kind="recheck")] == [
        "error_rate"]

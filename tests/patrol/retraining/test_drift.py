"""The drift report: scores per source per week, flag codes per week, new frequent terms."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import update

from classifier import Flag, ScoreResult
from patrol.retraining import drift
from storage.models import Post
from storage.posts import PostInput, ScoredPost, ensure_source, store_batch
from tests.conftest import run_patrol

NOW = datetime.fromisoformat("2026-11-23T12:00:00+00:00")  # a Monday


def _fill(session) -> None:
    """Six weeks of one Telegram source: benign chatter, then Kamboja offers, then in the last
    two weeks offers that name Myawaddy, a place the earlier posts never named."""
    source = ensure_source(session, "lokerln", "telegram", "https://t.me/s/lokerln")
    posts = []
    for week in range(6, 0, -1):
        for n in range(4):
            recent = week <= 2
            text = (f"admin online Myawaddy gaji 20jt {n}" if recent and n < 3 else
                    f"admin online kamboja gaji 15jt {n}" if week <= 4 else f"jual motor {n}")
            score = 0.9 if week <= 4 else 0.1
            flags = [Flag("scam_compound_job", "admin online", 0, 12)] if score > 0.5 else []
            posts.append((NOW - timedelta(weeks=week - 1, hours=1), text, score, flags))
    batch = [ScoredPost(PostInput(url=f"https://t.me/s/lokerln/{i}", platform="telegram",
                                  text=text),
                        ScoreResult(score, "illegal" if score > 0.5 else "benign", 0.5, "m1",
                                    flags), None)
             for i, (_, text, score, flags) in enumerate(posts)]
    store_batch(session, batch, source.id)
    for i, (seen, *_rest) in enumerate(posts):
        session.execute(update(Post).where(Post.url == f"https://t.me/s/lokerln/{i}")
                        .values(first_seen=seen))
    session.commit()


def test_drift_shows_the_rise_per_week_and_the_new_term(session):
    _fill(session)
    result = drift.compute(session, "m1", weeks=6, recent_days=10, now=NOW, min_before=5)
    weeks = result.weeks
    assert len(weeks) == 6 and weeks[-1] == NOW.date()
    by_week = result.scores["lokerln"]
    assert [by_week[w].median for w in weeks] == [0.1, 0.1, 0.9, 0.9, 0.9, 0.9]
    assert [by_week[w].flagged_share for w in weeks] == [0, 0, 1, 1, 1, 1]
    assert [result.flags["scam_compound_job"].get(w, 0) for w in weeks] == [0, 0, 4, 4, 4, 4]
    assert (result.flagged_recent, result.flagged_before) == (8, 8)
    top = result.terms[0]
    assert (top.term, top.recent, top.before) == ("myawaddy", 6, 0)
    assert "kamboja" not in [t.term for t in result.terms]  # it became less common
    # With fewer earlier flagged posts than asked for, every recent word would look new.
    assert drift.compute(session, "m1", weeks=6, recent_days=10, now=NOW, min_before=9).terms \
        == []


def test_patrol_report_drift_writes_the_report(tmp_path, db_url, session):
    _fill(session)
    folder = tmp_path / "drift"
    result = run_patrol("report", "drift", "--model", "m1", "--weeks", "52", "--out",
                        str(folder), "--json", cwd=tmp_path, env={"PATROL_DATABASE_URL": db_url})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["flags"] == {"scam_compound_job": 16}
    for name in ("report.md", "report.html", "scores_by_source.png", "flags_over_time.png"):
        assert (folder / name).stat().st_size > 0
    assert "| lokerln |" in (folder / "report.md").read_text("utf-8")

"""Drift: how the posts the model sees change over time. Score distributions per source per
week, red-flag code counts per week, and terms that became frequent in flagged posts lately
(new recruiting slang, a new destination). Written as Markdown and HTML with PNG plots by
`patrol report drift`, and shown on the analysts' page of the review app."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.plots import png, pyplot
from storage.models import Post, PostVersion, Score, ScoreFlag, Source, utcnow

_WORD = re.compile(r"[^\W\d_]{3,}")
# Words every post uses, recruiting or not: a rise in them says nothing.
STOPWORDS = frozenset("""yang dan untuk dengan di ke dari ini itu ada tidak gak nggak yg utk dgn
kami kamu anda saya aku bisa akan juga atau karena jadi sudah udah lagi kalau kalo mau info
hub wa the and for with you your are""".split())


@dataclass(frozen=True)
class WeekScores:
    n: int
    median: float
    p90: float
    flagged_share: float


@dataclass(frozen=True)
class Term:
    term: str
    recent: int  # flagged posts using it in the recent window
    before: int  # ...and in the weeks before
    ratio: float  # how much more common it became (smoothed)


@dataclass
class Drift:
    model: str
    weeks: list[date]  # Mondays, oldest first
    recent_since: date
    scores: dict[str, dict[date, WeekScores]] = field(default_factory=dict)  # per source
    flags: dict[str, dict[date, int]] = field(default_factory=dict)  # per red-flag code
    terms: list[Term] = field(default_factory=list)
    flagged_recent: int = 0
    flagged_before: int = 0


def _monday(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


# Below this many flagged posts before the recent window, every recent word looks new.
MIN_BEFORE = 20


def compute(session: Session, model: str, weeks: int = 12, recent_days: int = 28,
            now: datetime | None = None, top: int = 15, min_posts: int = 3,
            min_before: int = MIN_BEFORE) -> Drift:
    now = now or utcnow()
    start = _monday(now) - timedelta(weeks=weeks - 1)
    recent_since = (now - timedelta(days=recent_days)).date()
    drift = Drift(model=model, weeks=[start + timedelta(weeks=i) for i in range(weeks)],
                  recent_since=recent_since)
    rows = session.execute(
        select(Score.id, Score.score, Score.threshold, Post.first_seen, Source.name,
               PostVersion.text)
        .join(PostVersion, Score.post_version_id == PostVersion.id)
        .join(Post, (Post.id == PostVersion.post_id)
              & (Post.current_version == PostVersion.version))
        .outerjoin(Source, Post.source_id == Source.id)
        .where(Score.model == model,
               Post.first_seen >= datetime.combine(start, datetime.min.time(), now.tzinfo)))
    per_source: dict[str, dict[date, list[tuple[float, bool]]]] = defaultdict(
        lambda: defaultdict(list))
    week_of: dict[int, date] = {}
    recent, before = Counter(), Counter()
    for score_id, score, threshold, seen, source, text in rows:
        week = _monday(seen)
        week_of[score_id] = week
        flagged = score >= threshold
        per_source[source or "(tanpa sumber)"][week].append((score, flagged))
        if flagged:
            words = {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS}
            if seen.date() >= recent_since:
                drift.flagged_recent += 1
                recent.update(words)
            else:
                drift.flagged_before += 1
                before.update(words)
    for source, by_week in sorted(per_source.items()):
        drift.scores[source] = {week: _summary(values) for week, values in sorted(by_week.items())}
    _count_flags(session, drift, week_of)
    if drift.flagged_before >= min_before:
        drift.terms = _new_terms(recent, before, drift.flagged_recent, drift.flagged_before,
                                 top, min_posts)
    return drift


def _summary(values: list[tuple[float, bool]]) -> WeekScores:
    scores = np.array([s for s, _ in values])
    return WeekScores(n=len(values), median=round(float(np.median(scores)), 4),
                      p90=round(float(np.quantile(scores, 0.9)), 4),
                      flagged_share=round(sum(f for _, f in values) / len(values), 4))


def _count_flags(session: Session, drift: Drift, week_of: dict[int, date]) -> None:
    ids = list(week_of)
    counts: dict[str, Counter] = defaultdict(Counter)
    for start in range(0, len(ids), 5000):
        for score_id, code in session.execute(select(ScoreFlag.score_id, ScoreFlag.code).where(
                ScoreFlag.score_id.in_(ids[start:start + 5000]))):
            counts[code][week_of[score_id]] += 1
    drift.flags = {code: dict(sorted(c.items())) for code, c in
                   sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))}


def _new_terms(recent: Counter, before: Counter, n_recent: int, n_before: int, top: int,
               min_posts: int) -> list[Term]:
    """Terms whose share of flagged posts grew most, with add-one smoothing so that a word
    never seen before is not an infinite rise."""
    terms = []
    for term, count in recent.items():
        if count < min_posts:
            continue
        ratio = ((count + 1) / (n_recent + 2)) / ((before[term] + 1) / (n_before + 2))
        if ratio > 1:
            terms.append(Term(term, count, before[term], round(ratio, 2)))
    terms.sort(key=lambda t: (-t.ratio, -t.recent, t.term))
    return terms[:top]


# --- the written report -------------------------------------------------------------------


def plots(drift: Drift) -> dict[str, bytes]:
    """PNG figures by file name: flagged share per source per week, flag codes per week."""
    plt = pyplot()
    figures = {}
    fig, ax = plt.subplots(figsize=(7, 4))
    for source, by_week in drift.scores.items():
        ax.plot([w for w in drift.weeks if w in by_week],
                [by_week[w].median for w in drift.weeks if w in by_week], marker="o",
                label=source)
    ax.set(xlabel="week", ylabel="median score", title=f"Median score per source ({drift.model})",
           ylim=(0, 1))
    if drift.scores:
        ax.legend(fontsize="small")
    fig.autofmt_xdate()
    figures["scores_by_source.png"] = png(fig)
    fig, ax = plt.subplots(figsize=(7, 4))
    for code, by_week in list(drift.flags.items())[:8]:
        ax.plot(drift.weeks, [by_week.get(w, 0) for w in drift.weeks], marker=".", label=code)
    ax.set(xlabel="week", ylabel="posts", title="Red-flag codes per week (8 most frequent)")
    if drift.flags:
        ax.legend(fontsize="x-small")
    fig.autofmt_xdate()
    figures["flags_over_time.png"] = png(fig)
    return figures


def write_report(drift: Drift, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in plots(drift).items():
        (directory / name).write_bytes(data)
        written.append(directory / name)
    (directory / "report.md").write_text(_markdown(drift), encoding="utf-8")
    (directory / "report.html").write_text(_html(drift), encoding="utf-8")
    return [directory / "report.md", directory / "report.html", *written]


def _score_rows(drift: Drift) -> list[list[str]]:
    return [[source, week.isoformat(), str(s.n), str(s.median), str(s.p90),
             f"{s.flagged_share:.0%}"]
            for source, by_week in drift.scores.items() for week, s in by_week.items()]


PLOTS = ("scores_by_source.png", "flags_over_time.png")
SCORE_COLUMNS = ["source", "week", "posts", "median", "p90", "flagged"]
TERM_COLUMNS = ["term", "flagged posts lately", "before", "rise"]


def _term_rows(drift: Drift) -> list[list[str]]:
    return [[t.term, str(t.recent), str(t.before), f"x{t.ratio}"] for t in drift.terms]


def _markdown(drift: Drift) -> str:
    def table(columns: list[str], rows: list[list[str]]) -> list[str]:
        cells = [[c.replace("|", "\\|") for c in row] for row in rows]
        return (["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
                + ["| " + " | ".join(row) + " |" for row in cells])

    lines = [f"# Drift report: {drift.model}", "",
             f"Weeks from {drift.weeks[0]} to {drift.weeks[-1]}; recent window since "
             f"{drift.recent_since} ({drift.flagged_recent} flagged posts, "
             f"{drift.flagged_before} before).", "", "## Scores per source and week", ""]
    lines += table(SCORE_COLUMNS, _score_rows(drift))
    lines += ["", "## Terms that became frequent in flagged posts", ""]
    lines += table(TERM_COLUMNS, _term_rows(drift)) if drift.terms else [_no_terms(drift)]
    lines += ["", *(f"![{name}]({name})" for name in PLOTS), ""]
    return "\n".join(lines)


def _no_terms(drift: Drift) -> str:
    if drift.flagged_before < MIN_BEFORE:
        return (f"(too few flagged posts before {drift.recent_since} to compare with: "
                f"{drift.flagged_before})")
    return "(none)"


def _html(drift: Drift) -> str:
    e = html.escape  # source names and terms come from posts: escaped

    def table(columns: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th>{e(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                       for row in rows)
        return f"<table border=1><tr>{head}</tr>{body}</table>"

    return (f"<!doctype html><meta charset='utf-8'><title>Drift {e(drift.model)}</title>"
            f"<h1>Drift report: {e(drift.model)}</h1>"
            f"<p>Recent window since {drift.recent_since}: {drift.flagged_recent} flagged posts, "
            f"{drift.flagged_before} before.</p><h2>Scores per source and week</h2>"
            f"{table(SCORE_COLUMNS, _score_rows(drift))}"
            f"<h2>Terms that became frequent in flagged posts</h2>"
            + (table(TERM_COLUMNS, _term_rows(drift)) if drift.terms
               else f"<p>{e(_no_terms(drift))}</p>")
            + "".join(f"<img src='{name}' width=640>" for name in PLOTS) + "\n")

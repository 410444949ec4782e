"""Decisions as rows for CSV and JSON export."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.display import csv_cell
from storage.models import Decision, Post, PostVersion, ReviewItem, Score, User

COLUMNS = ("decision_id", "item_id", "url", "platform", "verdict", "reasons", "note",
           "reviewer", "decided_at", "applied_from_item", "score", "model", "text")


def decision_rows(session: Session) -> list[dict]:
    query = (select(Decision, ReviewItem, PostVersion, Post, Score, User.name)
             .join(ReviewItem, Decision.review_item_id == ReviewItem.id)
             .join(PostVersion, ReviewItem.post_version_id == PostVersion.id)
             .join(Post, PostVersion.post_id == Post.id)
             .outerjoin(Score, ReviewItem.score_id == Score.id)
             .join(User, Decision.reviewer_id == User.id)
             .order_by(Decision.id))
    return [{"decision_id": d.id, "item_id": item.id, "url": post.url,
             "platform": post.platform, "verdict": d.verdict, "reasons": d.reason_codes,
             "note": d.note, "reviewer": reviewer, "decided_at": d.created_at.isoformat(),
             "applied_from_item": d.applied_from,
             "score": score.score if score else None, "model": score.model if score else None,
             "text": version.text}
            for d, item, version, post, score, reviewer in session.execute(query)]


def to_csv(rows: list[dict]) -> str:
    """CSV whose cells cannot start a spreadsheet formula (see display.csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(" ".join(row[c]) if c == "reasons" else row[c])
                         for c in COLUMNS])
    return buffer.getvalue()

"""Everything one review item's page shows: the post and its versions, its score, who holds it,
its decisions, its near-duplicate group and recruiter, and where imported evidence came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol.cases.takedowns import OnlineStatus, status_of
from patrol.queue.decisions import group_open_items
from patrol.queue.states import get_item
from storage import imports
from storage.models import Decision, Post, PostVersion, ReviewItem, Score, User


@dataclass
class ItemView:
    """Everything the item page shows."""

    item: ReviewItem
    version: PostVersion
    post: Post
    score: Score | None
    source: str | None
    holder: str | None
    versions: list[PostVersion] = field(default_factory=list)
    decisions: list[tuple[Decision, str]] = field(default_factory=list)
    group_size: int = 1  # versions in its near-duplicate group, itself included
    group_open: list[int] = field(default_factory=list)  # other unreviewed items, not held
    recruiter_id: int | None = None
    imported: imports.ImportOrigin | None = None  # the evidence came from `patrol import`
    online: OnlineStatus | None = None  # what `patrol recheck` last found; None: never looked


def item_view(session: Session, item_id: int) -> ItemView:
    item = get_item(session, item_id)
    version = item.version
    post = version.post
    holder = session.get(User, item.claimed_by).name if item.claimed_by else None
    decisions = list(session.execute(
        select(Decision, User.name).join(User, Decision.reviewer_id == User.id)
        .where(Decision.review_item_id == item.id).order_by(Decision.id)).all())
    group_size = session.scalar(select(func.count()).where(
        PostVersion.group_id == version.group_id)) if version.group_id else 1
    return ItemView(item=item, version=version, post=post, score=item.score,
                    source=post.source.name if post.source else None, holder=holder,
                    versions=list(post.versions), decisions=decisions,
                    group_size=group_size, group_open=group_open_items(session, item),
                    recruiter_id=post.recruiter_id,
                    imported=imports.origin(session, version.evidence) if version.evidence
                    else None, online=status_of(session, [post.id]).get(post.id))

"""SQLAlchemy 2 models: every table the project keeps, from posts and their versions to runs.

A post is one canonical URL; its text lives in `post_versions`, one row per distinct text seen
in a row, so an edited post keeps its history. Scores and review items point at a version:
a changed text is scored and queued again, an unchanged one never is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict: JSON, list: JSON}


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    config: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Run(Base):
    """One `patrol crawl` or `patrol import` (or a Scrapyd job): its sources' crawl runs, and
    the checks that failed after it."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # crawl, import, scrapy
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    host: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None]
    checks: Mapped[list] = mapped_column(default=list)
    sources: Mapped[list[CrawlRun]] = relationship(back_populates="run",
                                                   order_by="CrawlRun.id")


class CrawlRun(Base):
    """One source's part of a run."""

    __tablename__ = "crawl_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(100))
    pages: Mapped[int] = mapped_column(default=0)
    posts_seen: Mapped[int] = mapped_column(default=0)
    posts_new: Mapped[int] = mapped_column(default=0)
    posts_changed: Mapped[int] = mapped_column(default=0)
    flagged: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    errors_by_kind: Mapped[dict] = mapped_column(default=dict, server_default="{}")
    bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    seconds: Mapped[float | None] = mapped_column(Float)
    # Share of the posts seen that had each optional field (posted_at, author): a drop means
    # the site changed its markup.
    coverage: Mapped[dict] = mapped_column(default=dict, server_default="{}")
    source: Mapped[Source] = relationship()
    run: Mapped[Run | None] = relationship(back_populates="sources")


class Evidence(Base):
    """A raw response body as fetched, compressed, so a reviewer can see what was there."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("sha256", "final_url"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    final_url: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict] = mapped_column(default=dict)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed
    body_size: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the retention policy removed the body (patrol.operations.retention); sha256 stays.
    purged_at: Mapped[datetime | None]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)  # canonical URL
    platform: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    author: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime | None]
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    current_version: Mapped[int] = mapped_column(default=1)
    recruiter_id: Mapped[int | None] = mapped_column(ForeignKey("recruiters.id"), index=True)
    source: Mapped[Source | None] = relationship()
    versions: Mapped[list[PostVersion]] = relationship(
        back_populates="post", order_by="PostVersion.version")


class PostCheck(Base):
    """One look at whether a post is still online (patrol/cases/rechecks.py): `online` (the
    same text), `changed` (a new version was stored), `gone` (404/410, or no longer on its page)
    or `failed` (the page could not be fetched: no conclusion)."""

    __tablename__ = "post_checks"
    __table_args__ = (Index("ix_post_checks_post_id_checked_at", "post_id", "checked_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[str] = mapped_column(String(16))
    http_status: Mapped[int | None]
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    evidence: Mapped[Evidence | None] = relationship()


class PostVersion(Base):
    __tablename__ = "post_versions"
    __table_args__ = (UniqueConstraint("post_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    # Near-duplicate group: the id of the group's first version (its own id when alone).
    group_id: Mapped[int | None] = mapped_column(index=True)
    post: Mapped[Post] = relationship(back_populates="versions")
    evidence: Mapped[Evidence | None] = relationship()


class Score(Base):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("post_version_id", "model"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"), index=True)
    model: Mapped[str] = mapped_column(String(100))
    score: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(20))
    threshold: Mapped[float] = mapped_column(Float)
    flags: Mapped[list] = mapped_column(default=list)
    entities: Mapped[list] = mapped_column(default=list)
    # migrant or domestic (classifier/scope.py); None for scores made before scope existed.
    scope: Mapped[str | None] = mapped_column(String(20))
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[PostVersion] = relationship()
    codes: Mapped[list[ScoreFlag]] = relationship(cascade="all, delete-orphan")


class ScoreFlag(Base):
    """One red-flag code found by a score, once per code: the flags JSON holds every span, this
    table lets the queue filter and the dashboard count by code with an index."""

    __tablename__ = "score_flags"
    score_id: Mapped[int] = mapped_column(ForeignKey("scores.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebSession(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
    copy of the database does not let anyone sign in."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    user: Mapped[User] = relationship()


class ReviewItem(Base):
    __tablename__ = "review_items"
    __table_args__ = (Index("ix_review_items_status_priority", "status", "priority"),
                      Index("ix_review_items_status_created_at", "status", "created_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"), unique=True)
    score_id: Mapped[int | None] = mapped_column(ForeignKey("scores.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    priority: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(20), default="threshold")
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claim_expires_at: Mapped[datetime | None]
    # The status an item had when claimed: a decided or escalated item being revisited goes
    # back to it when released.
    previous_status: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Its version's near-duplicate group, copied by linking (patrol.cases.groups): the queue folds
    # groups with it, without joining every open item to its version.
    group_id: Mapped[int | None] = mapped_column(index=True)
    version: Mapped[PostVersion] = relationship()
    score: Mapped[Score | None] = relationship()


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_created_at", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    verdict: Mapped[str] = mapped_column(String(20))
    reason_codes: Mapped[list] = mapped_column(default=list)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the decision was taken on another item of the same near-duplicate group and
    # applied to this one with it: the item the reviewer actually read.
    applied_from: Mapped[int | None] = mapped_column(ForeignKey("review_items.id"))


class AuditEntry(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_action_at", "action", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict] = mapped_column(default=dict)


class EvalSlice(Base):
    """A dated slice of decided texts frozen for evaluation: never trained on, scored for every
    candidate model, with the labels they had when frozen."""

    __tablename__ = "eval_slices"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    share: Mapped[float] = mapped_column(Float)
    seed: Mapped[int] = mapped_column(default=0)
    items: Mapped[list[EvalSliceItem]] = relationship(back_populates="slice")


class EvalSliceItem(Base):
    __tablename__ = "eval_slice_items"
    slice_id: Mapped[int] = mapped_column(ForeignKey("eval_slices.id"), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"))
    label: Mapped[str] = mapped_column(String(20))
    slice: Mapped[EvalSlice] = relationship(back_populates="items")
    version: Mapped[PostVersion] = relationship()


class Recruiter(Base):
    """Posts that share a strong identifier (phone, messenger handle, bank account), joined
    transitively. Merged profiles stay as rows pointing at the one they were merged into, so an
    old link to a profile still leads somewhere."""

    __tablename__ = "recruiters"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("recruiters.id"))


class EntityRow(Base):
    """One identifier, normalised (E.164 phone, @handle, bank:number, company name)."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    recruiter_id: Mapped[int | None] = mapped_column(ForeignKey("recruiters.id"), index=True)


class PostEntity(Base):
    """Which post version an identifier was found in, and where in its text."""

    __tablename__ = "post_entities"
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"),
                                                 primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True,
                                           index=True)
    text: Mapped[str] = mapped_column(Text)  # as written in the post


class Signature(Base):
    """A version's MinHash signature, for checking a candidate near-duplicate."""

    __tablename__ = "signatures"
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"),
                                                 primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class LshBucket(Base):
    """One LSH band of a version's signature: versions that share a bucket are candidates."""

    __tablename__ = "lsh_buckets"
    __table_args__ = (Index("ix_lsh_buckets_bucket", "bucket"),)
    post_version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"),
                                                 primary_key=True)
    band: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger)


class Partner(Base):
    """Whom the patrol refers cases to: a regional police command, a platform's reporting
    channel or another agency."""

    __tablename__ = "partners"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # police, platform, agency
    contact: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Referral(Base):
    """A case handed to a partner: decided items, a recruiter or a near-duplicate group, with
    the evidence packet that went with it (kept whole, and its manifest's SHA-256)."""

    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_status_deadline", "status", "deadline"),
                      Index("ix_referrals_partner_created", "partner_id", "created_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(40), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"))
    subject_kind: Mapped[str] = mapped_column(String(20))  # items, recruiter, group
    subject_id: Mapped[int | None]  # the recruiter or group; None for items
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    sent_at: Mapped[datetime | None]
    sent_by: Mapped[str | None] = mapped_column(String(100))
    deadline: Mapped[datetime | None]
    status_at: Mapped[datetime] = mapped_column(default=utcnow)
    notes: Mapped[str] = mapped_column(Text, default="")
    packet_name: Mapped[str | None] = mapped_column(String(200))
    packet_sha256: Mapped[str | None] = mapped_column(String(64))  # of its manifest.json
    # The zip as sent: loaded only when asked for, never by a listing.
    packet_zip: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    partner: Mapped[Partner] = relationship()
    items: Mapped[list[ReferralItem]] = relationship(cascade="all, delete-orphan",
                                                     order_by="ReferralItem.review_item_id")
    events: Mapped[list[ReferralEvent]] = relationship(order_by="ReferralEvent.id")


class ReferralItem(Base):
    """A decided review item a referral is about (every item of its recruiter or group too)."""

    __tablename__ = "referral_items"
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), primary_key=True)
    review_item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), primary_key=True,
                                                index=True)


class ReferralEvent(Base):
    """One change of a referral's status (or a note added), with who made it and when."""

    __tablename__ = "referral_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class LicensedAgency(Base):
    """One licensed placement company (P3MI) from the published register, with its licence
    (SIP3MI) and how long it is valid. `key` is the name normalised for lookup."""

    __tablename__ = "licensed_agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    licence: Mapped[str] = mapped_column(String(100))
    valid_until: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
